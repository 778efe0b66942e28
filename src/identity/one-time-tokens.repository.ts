import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { returnedRows } from '../database/query-result';
import { OneTimeToken, type OneTimeTokenPurpose } from './entities/one-time-token.entity';
import { Db } from '../database/db';

/** Single-use mailed tokens (email verification, password reset), kept as SHA-256. */
@Injectable()
export class OneTimeTokensRepository {
  constructor(private readonly db: Db) {}

  private get tx(): EntityManager {
    return this.db.tx;
  }

  async insert(token: Pick<OneTimeToken, 'tokenHash' | 'userId' | 'purpose' | 'expiresAt'>): Promise<void> {
    await this.tx.insert(OneTimeToken, token);
  }

  /** Uses a mail token once; null when unknown, expired, used or of another purpose. */
  async consume(hash: string, purpose: OneTimeTokenPurpose): Promise<string | null> {
    const rows = returnedRows<{ user_id: string }>(
      await this.tx.query(
        `UPDATE one_time_tokens SET used_at = now()
       WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
        [hash, purpose],
      ),
    );
    return rows[0]?.user_id ?? null;
  }

  /** Spends every outstanding token of this purpose of the user (a reset spends its siblings). */
  async spendAll(userId: string, purpose: OneTimeTokenPurpose): Promise<void> {
    await this.tx.update(OneTimeToken, { userId, purpose, usedAt: IsNull() }, { usedAt: () => 'now()' });
  }

  /** Deletes the expired and the used tokens. */
  async purge(): Promise<number> {
    const result = await this.tx
      .createQueryBuilder()
      .delete()
      .from(OneTimeToken)
      .where('expires_at < now() OR used_at IS NOT NULL')
      .execute();
    return result.affected ?? 0;
  }
}
