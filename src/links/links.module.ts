import { Module } from '@nestjs/common';
import { LinksStoreModule } from './links-store.module';
import { BlocksStoreModule } from '../blocks/blocks-store.module';
import { PagesStoreModule } from '../pages/pages-store.module';
import { LinksController } from './links.controller';
import { LinksService } from './links.service';

@Module({
  imports: [LinksStoreModule, PagesStoreModule, BlocksStoreModule],
  controllers: [LinksController],
  providers: [LinksService],
  exports: [LinksService],
})
export class LinksModule {}
