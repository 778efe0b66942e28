import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AppError } from '../common/errors';
import { hashPassword, verifyPassword } from './passwords';
import { randomToken } from './tokens.service';
import type { User } from './entities/user.entity';
import { UsersRepository } from './users.repository';

/** How long a sign-in waits for a slot while other checks of the account are in flight. */
const LOGIN_SLOT_WAIT_MS = 5000;
/** Settled instead of a real user when the email is unknown: the same statement, no row. */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The password check of sign-in and change-password, under the lockout (MAX_LOGIN_ATTEMPTS). */
@Injectable()
export class PasswordCheckService {
  private readonly logger = new Logger('Security');
  /** Verified against when the email is unknown, so that both failures take the same time. */
  private readonly dummyHash: Promise<string>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
  ) {
    this.dummyHash = hashPassword(randomToken('dummy-'));
  }

  /**
   * The one password check of sign-in and change-password, under the lockout: a check is
   * reserved before the hash is verified (parallel guesses cannot outrun the lock) and settled
   * after it. An unknown email runs the same statements and the same hashing, so that it
   * answers the same 401 in the same time. Checks beyond the limit that are only in flight
   * (concurrent correct sign-ins) wait for a free slot rather than count as failures.
   */
  async check(
    by: { email: string } | { userId: string },
    password: string,
    purpose: 'login' | 'change_password',
    ip?: string,
  ): Promise<User> {
    const { maxLoginAttempts, lockoutMinutes } = this.config.identity;
    const deadline = Date.now() + LOGIN_SLOT_WAIT_MS;
    let attempt = await this.users.reserveLoginAttempt(by, maxLoginAttempts);
    for (let wait = 10; attempt?.reserved === false && !this.isLocked(attempt.user) && Date.now() < deadline;) {
      await sleep(wait);
      wait = Math.min(wait * 2, 100);
      attempt = await this.users.reserveLoginAttempt(by, maxLoginAttempts);
    }
    if (!attempt) {
      await verifyPassword(await this.dummyHash, password);
      await this.users.settleLoginAttempt(NIL_UUID, false, maxLoginAttempts, lockoutMinutes);
      this.event(`${purpose}_failed`, { reason: 'unknown_email', ip });
      throw new AppError('INVALID_CREDENTIALS');
    }
    const { user } = attempt;
    if (!attempt.reserved) {
      if (!this.isLocked(user)) {
        throw new AppError(
          'RATE_LIMITED',
          'Too many sign-ins of this account are in progress; retry shortly.',
          undefined,
          {
            'retry-after': '1',
          },
        );
      }
      this.event(`${purpose}_refused`, { reason: 'locked', user_id: user.id, ip });
      throw this.locked(user.lockedUntil!);
    }
    const check = await verifyPassword(user.passwordHash, password);
    const settled = await this.users.settleLoginAttempt(user.id, check.ok, maxLoginAttempts, lockoutMinutes);
    if (!check.ok) {
      this.event(`${purpose}_failed`, { reason: 'wrong_password', user_id: user.id, ip });
      if (settled.lockedUntil) {
        this.event('account_locked', { user_id: user.id, until: settled.lockedUntil.toISOString() });
      }
      throw new AppError('INVALID_CREDENTIALS');
    }
    // A legacy bcrypt (or weaker argon2) hash is replaced while the password is at hand.
    if (check.needsRehash) await this.users.rehashPassword(user.id, await hashPassword(password));
    return user;
  }

  private isLocked(user: User): boolean {
    return user.lockedUntil !== null && user.lockedUntil.getTime() > Date.now();
  }

  private locked(until: Date): AppError {
    const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    return new AppError(
      'ACCOUNT_LOCKED',
      `Too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} minute(s).`,
      undefined,
      {
        'retry-after': String(seconds),
      },
    );
  }

  /** Security events: who and why, never a password or a token. */
  private event(event: string, fields: Record<string, unknown>): void {
    this.logger.warn({ event, ...fields }, event);
  }
}
