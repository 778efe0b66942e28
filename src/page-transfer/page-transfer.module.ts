import { Module } from '@nestjs/common';
import { BlocksModule } from '../blocks/blocks.module';
import { PagesModule } from '../pages/pages.module';
import { PageTransferController } from './page-transfer.controller';
import { PageTransferService } from './page-transfer.service';

@Module({
  imports: [PagesModule, BlocksModule],
  controllers: [PageTransferController],
  providers: [PageTransferService],
})
export class PageTransferModule {}
