import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { CLOCK_LEEWAY_SECONDS } from '../auth/local-jwt.verifier';
import { Revocation, RevocationStore } from '../auth/revocation.store';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AppError } from '../common/errors';
import { isUuid, newId } from '../common/ids';
import { ChangePasswordDto, RegisterDto, TokenPairResponseDto, toUserResponse } from './dto/identity.dto';
import { IdentityRepository, UserRow } from './identity.repository';
import { Mail, MailService } from './mail.service';
import { hashPassword, passwordProblems, verifyPassword } from './passwords';
import { randomToken, sha256, TokensService } from './tokens.service';

const VERIFY_EMAIL_HOURS = 48;
const RESET_PASSWORD_MINUTES = 60;

export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

const normalizeEmail = (email: string): string => email.trim().toLowerCase();

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
    for (const { id, mail } of mails) await this.mail.deliver(id, mail);
    this.logger.log({ event: 'user_registered', user_id: user.user_id }, 'user registered');
    return user;
  }

  async login(emailInput: string, password: string, client: ClientInfo): Promise<TokenPairResponseDto> {
    const email = normalizeEmail(emailInput);
    const user = await this.repository.findUserByEmail(email);
    if (!user) {
      await verifyPassword(await this.dummyHash, password);
      this.securityEvent('login_failed', { reason: 'unknown_email', ip: client.ip });
      throw new AppError('INVALID_CREDENTIALS');
    }
    const { maxLoginAttempts, lockoutMinutes } = this.config.identity;
    const attempt =
      user.locked_until && user.locked_until.getTime() > Date.now()
        ? null
        : await this.repository.reserveLoginAttempt(user.user_id, maxLoginAttempts, lockoutMinutes);
    if (!attempt) {
      this.securityEvent('login_refused', { reason: 'locked', user_id: user.user_id, ip: client.ip });
      const current = await this.repository.findUser(user.user_id);
      throw this.locked(current?.locked_until ?? new Date(Date.now() + lockoutMinutes * 60_000));
    }
    const check = await verifyPassword(user.password_hash, password);
    if (!check.ok) {
      this.securityEvent('login_failed', { reason: 'wrong_password', user_id: user.user_id, ip: client.ip });
      if (attempt.lockedUntil) {
        this.securityEvent('account_locked', { user_id: user.user_id, until: attempt.lockedUntil.toISOString() });
      }
      throw new AppError('INVALID_CREDENTIALS');
    }
    await this.repository.clearFailedLogins(user.user_id);
    // A legacy bcrypt (or weaker argon2) hash is replaced while the password is at hand.
    if (check.needsRehash) await this.repository.setPasswordHash(user.user_id, await hashPassword(password));
    const pair = await this.dataSource.transaction((m) => this.openSession(m, user, client));
    this.logger.log({ event: 'login_succeeded', user_id: user.user_id }, 'login succeeded');
    return pair;
  }

  async refresh(refreshToken: string): Promise<TokenPairResponseDto> {
    const outcome = await this.dataSource.transaction(
      async (m): Promise<{ error: AppError } | { pair: TokenPairResponseDto }> => {
        const spent = await this.repository.spendRefreshToken(m, sha256(refreshToken));
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
          : auth.sessionId
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
      const userId = await this.repository.consumeOneTimeToken(m, sha256(token), 'verify_email');
      if (!userId) throw new AppError('INVALID_ONE_TIME_TOKEN');
      await this.repository.setVerified(userId, m);
    });
  }

  /** Always the same answer, so that nobody learns which emails have accounts. */
  async forgotPassword(emailInput: string): Promise<void> {
    const user = await this.repository.findUserByEmail(normalizeEmail(emailInput));
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
        hash: sha256(token),
        userId: user.user_id,
        purpose: 'reset_password',
        expiresAt: new Date(Date.now() + RESET_PASSWORD_MINUTES * 60_000),
      });
      return this.mail.enqueue(m, mail);
    });
    await this.mail.deliver(id, mail);
    this.securityEvent('password_reset_requested', { user_id: user.user_id });
  }

  async resetPassword(token: string, newPassword: string): Promise<void> {
    const userId = await this.dataSource.transaction(async (m) => {
      const owner = await this.repository.consumeOneTimeToken(m, sha256(token), 'reset_password');
      if (!owner) throw new AppError('INVALID_ONE_TIME_TOKEN');
      const user = await this.repository.findUser(owner, m);
      const weak = weakPassword(newPassword, 'new_password', user?.email);
      if (weak) throw weak;
      // Hashed only for a live token: this public, unthrottled route must not let anyone buy
      // argon2 work (19 MiB, tens of ms) with a made-up token.
      await this.repository.setPasswordHash(owner, await hashPassword(newPassword), m);
      await this.revokeSessions(m, await this.repository.revokeSessions(m, { userId: owner }));
      return owner;
    });
    // Whoever holds the mailbox may sign in again at once.
    await this.repository.clearFailedLogins(userId);
    this.securityEvent('password_reset', { user_id: userId });
  }

  async changePassword(auth: AuthContext, dto: ChangePasswordDto): Promise<void> {
    const user = await this.me(auth);
    const check = await verifyPassword(user.password_hash, dto.old_password);
    if (!check.ok) {
      this.securityEvent('change_password_failed', { user_id: user.user_id });
      throw new AppError('VALIDATION_FAILED', 'The request is invalid: old_password is incorrect', [
        { field: 'old_password', message: 'old_password is incorrect' },
      ]);
    }
    const weak = weakPassword(dto.new_password, 'new_password', user.email);
    if (weak) throw weak;
    const passwordHash = await hashPassword(dto.new_password);
    await this.dataSource.transaction(async (m) => {
      await this.repository.setPasswordHash(user.user_id, passwordHash, m);
      await this.revokeSessions(m, await this.repository.revokeSessions(m, { userId: user.user_id }));
    });
    this.securityEvent('password_changed', { user_id: user.user_id });
  }

  /** Issues a session with its first token pair; used by login and by tests' own sign-ins. */
  async openSession(m: EntityManager, user: UserRow, client: ClientInfo): Promise<TokenPairResponseDto> {
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
    await this.revocations.revoke([...extra, ...sessionIds.map((id) => ({ key: `sid:${id}`, expiresAt }))], m);
  }

  private accessHorizon(): number {
    return Math.floor(Date.now() / 1000) + this.tokens.accessTokenSeconds;
  }

  private async issuePair(m: EntityManager, user: UserRow, sessionId: string): Promise<TokenPairResponseDto> {
    const refreshToken = randomToken('rt_');
    await this.repository.insertRefreshToken(m, {
      hash: sha256(refreshToken),
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
      hash: sha256(token),
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
