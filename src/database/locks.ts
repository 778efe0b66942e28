import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { OrgScope } from '../common/org-scope';
import { Db } from './db';

/**
 * The advisory locks that serialise writers of one structure until the end of the current
 * transaction: every lock Ocean takes is named here. The 64-bit key is a hash of the name.
 */
@Injectable()
export class Locks {
  constructor(private readonly db: Db) {}

  /** Changes to an organization's page tree: inserts, moves, archive and restore. */
  pageTree(scope: OrgScope): Promise<void> {
    return this.take(`pages:${scope.organizationId}`);
  }

  /** Writes to the blocks of one page: placement and parents stay consistent. */
  pageBlocks(scope: OrgScope, pageId: string): Promise<void> {
    return this.take(`blocks:${scope.organizationId}:${pageId}`);
  }

  /** Link creations of an organization, so two that close a cycle together cannot both pass. */
  links(scope: OrgScope): Promise<void> {
    return this.take(`links:${scope.organizationId}`);
  }

  private async take(name: string): Promise<void> {
    // Outside a transaction the lock would be released at once: a unit of work forgot @Transactional.
    if (!this.db.inTransaction) throw new Error(`The lock ${name.split(':')[0]} needs a transaction`);
    const key = createHash('sha256').update(name).digest().readBigInt64BE(0);
    await this.db.tx.query('SELECT pg_advisory_xact_lock($1)', [key.toString()]);
  }
}
