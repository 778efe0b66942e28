import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { returnedRows } from '../database/query-result';

/** What the administrators see and sweep across the identity's tables. */
@Injectable()
export class AdminRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx(): EntityManager {
    return this.txHost.tx;
  }

  async stats(): Promise<Record<string, number>> {
    const rows: Array<Record<string, number>> = await this.tx.query(`SELECT
      (SELECT count(*)::int FROM users) AS users,
      (SELECT count(*)::int FROM users WHERE role = 'ADMIN') AS admins,
      (SELECT count(*)::int FROM users WHERE is_verified) AS verified_users,
      (SELECT count(*)::int FROM organizations) AS organizations,
      (SELECT count(*)::int FROM sessions WHERE revoked_at IS NULL AND expires_at > now()) AS active_sessions,
      (SELECT count(*)::int FROM api_keys WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())) AS active_api_keys,
      (SELECT count(*)::int FROM revocations WHERE expires_at > now()) AS active_revocations,
      (SELECT count(*)::int FROM pages) AS pages,
      (SELECT count(*)::int FROM blocks) AS blocks`);
    return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
  }

  /** Purges what can no longer matter: expired sessions, tokens, keys and revocations. */
  async cleanup(): Promise<Record<string, number>> {
    const count = async (sql: string): Promise<number> => returnedRows(await this.tx.query(sql)).length;
    return {
      revocations: await count(`DELETE FROM revocations WHERE expires_at < now() RETURNING key`),
      sessions: await count(
        `DELETE FROM sessions WHERE expires_at < now() OR revoked_at < now() - interval '1 day' RETURNING session_id`,
      ),
      refresh_tokens: await count(`DELETE FROM refresh_tokens WHERE expires_at < now() RETURNING token_hash`),
      one_time_tokens: await count(
        `DELETE FROM one_time_tokens WHERE expires_at < now() OR used_at IS NOT NULL RETURNING token_hash`,
      ),
      api_keys: await count(
        `DELETE FROM api_keys WHERE (expires_at < now()) OR (revoked_at < now() - interval '1 day') RETURNING api_key_id`,
      ),
    };
  }
}
