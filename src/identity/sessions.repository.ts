import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { returnedRows } from '../database/query-result';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';
import { Db } from '../database/db';

/**
 * A header kept for information (User-Agent, IP): cut to the column, and never a NUL or a lone
 * surrogate (from the cut or from the client), which PostgreSQL would refuse or rewrite.
 */
const storable = (value: string | undefined, max: number): string | null =>
  value ? value.slice(0, max).replaceAll('\u0000', '').toWellFormed() : null;

export type SpentRefreshToken =
  { status: 'ok'; sessionId: string; userId: string } | { status: 'spent'; sessionId: string } | { status: 'invalid' };

/** Sessions and their single-use refresh tokens. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Db) {}

  private get tx(): EntityManager {
    return this.db.tx;
  }

  async create(session: {
    id: string;
    userId: string;
    expiresAt: Date;
    userAgent?: string;
    ip?: string;
  }): Promise<void> {
    await this.tx.insert(Session, {
      id: session.id,
      userId: session.userId,
      expiresAt: session.expiresAt,
      userAgent: storable(session.userAgent, 300),
      ip: storable(session.ip, 64),
    });
  }

  async insertRefreshToken(
    token: Pick<RefreshToken, 'tokenHash' | 'sessionId' | 'userId' | 'expiresAt'>,
  ): Promise<void> {
    await this.tx.insert(RefreshToken, token);
  }

  /**
   * Spends a refresh token exactly once. Answers `spent` when the token exists but was used
   * before (reuse), `invalid` when unknown, expired or of a revoked session.
   */
  async spendRefreshToken(hash: string): Promise<SpentRefreshToken> {
    const spent = returnedRows<{ session_id: string; user_id: string }>(
      await this.tx.query(
        `UPDATE refresh_tokens r SET used_at = now()
       FROM sessions s
       WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now()
         AND s.session_id = r.session_id AND s.revoked_at IS NULL AND s.expires_at > now()
       RETURNING r.session_id, r.user_id`,
        [hash],
      ),
    );
    if (spent.length) return { status: 'ok', sessionId: spent[0].session_id, userId: spent[0].user_id };
    const known = await this.tx.findOne(RefreshToken, {
      select: { sessionId: true, usedAt: true },
      where: { tokenHash: hash },
    });
    if (known && known.usedAt !== null) return { status: 'spent', sessionId: known.sessionId };
    return { status: 'invalid' };
  }

  /**
   * Revokes sessions (all of a user's, all but one of them, or the given one) and returns the
   * ids it revoked.
   */
  async revoke(filter: { userId?: string; sessionId?: string; exceptSessionId?: string }): Promise<string[]> {
    const update = this.tx
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: () => 'now()' })
      .where('revoked_at IS NULL');
    if (filter.sessionId) update.andWhere('session_id = :sessionId', { sessionId: filter.sessionId });
    else {
      update.andWhere('user_id = :userId', { userId: filter.userId });
      if (filter.exceptSessionId) update.andWhere('session_id <> :except', { except: filter.exceptSessionId });
    }
    const result = await update.returning('session_id').execute();
    return (result.raw as Array<{ session_id: string }>).map((r) => r.session_id);
  }

  /** For administrators: sessions neither revoked nor expired. */
  countActive(): Promise<number> {
    return this.tx
      .createQueryBuilder(Session, 's')
      .where('s.revoked_at IS NULL')
      .andWhere('s.expires_at > now()')
      .getCount();
  }

  /** Deletes expired sessions and those revoked over a day ago (their tokens go with them). */
  async purgeSessions(): Promise<number> {
    const result = await this.tx
      .createQueryBuilder()
      .delete()
      .from(Session)
      .where(`expires_at < now() OR revoked_at < now() - interval '1 day'`)
      .execute();
    return result.affected ?? 0;
  }

  async purgeRefreshTokens(): Promise<number> {
    const result = await this.tx.createQueryBuilder().delete().from(RefreshToken).where('expires_at < now()').execute();
    return result.affected ?? 0;
  }
}
