import { Module } from '@nestjs/common';
import { LinksModule } from '../links/links.module';
import { PagesController } from './pages.controller';
import { PagesRepository } from './pages.repository';
import { PagesService } from './pages.service';

@Module({
  imports: [LinksModule],
  controllers: [PagesController],
  providers: [PagesService, PagesRepository],
  exports: [PagesService],
})
export class PagesModule {}
