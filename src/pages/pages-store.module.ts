import { Module } from '@nestjs/common';
import { PagesRepository } from './pages.repository';

/** The pages table: other modules ask it through PagesRepository. */
@Module({ providers: [PagesRepository], exports: [PagesRepository] })
export class PagesStoreModule {}
