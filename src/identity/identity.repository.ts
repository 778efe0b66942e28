import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../database/query-result';

export interface UserRow {
  user_id: string;
  email: string;
  full_name: string | null;
  password_hash: string;
  role: 'USER' | 'ADMIN';
  is_verified: boolean;
  organization_id: string;
  failed_login_attempts: number;
  locked_until: Date | null;
  /** Increased by every password reset and change. */
  credentials_version: number;
  created_at: Date;
}

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

const USER_COLUMNS = `user_id, email, full_name, password_hash, role, is_verified, organization_id,
  failed_login_attempts, locked_until, credentials_version, created_at`;
/**
 * A header kept for information (User-Agent, IP): cut to the column, and never a NUL or a lone
 * surrogate (from the cut or from the client), which PostgreSQL would refuse or rewrite.
 */
const storable = (value: string | undefined, max: number): string | null =>
  value ? value.slice(0, max).replaceAll('\u0000', '').toWellFormed() : null;

/** Checks in flight, unless the last reservation is so old that its process must have died. */
const IN_FLIGHT = `(CASE WHEN login_reserved_at > now() - interval '1 minute' THEN logins_in_flight ELSE 0 END)`;
const KEY_COLUMNS = `k.api_key_id, k.user_id, k.organization_id, k.name, k.prefix, k.scopes, k.expires_at,
  k.last_used_at, k.revoked_at, k.created_at`;

/** Users, organizations, sessions and the identity's own tokens. */
@Injectable()
export class IdentityRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  // ---- users and organizations -------------------------------------------------------------

  async createUser(
    m: EntityManager,
    user: {
      id: string;
      email: string;
      fullName?: string;
      passwordHash: string;
      role: 'USER' | 'ADMIN';
      orgId: string;
      orgName: string;
    },
  ): Promise<UserRow> {
    await m.query(`INSERT INTO organizations (organization_id, name) VALUES ($1, $2)`, [user.orgId, user.orgName]);
    const rows: UserRow[] = await m.query(
      `INSERT INTO users (user_id, email, full_name, password_hash, role, organization_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${USER_COLUMNS}`,
      [user.id, user.email, user.fullName ?? null, user.passwordHash, user.role, user.orgId],
    );
    await m.query(`INSERT INTO memberships (organization_id, user_id, role) VALUES ($1, $2, 'owner')`, [
      user.orgId,
      user.id,
    ]);
    return rows[0];
  }

  async findUserByEmail(email: string, manager?: EntityManager): Promise<UserRow | null> {
    const rows: UserRow[] = await this.m(manager).query(
      `SELECT ${USER_COLUMNS} FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    return rows[0] ?? null;
  }

  async findUser(userId: string, manager?: EntityManager): Promise<UserRow | null> {
    const rows: UserRow[] = await this.m(manager).query(`SELECT ${USER_COLUMNS} FROM users WHERE user_id = $1`, [
      userId,
    ]);
    return rows[0] ?? null;
  }

  /** A new password (reset, change): the credentials version goes up with it. */
  async setPasswordHash(userId: string, passwordHash: string, manager?: EntityManager): Promise<void> {
    await this.m(manager).query(
      `UPDATE users SET password_hash = $2, credentials_version = credentials_version + 1, updated_at = now()
       WHERE user_id = $1`,
      [userId, passwordHash],
    );
  }

  /** The same password under a stronger hash: the credentials stay what they were. */
  async rehashPassword(userId: string, passwordHash: string): Promise<void> {
    await this.m().query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE user_id = $1`, [
      userId,
      passwordHash,
    ]);
  }

  /**
   * Whether the user's password is still the one a sign-in checked, holding the row (FOR SHARE)
   * until the caller's transaction ends: a reset or change that is under way waits for the
   * session to exist (and then revokes it), or has committed and the session is refused.
   */
  async credentialsStill(m: EntityManager, userId: string, version: number): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM users WHERE user_id = $1 AND credentials_version = $2 FOR SHARE`,
      [userId, version],
    );
    return rows.length > 0;
  }

  /**
   * Reserves a password check for the account with this email (or id), before the hash is
   * verified, so that concurrent guesses cannot all slip past the lock while they hash:
   * confirmed failures plus checks in flight stay below `maxAttempts`. A lock that has run out
   * restarts the count; a reservation older than a minute (a process that died mid-check) no
   * longer counts. One statement whether or not the account exists: the unknown email costs
   * the same work. Answers the user as it was before the reservation, and whether it was made.
   */
  async reserveLoginAttempt(
    by: { email: string } | { userId: string },
    maxAttempts: number,
  ): Promise<{ user: UserRow; reserved: boolean } | null> {
    const target = 'email' in by ? `lower(email) = lower($1)` : `user_id = $1::uuid`;
    const rows: Array<UserRow & { reserved: boolean }> = await this.m().query(
      `WITH target AS (SELECT user_id FROM users WHERE ${target}),
       reserved AS (
         UPDATE users SET
           failed_login_attempts = CASE WHEN locked_until IS NULL THEN failed_login_attempts ELSE 0 END,
           locked_until = NULL,
           logins_in_flight = ${IN_FLIGHT} + 1,
           login_reserved_at = now()
         WHERE user_id IN (SELECT user_id FROM target)
           AND (locked_until IS NULL OR locked_until <= now())
           AND (CASE WHEN locked_until IS NULL THEN failed_login_attempts ELSE 0 END) + ${IN_FLIGHT} < $2
         RETURNING user_id
       )
       SELECT ${USER_COLUMNS}, EXISTS (SELECT 1 FROM reserved) AS reserved
       FROM users WHERE user_id IN (SELECT user_id FROM target)`,
      ['email' in by ? by.email : by.userId, maxAttempts],
    );
    return rows.length ? { user: rows[0], reserved: rows[0].reserved } : null;
  }

  /**
   * Ends a reserved check. A success clears the count and any lock; a failure counts and
   * locks the account when the limit is reached (answering until when). Called with the nil
   * id when the email was unknown, so that both paths run the same statements.
   */
  async settleLoginAttempt(
    userId: string,
    ok: boolean,
    maxAttempts: number,
    lockMinutes: number,
  ): Promise<{ lockedUntil: Date | null }> {
    const rows = returnedRows<{ locked_until: Date | null }>(
      ok
        ? await this.m().query(
            `UPDATE users SET logins_in_flight = GREATEST(logins_in_flight - 1, 0),
               failed_login_attempts = 0, locked_until = NULL
             WHERE user_id = $1::uuid RETURNING locked_until`,
            [userId],
          )
        : await this.m().query(
            `UPDATE users SET logins_in_flight = GREATEST(logins_in_flight - 1, 0),
               failed_login_attempts = failed_login_attempts + 1,
               locked_until = CASE WHEN failed_login_attempts + 1 >= $2 THEN now() + make_interval(mins => $3)
                 ELSE locked_until END
             WHERE user_id = $1::uuid RETURNING locked_until`,
            [userId, maxAttempts, lockMinutes],
          ),
    );
    return { lockedUntil: rows[0]?.locked_until ?? null };
  }

  async clearFailedLogins(userId: string): Promise<void> {
    await this.m().query(
      `UPDATE users SET failed_login_attempts = 0, locked_until = NULL
       WHERE user_id = $1 AND (failed_login_attempts <> 0 OR locked_until IS NOT NULL)`,
      [userId],
    );
  }

  async setVerified(userId: string, manager?: EntityManager): Promise<void> {
    await this.m(manager).query(`UPDATE users SET is_verified = true, updated_at = now() WHERE user_id = $1`, [userId]);
  }

  async listUsers(limit: number, offset: number): Promise<{ users: UserRow[]; total: number }> {
    const rows: Array<UserRow & { total: number }> = await this.m().query(
      `SELECT ${USER_COLUMNS}, count(*) OVER ()::int AS total FROM users ORDER BY created_at, user_id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const total = rows.length ? Number(rows[0].total) : await this.countUsers();
    return { users: rows, total };
  }

  async countUsers(): Promise<number> {
    const rows: Array<{ n: number }> = await this.m().query(`SELECT count(*)::int AS n FROM users`);
    return Number(rows[0].n);
  }

  async anyAdmin(): Promise<boolean> {
    const rows: unknown[] = await this.m().query(`SELECT 1 FROM users WHERE role = 'ADMIN' LIMIT 1`);
    return rows.length > 0;
  }

  async deleteUser(m: EntityManager, userId: string): Promise<void> {
    await m.query(`DELETE FROM users WHERE user_id = $1`, [userId]);
  }

  // ---- sessions and refresh tokens ---------------------------------------------------------

  async createSession(
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
  async revokeSessions(
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

  // ---- single-use mail tokens and the outbox -----------------------------------------------

  async insertOneTimeToken(
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
  async consumeOneTimeToken(m: EntityManager, hash: string, purpose: string): Promise<string | null> {
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
  async spendOneTimeTokens(m: EntityManager, userId: string, purpose: string): Promise<void> {
    await m.query(
      `UPDATE one_time_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
      [userId, purpose],
    );
  }

  async enqueueMail(m: EntityManager, mail: { id: string; to: string; subject: string; body: string }): Promise<void> {
    await m.query(`INSERT INTO mail_outbox (mail_id, to_email, subject, body) VALUES ($1, $2, $3, $4)`, [
      mail.id,
      mail.to,
      mail.subject,
      mail.body,
    ]);
  }

  async markMailSent(mailId: string): Promise<void> {
    await this.m().query(`UPDATE mail_outbox SET sent_at = now() WHERE mail_id = $1`, [mailId]);
  }

  // ---- API keys ------------------------------------------------------------------------------

  async insertApiKey(key: {
    id: string;
    userId: string;
    orgId: string;
    name: string;
    prefix: string;
    hash: string;
    scopes: string[];
    expiresAt: Date | null;
  }): Promise<ApiKeyRow> {
    const rows: ApiKeyRow[] = await this.m().query(
      `INSERT INTO api_keys AS k (api_key_id, user_id, organization_id, name, prefix, key_hash, scopes, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${KEY_COLUMNS}`,
      [key.id, key.userId, key.orgId, key.name, key.prefix, key.hash, key.scopes, key.expiresAt],
    );
    return rows[0];
  }

  async listApiKeys(userId: string): Promise<ApiKeyRow[]> {
    return this.m().query(
      `SELECT ${KEY_COLUMNS} FROM api_keys k WHERE k.user_id = $1 ORDER BY k.created_at, k.api_key_id`,
      [userId],
    );
  }

  async revokeApiKey(userId: string, keyId: string): Promise<ApiKeyRow | null> {
    const rows = returnedRows<ApiKeyRow>(
      await this.m().query(
        `UPDATE api_keys k SET revoked_at = COALESCE(revoked_at, now()) WHERE k.user_id = $1 AND k.api_key_id = $2
       RETURNING ${KEY_COLUMNS}`,
        [userId, keyId],
      ),
    );
    return rows[0] ?? null;
  }

  /** Revokes every live key of the user; answers their ids. */
  async revokeUserApiKeys(m: EntityManager, userId: string): Promise<string[]> {
    const result: unknown = await m.query(
      `UPDATE api_keys SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING api_key_id`,
      [userId],
    );
    return returnedRows<{ api_key_id: string }>(result).map((r) => r.api_key_id);
  }

  async userApiKeyIds(m: EntityManager, userId: string): Promise<string[]> {
    const rows: Array<{ api_key_id: string }> = await m.query(`SELECT api_key_id FROM api_keys WHERE user_id = $1`, [
      userId,
    ]);
    return rows.map((r) => r.api_key_id);
  }

  /** The live key with this hash, with its owner; null when unknown, revoked or expired. */
  async findLiveApiKey(hash: string): Promise<ApiKeyOwnerRow | null> {
    const rows: ApiKeyOwnerRow[] = await this.m().query(
      `SELECT ${KEY_COLUMNS}, u.email, u.role FROM api_keys k JOIN users u ON u.user_id = k.user_id
       WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())`,
      [hash],
    );
    return rows[0] ?? null;
  }

  async touchApiKey(keyId: string): Promise<void> {
    await this.m().query(
      `UPDATE api_keys SET last_used_at = now() WHERE api_key_id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [keyId],
    );
  }

  // ---- administration ------------------------------------------------------------------------

  async stats(): Promise<Record<string, number>> {
    const rows: Array<Record<string, number>> = await this.m().query(`SELECT
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
    const count = async (sql: string): Promise<number> => returnedRows(await this.m().query(sql)).length;
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
