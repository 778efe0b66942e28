import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/**
 * Serialises writers of one structure (say, one organization's page tree) until the end of
 * the current transaction. The 64-bit key comes from a hash of the name.
 */
export async function lockFor(manager: EntityManager, name: string): Promise<void> {
  const key = createHash('sha256').update(name).digest().readBigInt64BE(0);
  await manager.query('SELECT pg_advisory_xact_lock($1)', [key.toString()]);
}
