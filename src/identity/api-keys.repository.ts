import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../database/query-result';

export interface ApiKeyRow {
  api_key_id: string;
  user_id: string;
  organization_id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

export interface ApiKeyOwnerRow extends ApiKeyRow {
  email: string;
  role: 'USER' | 'ADMIN';
}

const KEY_COLUMNS = `k.api_key_id, k.user_id, k.organization_id, k.name, k.prefix, k.scopes, k.expires_at,
  k.last_used_at, k.revoked_at, k.created_at`;

/** API keys, stored as SHA-256 with a display prefix. */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async insert(key: {
    id: string;
    userId: string;
    orgId: string;
    name: string;
    prefix: string;
    hash: string;
    scopes: string[];
    expiresAt: Date | null;
  }): Promise<ApiKeyRow> {
    const rows: ApiKeyRow[] = await this.on().query(
      `INSERT INTO api_keys AS k (api_key_id, user_id, organization_id, name, prefix, key_hash, scopes, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${KEY_COLUMNS}`,
      [key.id, key.userId, key.orgId, key.name, key.prefix, key.hash, key.scopes, key.expiresAt],
    );
    return rows[0];
  }

  async listOf(userId: string): Promise<ApiKeyRow[]> {
    return this.on().query(
      `SELECT ${KEY_COLUMNS} FROM api_keys k WHERE k.user_id = $1 ORDER BY k.created_at, k.api_key_id`,
      [userId],
    );
  }

  async revoke(userId: string, keyId: string): Promise<ApiKeyRow | null> {
    const rows = returnedRows<ApiKeyRow>(
      await this.on().query(
        `UPDATE api_keys k SET revoked_at = COALESCE(revoked_at, now()) WHERE k.user_id = $1 AND k.api_key_id = $2
       RETURNING ${KEY_COLUMNS}`,
        [userId, keyId],
      ),
    );
    return rows[0] ?? null;
  }

  /** Revokes every live key of the user; answers their ids. */
  async revokeAllOf(m: EntityManager, userId: string): Promise<string[]> {
    const result: unknown = await m.query(
      `UPDATE api_keys SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING api_key_id`,
      [userId],
    );
    return returnedRows<{ api_key_id: string }>(result).map((r) => r.api_key_id);
  }

  async idsOf(m: EntityManager, userId: string): Promise<string[]> {
    const rows: Array<{ api_key_id: string }> = await m.query(`SELECT api_key_id FROM api_keys WHERE user_id = $1`, [
      userId,
    ]);
    return rows.map((r) => r.api_key_id);
  }

  /** The live key with this hash, with its owner; null when unknown, revoked or expired. */
  async findLive(hash: string): Promise<ApiKeyOwnerRow | null> {
    const rows: ApiKeyOwnerRow[] = await this.on().query(
      `SELECT ${KEY_COLUMNS}, u.email, u.role FROM api_keys k JOIN users u ON u.user_id = k.user_id
       WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())`,
      [hash],
    );
    return rows[0] ?? null;
  }

  async touch(keyId: string): Promise<void> {
    await this.on().query(
      `UPDATE api_keys SET last_used_at = now() WHERE api_key_id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [keyId],
    );
  }
}
