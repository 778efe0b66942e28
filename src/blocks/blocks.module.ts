import { Module } from '@nestjs/common';
import { BlocksStoreModule } from './blocks-store.module';
import { LinksStoreModule } from '../links/links-store.module';
import { LinksModule } from '../links/links.module';
import { PagesStoreModule } from '../pages/pages-store.module';
import { TagsModule } from '../tags/tags.module';
import { BlocksController } from './blocks.controller';
import { BlocksService } from './blocks.service';

@Module({
  imports: [BlocksStoreModule, PagesStoreModule, LinksStoreModule, LinksModule, TagsModule],
  controllers: [BlocksController],
  providers: [BlocksService],
  exports: [BlocksService],
})
export class BlocksModule {}
