import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { EntityRows, entityRows } from './entity-rows';

export interface UnitOptions {
  /** REPEATABLE READ: every statement of the unit sees one snapshot. */
  isolationLevel?: 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';
}

/** What a repository needs of the database: the current unit of work, and rows by entity. */
@Injectable()
export class Db {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly dataSource: DataSource,
  ) {}

  /** The EntityManager of the current @Transactional unit, or the data source's outside one. */
  get tx(): EntityManager {
    return this.txHost.tx;
  }

  /** True inside a @Transactional unit of work. */
  get inTransaction(): boolean {
    return this.txHost.isTransactionActive();
  }

  /** Runs `work` as one unit of work: in a transaction, or in the caller's (see Transactional). */
  unitOfWork<T>(work: () => Promise<T>, options: UnitOptions = {}): Promise<T> {
    const { isolationLevel } = options;
    return isolationLevel ? this.txHost.withTransaction({ isolationLevel }, work) : this.txHost.withTransaction(work);
  }

  /** The metadata-driven row mapping of an entity, for raw SQL. */
  rows<T>(target: EntityTarget<T>): EntityRows<T> {
    return entityRows(this.dataSource, target);
  }
}
