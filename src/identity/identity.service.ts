import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { sha256Hex } from '../auth/jwt-keys';
import type { AuthContext } from '../auth/auth-context';
import { CLOCK_LEEWAY_SECONDS } from '../auth/local-jwt.verifier';
import { Revocation, RevocationStore } from '../auth/revocation.store';
import { cutoffKey, sessionKey } from '../auth/revocation-keys';
import { BackgroundTasks } from '../common/background';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AppError, invalidField } from '../common/errors';
import { isUuid, newId } from '../common/ids';
import { ChangePasswordDto, RegisterDto, TokenPairResponseDto, toUserResponse } from './dto/identity.dto';
import { ApiKeysService } from './api-keys.service';
import { IdentityRepository, UserRow } from './identity.repository';
import { Mail, MailService } from './mail.service';
import { normalizeEmail } from './normalize';
import { hashPassword, passwordProblems, verifyPassword } from './passwords';
import { randomToken, TokensService } from './tokens.service';

const VERIFY_EMAIL_HOURS = 48;
const RESET_PASSWORD_MINUTES = 60;
/** How long a sign-in waits for a slot while other checks of the account are in flight. */
const LOGIN_SLOT_WAIT_MS = 5000;
/** Settled instead of a real user when the email is unknown: the same statement, no row. */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

function weakPassword(password: string, field: string, email?: string): AppError | undefined {
  const errors = passwordProblems(password, field, email);
  if (errors.length === 0) return undefined;
  return new AppError(
    'WEAK_PASSWORD',
    `The password is not acceptable: ${errors.map((e) => e.message).join('; ')}`,
    errors,
  );
}

/** The identity flows of API.md: register, login, refresh with reuse detection, logout, mail flows. */
@Injectable()
export class IdentityService {
  private readonly logger = new Logger('Security');
  /** Verified against when the email is unknown, so that both failures take the same time. */
  private readonly dummyHash: Promise<string>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly repository: IdentityRepository,
    private readonly tokens: TokensService,
    private readonly revocations: RevocationStore,
    private readonly mail: MailService,
    private readonly apiKeys: ApiKeysService,
    private readonly background: BackgroundTasks,
  ) {
    this.dummyHash = hashPassword(randomToken('dummy-'));
  }

  async register(dto: RegisterDto): Promise<UserRow> {
    const email = normalizeEmail(dto.email);
    const weak = weakPassword(dto.password, 'password', email);
    if (weak) throw weak;
    const passwordHash = await hashPassword(dto.password);
    const mails: Array<{ id: string; mail: Mail }> = [];
    let user: UserRow;
    try {
      user = await this.dataSource.transaction(async (m) => {
        const created = await this.repository.createUser(m, {
          id: newId(),
          email,
          fullName: dto.full_name?.trim() || undefined,
          passwordHash,
          role: 'USER',
          orgId: newId(),
          orgName: dto.organization_name?.trim() || email,
        });
        mails.push(await this.verificationMail(m, created));
        return created;
      });
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505') {
        throw new AppError('EMAIL_TAKEN');
      }
      throw err;
    }
    // Queued in the outbox with the account; sent off the request path.
    for (const { id, mail } of mails) this.background.run('mail', () => this.mail.deliver(id, mail));
    this.logger.log({ event: 'user_registered', user_id: user.user_id }, 'user registered');
    return user;
  }

  async login(emailInput: string, password: string, client: ClientInfo): Promise<TokenPairResponseDto> {
    const user = await this.checkPassword({ email: normalizeEmail(emailInput) }, password, 'login', client.ip);
    const pair = await this.dataSource.transaction((m) => this.openSession(m, user, client));
    this.logger.log({ event: 'login_succeeded', user_id: user.user_id }, 'login succeeded');
    return pair;
  }

  /**
   * The one password check of sign-in and change-password, under the lockout: a check is
   * reserved before the hash is verified (parallel guesses cannot outrun the lock) and settled
   * after it. An unknown email runs the same statements and the same hashing, so that it
   * answers the same 401 in the same time. Checks beyond the limit that are only in flight
   * (concurrent correct sign-ins) wait for a free slot rather than count as failures.
   */
  private async checkPassword(
    by: { email: string } | { userId: string },
    password: string,
    purpose: 'login' | 'change_password',
    ip?: string,
  ): Promise<UserRow> {
    const { maxLoginAttempts, lockoutMinutes } = this.config.identity;
    const deadline = Date.now() + LOGIN_SLOT_WAIT_MS;
    let attempt = await this.repository.reserveLoginAttempt(by, maxLoginAttempts);
    for (let wait = 10; attempt?.reserved === false && !this.isLocked(attempt.user) && Date.now() < deadline;) {
      await sleep(wait);
      wait = Math.min(wait * 2, 100);
      attempt = await this.repository.reserveLoginAttempt(by, maxLoginAttempts);
    }
    if (!attempt) {
      await verifyPassword(await this.dummyHash, password);
      await this.repository.settleLoginAttempt(NIL_UUID, false, maxLoginAttempts, lockoutMinutes);
      this.securityEvent(`${purpose}_failed`, { reason: 'unknown_email', ip });
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
      this.securityEvent(`${purpose}_refused`, { reason: 'locked', user_id: user.user_id, ip });
      throw this.locked(user.locked_until!);
    }
    const check = await verifyPassword(user.password_hash, password);
    const settled = await this.repository.settleLoginAttempt(user.user_id, check.ok, maxLoginAttempts, lockoutMinutes);
    if (!check.ok) {
      this.securityEvent(`${purpose}_failed`, { reason: 'wrong_password', user_id: user.user_id, ip });
      if (settled.lockedUntil) {
        this.securityEvent('account_locked', { user_id: user.user_id, until: settled.lockedUntil.toISOString() });
      }
      throw new AppError('INVALID_CREDENTIALS');
    }
    // A legacy bcrypt (or weaker argon2) hash is replaced while the password is at hand.
    if (check.needsRehash) await this.repository.rehashPassword(user.user_id, await hashPassword(password));
    return user;
  }

  private isLocked(user: UserRow): boolean {
    return user.locked_until !== null && user.locked_until.getTime() > Date.now();
  }

  async refresh(refreshToken: string): Promise<TokenPairResponseDto> {
    const outcome = await this.dataSource.transaction(
      async (m): Promise<{ error: AppError } | { pair: TokenPairResponseDto }> => {
        const spent = await this.repository.spendRefreshToken(m, sha256Hex(refreshToken));
        if (spent.status === 'invalid') return { error: new AppError('INVALID_REFRESH_TOKEN') };
        if (spent.status === 'spent') {
          // Reuse: someone holds a copy of a spent token. Revoke the whole session (committed).
          await this.revokeSessions(m, await this.repository.revokeSessions(m, { sessionId: spent.sessionId }));
          this.securityEvent('refresh_token_reused', { session_id: spent.sessionId });
          return { error: new AppError('REFRESH_TOKEN_REUSED') };
        }
        const user = await this.repository.findUser(spent.userId, m);
        if (!user) return { error: new AppError('INVALID_REFRESH_TOKEN') };
        return { pair: await this.issuePair(m, user, spent.sessionId) };
      },
    );
    if ('error' in outcome) throw outcome.error;
    return outcome.pair;
  }

  /** Revokes this access token, and this session (local) or every session of the user (global). */
  async logout(auth: AuthContext, scope: 'local' | 'global'): Promise<void> {
    if (auth.via !== 'jwt') {
      throw new AppError(
        'BAD_REQUEST',
        'Log out with an access token; revoke an API key with DELETE /v1/auth/api-keys/{id}.',
      );
    }
    await this.dataSource.transaction(async (m) => {
      const sessions =
        scope === 'global' && isUuid(auth.userId)
          ? await this.repository.revokeSessions(m, { userId: auth.userId })
          : auth.sessionId && isUuid(auth.sessionId)
            ? await this.repository.revokeSessions(m, { sessionId: auth.sessionId })
            : [];
      const tokenKey = auth.revocationKeys[0];
      const entries: Revocation[] = [
        { key: tokenKey, expiresAt: (auth.expiresAt ?? this.accessHorizon()) + CLOCK_LEEWAY_SECONDS },
      ];
      await this.revokeSessions(m, sessions, entries);
    });
    this.logger.log({ event: 'logout', user_id: auth.userId, scope }, 'logout');
  }

  async me(auth: AuthContext): Promise<UserRow> {
    const user = isUuid(auth.userId) ? await this.repository.findUser(auth.userId) : null;
    if (!user) throw new AppError('INVALID_TOKEN', 'The account behind this credential no longer exists.');
    return user;
  }

  async verifyEmail(token: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const userId = await this.repository.consumeOneTimeToken(m, sha256Hex(token), 'verify_email');
      if (!userId) throw new AppError('INVALID_ONE_TIME_TOKEN');
      await this.repository.setVerified(userId, m);
    });
  }

  /**
   * Always the same answer in the same time, so that nobody learns which emails have accounts:
   * the lookup, the token and the mail happen after the answer, off the request path.
   */
  forgotPassword(emailInput: string): void {
    const email = normalizeEmail(emailInput);
    this.background.run('password_reset_request', () => this.issueResetToken(email));
  }

  private async issueResetToken(email: string): Promise<void> {
    const user = await this.repository.findUserByEmail(email);
    if (!user) {
      this.securityEvent('password_reset_unknown_email', {});
      return;
    }
    const token = randomToken('pr_');
    const mail: Mail = {
      to: user.email,
      subject: 'Reset your Ocean password',
      body:
        `Someone asked to reset the password of your Ocean account.\n\n` +
        `Reset token (valid ${RESET_PASSWORD_MINUTES} minutes, single use): ${token}\n` +
        `POST ${this.config.identity.publicUrl}/v1/auth/reset-password with {"token", "new_password"}.\n\n` +
        `If it was not you, ignore this mail.`,
    };
    const id = await this.dataSource.transaction(async (m) => {
      await this.repository.insertOneTimeToken(m, {
        hash: sha256Hex(token),
        userId: user.user_id,
        purpose: 'reset_password',
        expiresAt: new Date(Date.now() + RESET_PASSWORD_MINUTES * 60_000),
      });
      return this.mail.enqueue(m, mail);
    });
    await this.mail.deliver(id, mail);
    this.securityEvent('password_reset_requested', { user_id: user.user_id });
  }

  /**
   * Sets a new password with a mailed token. The token is single-use and spends the user's
   * other reset tokens; every session is revoked, and so is every access token issued before
   * now (by `iat`, core-style tokens without a session included). API keys survive unless
   * `revokeApiKeys`.
   */
  async resetPassword(token: string, newPassword: string, revokeApiKeys = false): Promise<void> {
    const userId = await this.dataSource.transaction(async (m) => {
      const owner = await this.repository.consumeOneTimeToken(m, sha256Hex(token), 'reset_password');
      if (!owner) throw new AppError('INVALID_ONE_TIME_TOKEN');
      const user = await this.repository.findUser(owner, m);
      const weak = weakPassword(newPassword, 'new_password', user?.email);
      if (weak) throw weak;
      await this.repository.spendOneTimeTokens(m, owner, 'reset_password');
      // Hashed only for a live token: this public route must not let anyone buy argon2 work
      // (19 MiB, tens of ms) with a made-up token.
      await this.repository.setPasswordHash(owner, await hashPassword(newPassword), m);
      await this.revokeEverything(m, owner, { revokeApiKeys });
      return owner;
    });
    // Whoever holds the mailbox may sign in again at once.
    await this.repository.clearFailedLogins(userId);
    this.securityEvent('password_reset', { user_id: userId, api_keys_revoked: revokeApiKeys });
  }

  /**
   * Changes the password after checking the old one under the lockout (a wrong old password
   * counts like a failed sign-in). Revokes like a reset, except the caller's own session.
   */
  async changePassword(auth: AuthContext, dto: ChangePasswordDto): Promise<void> {
    const known = await this.me(auth);
    // Judged first: a refused new password must not touch the account (not even the lockout).
    const weak = weakPassword(dto.new_password, 'new_password', known.email);
    if (weak) throw weak;
    let user: UserRow;
    try {
      user = await this.checkPassword({ userId: known.user_id }, dto.old_password, 'change_password');
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'INVALID_CREDENTIALS') throw err;
      throw invalidField('old_password', 'old_password is incorrect');
    }
    const passwordHash = await hashPassword(dto.new_password);
    const keep = auth.sessionId && isUuid(auth.sessionId) ? auth.sessionId : undefined;
    await this.dataSource.transaction(async (m) => {
      await this.repository.setPasswordHash(user.user_id, passwordHash, m);
      await this.revokeEverything(m, user.user_id, { exceptSessionId: keep });
    });
    this.securityEvent('password_changed', { user_id: user.user_id });
  }

  /** The revocation of a password reset or change, on every instance. */
  private async revokeEverything(
    m: EntityManager,
    userId: string,
    options: { exceptSessionId?: string; revokeApiKeys?: boolean },
  ): Promise<void> {
    const sessions = await this.repository.revokeSessions(m, { userId, exceptSessionId: options.exceptSessionId });
    const now = Date.now() / 1000;
    const entries: Revocation[] = [
      {
        key: cutoffKey(userId),
        issuedBefore: Math.floor(now),
        exceptSession: options.exceptSessionId,
        // Our tokens die within their lifetime; a core-style token's lifetime is not known, so
        // the cut-off is kept as long as the identity's longest credential (a refresh token).
        expiresAt:
          now + Math.max(this.tokens.accessTokenSeconds, this.tokens.refreshTokenSeconds) + CLOCK_LEEWAY_SECONDS,
      },
    ];
    if (options.revokeApiKeys) entries.push(...(await this.apiKeys.revokeAllOf(m, userId)));
    await this.revokeSessions(m, sessions, entries);
  }

  /** Issues a session with its first token pair (login). */
  private async openSession(m: EntityManager, user: UserRow, client: ClientInfo): Promise<TokenPairResponseDto> {
    // The password checked may have been reset meanwhile: then this sign-in must not outlive it.
    if (!(await this.repository.credentialsStill(m, user.user_id, user.credentials_version))) {
      throw new AppError('INVALID_CREDENTIALS');
    }
    const sessionId = newId();
    await this.repository.createSession(m, {
      id: sessionId,
      userId: user.user_id,
      expiresAt: new Date(Date.now() + this.tokens.refreshTokenSeconds * 1000),
      userAgent: client.userAgent,
      ip: client.ip,
    });
    return this.issuePair(m, user, sessionId);
  }

  /**
   * Revokes the access tokens of the given (already revoked) sessions on every instance: they
   * live at most one access-token lifetime, so the keys expire with them.
   */
  async revokeSessions(m: EntityManager, sessionIds: string[], extra: Revocation[] = []): Promise<void> {
    const expiresAt = this.accessHorizon() + CLOCK_LEEWAY_SECONDS;
    await this.revocations.revoke([...extra, ...sessionIds.map((id) => ({ key: sessionKey(id), expiresAt }))], m);
  }

  private accessHorizon(): number {
    return Math.floor(Date.now() / 1000) + this.tokens.accessTokenSeconds;
  }

  private async issuePair(m: EntityManager, user: UserRow, sessionId: string): Promise<TokenPairResponseDto> {
    const refreshToken = randomToken('rt_');
    await this.repository.insertRefreshToken(m, {
      hash: sha256Hex(refreshToken),
      sessionId,
      userId: user.user_id,
      expiresAt: new Date(Date.now() + this.tokens.refreshTokenSeconds * 1000),
    });
    const access = await this.tokens.issueAccessToken({
      userId: user.user_id,
      email: user.email,
      role: user.role,
      organizationId: user.organization_id,
      sessionId,
    });
    return {
      access_token: access.token,
      refresh_token: refreshToken,
      token_type: 'bearer',
      expires_in: this.tokens.accessTokenSeconds,
      user: toUserResponse(user),
    };
  }

  private async verificationMail(m: EntityManager, user: UserRow): Promise<{ id: string; mail: Mail }> {
    const token = randomToken('ev_');
    await this.repository.insertOneTimeToken(m, {
      hash: sha256Hex(token),
      userId: user.user_id,
      purpose: 'verify_email',
      expiresAt: new Date(Date.now() + VERIFY_EMAIL_HOURS * 3600_000),
    });
    const mail: Mail = {
      to: user.email,
      subject: 'Confirm your Ocean account',
      body:
        `Welcome to Ocean.\n\nVerification token (valid ${VERIFY_EMAIL_HOURS} hours): ${token}\n` +
        `POST ${this.config.identity.publicUrl}/v1/auth/verify-email with {"token"}.`,
    };
    return { id: await this.mail.enqueue(m, mail), mail };
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
  private securityEvent(event: string, fields: Record<string, unknown>): void {
    this.logger.warn({ event, ...fields }, event);
  }
}
