import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { returnedRows } from '../database/query-result';

/** Single-use mailed tokens (email verification, password reset), kept as SHA-256. */
@Injectable()
export class OneTimeTokensRepository {
  async insert(
    m: EntityManager,
    token: { hash: string; userId: string; purpose: 'verify_email' | 'reset_password'; expiresAt: Date },
  ): Promise<void> {
    await m.query(`INSERT INTO one_time_tokens (token_hash, user_id, purpose, expires_at) VALUES ($1, $2, $3, $4)`, [
      token.hash,
      token.userId,
      token.purpose,
      token.expiresAt,
    ]);
  }

  /** Uses a mail token once; null when unknown, expired, used or of another purpose. */
  async consume(m: EntityManager, hash: string, purpose: string): Promise<string | null> {
    const rows = returnedRows<{ user_id: string }>(
      await m.query(
        `UPDATE one_time_tokens SET used_at = now()
       WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
        [hash, purpose],
      ),
    );
    return rows[0]?.user_id ?? null;
  }

  /** Spends every outstanding token of this purpose of the user (a reset spends its siblings). */
  async spendAll(m: EntityManager, userId: string, purpose: string): Promise<void> {
    await m.query(
      `UPDATE one_time_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
      [userId, purpose],
    );
  }
}
