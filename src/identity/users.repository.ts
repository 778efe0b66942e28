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

const USER_COLUMNS = `user_id, email, full_name, password_hash, role, is_verified, organization_id,
  failed_login_attempts, locked_until, credentials_version, created_at`;

/** Checks in flight, unless the last reservation is so old that its process must have died. */
const IN_FLIGHT = `(CASE WHEN login_reserved_at > now() - interval '1 minute' THEN logins_in_flight ELSE 0 END)`;

/** Accounts: their passwords, the lockout's counters, verification and roles. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async create(
    m: EntityManager,
    user: {
      id: string;
      email: string;
      fullName?: string;
      passwordHash: string;
      role: 'USER' | 'ADMIN';
      orgId: string;
    },
  ): Promise<UserRow> {
    const rows: UserRow[] = await m.query(
      `INSERT INTO users (user_id, email, full_name, password_hash, role, organization_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${USER_COLUMNS}`,
      [user.id, user.email, user.fullName ?? null, user.passwordHash, user.role, user.orgId],
    );
    return rows[0];
  }

  async findByEmail(email: string, manager?: EntityManager): Promise<UserRow | null> {
    const rows: UserRow[] = await this.on(manager).query(
      `SELECT ${USER_COLUMNS} FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    return rows[0] ?? null;
  }

  async find(userId: string, manager?: EntityManager): Promise<UserRow | null> {
    const rows: UserRow[] = await this.on(manager).query(`SELECT ${USER_COLUMNS} FROM users WHERE user_id = $1`, [
      userId,
    ]);
    return rows[0] ?? null;
  }

  /** A new password (reset, change): the credentials version goes up with it. */
  async setPasswordHash(userId: string, passwordHash: string, manager?: EntityManager): Promise<void> {
    await this.on(manager).query(
      `UPDATE users SET password_hash = $2, credentials_version = credentials_version + 1, updated_at = now()
       WHERE user_id = $1`,
      [userId, passwordHash],
    );
  }

  /** The same password under a stronger hash: the credentials stay what they were. */
  async rehashPassword(userId: string, passwordHash: string): Promise<void> {
    await this.on().query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE user_id = $1`, [
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
    const rows: Array<UserRow & { reserved: boolean }> = await this.on().query(
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
        ? await this.on().query(
            `UPDATE users SET logins_in_flight = GREATEST(logins_in_flight - 1, 0),
               failed_login_attempts = 0, locked_until = NULL
             WHERE user_id = $1::uuid RETURNING locked_until`,
            [userId],
          )
        : await this.on().query(
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
    await this.on().query(
      `UPDATE users SET failed_login_attempts = 0, locked_until = NULL
       WHERE user_id = $1 AND (failed_login_attempts <> 0 OR locked_until IS NOT NULL)`,
      [userId],
    );
  }

  async setVerified(userId: string, manager?: EntityManager): Promise<void> {
    await this.on(manager).query(`UPDATE users SET is_verified = true, updated_at = now() WHERE user_id = $1`, [
      userId,
    ]);
  }

  async list(limit: number, offset: number): Promise<{ users: UserRow[]; total: number }> {
    const rows: Array<UserRow & { total: number }> = await this.on().query(
      `SELECT ${USER_COLUMNS}, count(*) OVER ()::int AS total FROM users ORDER BY created_at, user_id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const total = rows.length ? Number(rows[0].total) : await this.count();
    return { users: rows, total };
  }

  async count(): Promise<number> {
    const rows: Array<{ n: number }> = await this.on().query(`SELECT count(*)::int AS n FROM users`);
    return Number(rows[0].n);
  }

  async anyAdmin(): Promise<boolean> {
    const rows: unknown[] = await this.on().query(`SELECT 1 FROM users WHERE role = 'ADMIN' LIMIT 1`);
    return rows.length > 0;
  }

  async remove(m: EntityManager, userId: string): Promise<void> {
    await m.query(`DELETE FROM users WHERE user_id = $1`, [userId]);
  }
}
