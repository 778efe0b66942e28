import { Module } from '@nestjs/common';
import { PagesStoreModule } from './pages-store.module';
import { LinksModule } from '../links/links.module';
import { PagesController } from './pages.controller';
import { PagesService } from './pages.service';

@Module({
  imports: [PagesStoreModule, LinksModule],
  controllers: [PagesController],
  providers: [PagesService],
  exports: [PagesService],
})
export class PagesModule {}
