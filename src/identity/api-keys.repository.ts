import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, Not } from 'typeorm';
import type { EntityRows } from '../database/entity-rows';
import { ApiKey } from './entities/api-key.entity';
import { User } from './entities/user.entity';
import { Db } from '../database/db';

/** A live key and what the guard needs of its owner. */
export interface LiveApiKey {
  key: ApiKey;
  owner: Pick<User, 'email' | 'role'>;
}

/** API keys, stored as SHA-256 with a display prefix. */
@Injectable()
export class ApiKeysRepository {
  private readonly rows: EntityRows<ApiKey>;

  constructor(private readonly db: Db) {
    this.rows = db.rows(ApiKey);
  }

  private get tx(): EntityManager {
    return this.db.tx;
  }

  async insert(
    key: Pick<ApiKey, 'id' | 'userId' | 'organizationId' | 'name' | 'prefix' | 'keyHash' | 'scopes' | 'expiresAt'>,
  ): Promise<ApiKey> {
    const result = await this.tx
      .createQueryBuilder()
      .insert()
      .into(ApiKey)
      .values(key)
      .returning(this.rows.columns('api_keys'))
      .updateEntity(false)
      .execute();
    return this.rows.toEntity((result.raw as Array<Record<string, unknown>>)[0]);
  }

  listOf(userId: string): Promise<ApiKey[]> {
    return this.tx.find(ApiKey, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Revokes the user's key (a revoked one keeps its first revocation time); null when not theirs. */
  async revoke(userId: string, keyId: string): Promise<ApiKey | null> {
    const result = await this.tx
      .createQueryBuilder()
      .update(ApiKey)
      .set({ revokedAt: () => 'COALESCE(revoked_at, now())' })
      .where('user_id = :userId AND api_key_id = :keyId', { userId, keyId })
      .returning(this.rows.columns('api_keys'))
      .updateEntity(false)
      .execute();
    const rows = result.raw as Array<Record<string, unknown>>;
    return rows.length ? this.rows.toEntity(rows[0]) : null;
  }

  /** Revokes every live key of the user; answers their ids. */
  async revokeAllOf(userId: string): Promise<string[]> {
    const result = await this.tx
      .createQueryBuilder()
      .update(ApiKey)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .returning('api_key_id')
      .updateEntity(false)
      .execute();
    return (result.raw as Array<{ api_key_id: string }>).map((r) => r.api_key_id);
  }

  async idsOf(userId: string): Promise<string[]> {
    const keys = await this.tx.find(ApiKey, { select: { id: true }, where: { userId } });
    return keys.map((k) => k.id);
  }

  /** The live key with this hash, with its owner; null when unknown, revoked or expired. */
  async findLive(hash: string): Promise<LiveApiKey | null> {
    const { entities, raw } = await this.tx
      .createQueryBuilder(ApiKey, 'k')
      .innerJoin(User, 'u', 'u.user_id = k.user_id')
      .addSelect('u.email', 'owner_email')
      .addSelect('u.role', 'owner_role')
      .where('k.key_hash = :hash', { hash })
      .andWhere('k.revoked_at IS NULL')
      .andWhere('(k.expires_at IS NULL OR k.expires_at > now())')
      .getRawAndEntities<{ owner_email: string; owner_role: User['role'] }>();
    if (!entities.length) return null;
    return { key: entities[0], owner: { email: raw[0].owner_email, role: raw[0].owner_role } };
  }

  /** Whether a key with this hash was revoked (a refused key's reason, asked on the failure path only). */
  async isRevoked(hash: string): Promise<boolean> {
    return this.tx.exists(ApiKey, { where: { keyHash: hash, revokedAt: Not(IsNull()) } });
  }

  async touch(keyId: string): Promise<void> {
    await this.tx
      .createQueryBuilder()
      .update(ApiKey)
      .set({ lastUsedAt: () => 'now()' })
      .where(`api_key_id = :keyId AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, { keyId })
      .execute();
  }

  /** For administrators: keys neither revoked nor expired. */
  countLive(): Promise<number> {
    return this.tx
      .createQueryBuilder(ApiKey, 'k')
      .where('k.revoked_at IS NULL')
      .andWhere('(k.expires_at IS NULL OR k.expires_at > now())')
      .getCount();
  }

  /** Deletes expired keys and those revoked over a day ago. */
  async purge(): Promise<number> {
    const result = await this.tx
      .createQueryBuilder()
      .delete()
      .from(ApiKey)
      .where(`expires_at < now() OR revoked_at < now() - interval '1 day'`)
      .execute();
    return result.affected ?? 0;
  }
}
