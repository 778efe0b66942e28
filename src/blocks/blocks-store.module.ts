import { Module } from '@nestjs/common';
import { BlocksRepository } from './blocks.repository';

/** The blocks table and their tag assignments: other modules ask it through BlocksRepository. */
@Module({ providers: [BlocksRepository], exports: [BlocksRepository] })
export class BlocksStoreModule {}
