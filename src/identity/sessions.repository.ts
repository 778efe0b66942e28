import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { returnedRows } from '../database/query-result';

/**
 * A header kept for information (User-Agent, IP): cut to the column, and never a NUL or a lone
 * surrogate (from the cut or from the client), which PostgreSQL would refuse or rewrite.
 */
const storable = (value: string | undefined, max: number): string | null =>
  value ? value.slice(0, max).replaceAll('\u0000', '').toWellFormed() : null;

/** Sessions and their single-use refresh tokens. */
@Injectable()
export class SessionsRepository {
  async create(
    m: EntityManager,
    session: { id: string; userId: string; expiresAt: Date; userAgent?: string; ip?: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO sessions (session_id, user_id, expires_at, user_agent, ip) VALUES ($1, $2, $3, $4, $5)`,
      [session.id, session.userId, session.expiresAt, storable(session.userAgent, 300), storable(session.ip, 64)],
    );
  }

  async insertRefreshToken(
    m: EntityManager,
    token: { hash: string; sessionId: string; userId: string; expiresAt: Date },
  ): Promise<void> {
    await m.query(`INSERT INTO refresh_tokens (token_hash, session_id, user_id, expires_at) VALUES ($1, $2, $3, $4)`, [
      token.hash,
      token.sessionId,
      token.userId,
      token.expiresAt,
    ]);
  }

  /**
   * Spends a refresh token exactly once. Answers `spent` when the token exists but was used
   * before (reuse), `invalid` when unknown, expired or of a revoked session.
   */
  async spendRefreshToken(
    m: EntityManager,
    hash: string,
  ): Promise<
    { status: 'ok'; sessionId: string; userId: string } | { status: 'spent'; sessionId: string } | { status: 'invalid' }
  > {
    const spent = returnedRows<{ session_id: string; user_id: string }>(
      await m.query(
        `UPDATE refresh_tokens r SET used_at = now()
       FROM sessions s
       WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now()
         AND s.session_id = r.session_id AND s.revoked_at IS NULL AND s.expires_at > now()
       RETURNING r.session_id, r.user_id`,
        [hash],
      ),
    );
    if (spent.length) return { status: 'ok', sessionId: spent[0].session_id, userId: spent[0].user_id };
    const known: Array<{ session_id: string; used_at: Date | null }> = await m.query(
      `SELECT session_id, used_at FROM refresh_tokens WHERE token_hash = $1`,
      [hash],
    );
    if (known.length && known[0].used_at !== null) return { status: 'spent', sessionId: known[0].session_id };
    return { status: 'invalid' };
  }

  /**
   * Revokes sessions (all of a user's, all but one of them, or the given one) and returns the
   * ids it revoked.
   */
  async revoke(
    m: EntityManager,
    filter: { userId?: string; sessionId?: string; exceptSessionId?: string },
  ): Promise<string[]> {
    const result: unknown = filter.sessionId
      ? await m.query(
          `UPDATE sessions SET revoked_at = now() WHERE session_id = $1 AND revoked_at IS NULL RETURNING session_id`,
          [filter.sessionId],
        )
      : filter.exceptSessionId
        ? await m.query(
            `UPDATE sessions SET revoked_at = now()
             WHERE user_id = $1 AND session_id <> $2 AND revoked_at IS NULL RETURNING session_id`,
            [filter.userId, filter.exceptSessionId],
          )
        : await m.query(
            `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING session_id`,
            [filter.userId],
          );
    return returnedRows<{ session_id: string }>(result).map((r) => r.session_id);
  }
}
