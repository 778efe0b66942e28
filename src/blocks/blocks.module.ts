import { Module } from '@nestjs/common';
import { LinksModule } from '../links/links.module';
import { TagsModule } from '../tags/tags.module';
import { BlocksController } from './blocks.controller';
import { BlocksRepository } from './blocks.repository';
import { BlocksService } from './blocks.service';

@Module({
  imports: [TagsModule, LinksModule],
  controllers: [BlocksController],
  providers: [BlocksService, BlocksRepository],
  exports: [BlocksService],
})
export class BlocksModule {}
