import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { EntityRows } from '../database/entity-rows';
import { returnedRows } from '../database/query-result';
import { User, type UserRole } from './entities/user.entity';
import { Db } from '../database/db';

/** Checks in flight, unless the last reservation is so old that its process must have died. */
const IN_FLIGHT = `(CASE WHEN login_reserved_at > now() - interval '1 minute' THEN logins_in_flight ELSE 0 END)`;

/** Accounts: their passwords, the lockout's counters, verification and roles. */
@Injectable()
export class UsersRepository {
  private readonly rows: EntityRows<User>;

  constructor(private readonly db: Db) {
    this.rows = db.rows(User);
  }

  private get tx(): EntityManager {
    return this.db.tx;
  }

  async create(
    user: Pick<User, 'id' | 'email' | 'passwordHash' | 'role' | 'organizationId'> & { fullName?: string },
  ): Promise<User> {
    const result = await this.tx
      .createQueryBuilder()
      .insert()
      .into(User)
      .values({ ...user, fullName: user.fullName ?? null })
      .returning(this.rows.columns('users'))
      .updateEntity(false)
      .execute();
    return this.rows.toEntity((result.raw as Array<Record<string, unknown>>)[0]);
  }

  findByEmail(email: string): Promise<User | null> {
    return this.tx.createQueryBuilder(User, 'u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  /** On every /me: raw, since TypeORM's findOneBy costs about twice the statement's CPU. */
  async find(userId: string): Promise<User | null> {
    const rows: Array<Record<string, unknown>> = await this.tx.query(
      `SELECT ${this.rows.columns('u')} FROM users u WHERE u.user_id = $1`,
      [userId],
    );
    return rows.length ? this.rows.toEntity(rows[0]) : null;
  }

  /** A new password (reset, change): the credentials version goes up with it. */
  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.tx.update(
      User,
      { id: userId },
      { passwordHash, credentialsVersion: () => 'credentials_version + 1', updatedAt: () => 'now()' },
    );
  }

  /** The same password under a stronger hash: the credentials stay what they were. */
  async rehashPassword(userId: string, passwordHash: string): Promise<void> {
    await this.tx.update(User, { id: userId }, { passwordHash, updatedAt: () => 'now()' });
  }

  /**
   * Whether the user's password is still the one a sign-in checked, holding the row (FOR SHARE)
   * until the caller's transaction ends: a reset or change that is under way waits for the
   * session to exist (and then revokes it), or has committed and the session is refused.
   */
  async credentialsStill(userId: string, version: number): Promise<boolean> {
    const rows: unknown[] = await this.tx.query(
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
  ): Promise<{ user: User; reserved: boolean } | null> {
    const target = 'email' in by ? `lower(email) = lower($1)` : `user_id = $1::uuid`;
    const rows: Array<Record<string, unknown> & { reserved: boolean }> = await this.tx.query(
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
       SELECT ${this.rows.columns('users')}, EXISTS (SELECT 1 FROM reserved) AS reserved
       FROM users WHERE user_id IN (SELECT user_id FROM target)`,
      ['email' in by ? by.email : by.userId, maxAttempts],
    );
    return rows.length ? { user: this.rows.toEntity(rows[0]), reserved: rows[0].reserved } : null;
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
        ? await this.tx.query(
            `UPDATE users SET logins_in_flight = GREATEST(logins_in_flight - 1, 0),
               failed_login_attempts = 0, locked_until = NULL
             WHERE user_id = $1::uuid RETURNING locked_until`,
            [userId],
          )
        : await this.tx.query(
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
    await this.tx
      .createQueryBuilder()
      .update(User)
      .set({ failedLoginAttempts: 0, lockedUntil: null })
      .where('user_id = :userId', { userId })
      .andWhere('(failed_login_attempts <> 0 OR locked_until IS NOT NULL)')
      .execute();
  }

  async setVerified(userId: string): Promise<void> {
    await this.tx.update(User, { id: userId }, { isVerified: true, updatedAt: () => 'now()' });
  }

  async setRole(userId: string, role: UserRole): Promise<void> {
    await this.tx.update(User, { id: userId }, { role, updatedAt: () => 'now()' });
  }

  async list(limit: number, offset: number): Promise<{ users: User[]; total: number }> {
    const [users, total] = await this.tx.findAndCount(User, {
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { users, total };
  }

  /** For administrators: every account, the administrators, the verified ones. */
  async counts(): Promise<{ users: number; admins: number; verified: number }> {
    return {
      users: await this.tx.count(User),
      admins: await this.tx.countBy(User, { role: 'ADMIN' }),
      verified: await this.tx.countBy(User, { isVerified: true }),
    };
  }

  anyAdmin(): Promise<boolean> {
    return this.tx.exists(User, { where: { role: 'ADMIN' } });
  }

  async remove(userId: string): Promise<void> {
    await this.tx.delete(User, { id: userId });
  }
}
