import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { sha256Hex } from '../auth/jwt-keys';
import type { AuthContext } from '../auth/auth-context';
import { CLOCK_LEEWAY_SECONDS } from '../auth/token-claims';
import { Revocation, RevocationStore } from '../auth/revocation.store';
import { cutoffKey, ownRevocationKey, sessionKey } from '../auth/revocation-keys';
import { BackgroundTasks } from '../common/background';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AppError, invalidField } from '../common/errors';
import { isUuid, newId } from '../common/ids';
import { Transactional } from '../database/transactional';
import { ChangePasswordDto, RegisterDto, TokenPairResponseDto, toUserResponse } from './dto/identity.dto';
import { ApiKeysService } from './api-keys.service';
import { OneTimeTokensRepository } from './one-time-tokens.repository';
import { OrganizationsRepository } from './organizations.repository';
import { SessionsRepository } from './sessions.repository';
import { UsersRepository } from './users.repository';
import type { User, UserRole } from './entities/user.entity';
import { PasswordCheckService } from './password-check.service';
import { passwordResetMail, RESET_PASSWORD_MINUTES, verificationMail, VERIFY_EMAIL_HOURS } from './mail-templates';
import { Mail, MailService } from './mail.service';
import { normalizeEmail } from './normalize';
import { hashPassword, passwordProblems } from './passwords';
import { randomToken, TokensService } from './tokens.service';
import { Db } from '../database/db';

export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

/** What an account is created from: the user, and the name of the organization they own. */
export interface NewAccount {
  email: string;
  fullName?: string;
  passwordHash: string;
  role: UserRole;
  organizationName: string;
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

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    readonly db: Db,
    private readonly oneTimeTokens: OneTimeTokensRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
    private readonly tokens: TokensService,
    private readonly revocations: RevocationStore,
    private readonly mail: MailService,
    private readonly apiKeys: ApiKeysService,
    private readonly background: BackgroundTasks,
    private readonly passwordCheck: PasswordCheckService,
  ) {}

  async register(dto: RegisterDto): Promise<User> {
    const email = normalizeEmail(dto.email);
    const weak = weakPassword(dto.password, 'password', email);
    if (weak) throw weak;
    const passwordHash = await hashPassword(dto.password);
    let registered: { user: User; mail: { id: string; mail: Mail } };
    try {
      registered = await this.createUnverifiedAccount({
        email,
        fullName: dto.full_name?.trim() || undefined,
        passwordHash,
        role: 'USER',
        organizationName: dto.organization_name?.trim() || email,
      });
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505') {
        throw new AppError('EMAIL_TAKEN');
      }
      throw err;
    }
    const { user, mail } = registered;
    // Queued in the outbox with the account; sent off the request path.
    this.background.run('mail', () => this.mail.deliver(mail.id, mail.mail));
    this.logger.log({ event: 'user_registered', user_id: user.id }, 'user registered');
    return user;
  }

  /** The account and its verification mail, in the outbox, or neither. */
  @Transactional()
  private async createUnverifiedAccount(
    account: NewAccount,
  ): Promise<{ user: User; mail: { id: string; mail: Mail } }> {
    const user = await this.createAccount(account);
    return { user, mail: await this.verificationMail(user) };
  }

  async login(emailInput: string, password: string, client: ClientInfo): Promise<TokenPairResponseDto> {
    const user = await this.passwordCheck.check({ email: normalizeEmail(emailInput) }, password, 'login', client.ip);
    const pair = await this.openSession(user, client);
    this.logger.log({ event: 'login_succeeded', user_id: user.id }, 'login succeeded');
    return pair;
  }

  async refresh(refreshToken: string): Promise<TokenPairResponseDto> {
    const outcome = await this.rotate(refreshToken);
    if ('error' in outcome) throw outcome.error;
    return outcome.pair;
  }

  /**
   * Spends the refresh token for a new pair. A refusal is answered, not thrown, so that what
   * it wrote (the revocation of a reused token's session) commits.
   */
  @Transactional()
  private async rotate(refreshToken: string): Promise<{ error: AppError } | { pair: TokenPairResponseDto }> {
    const spent = await this.sessions.spendRefreshToken(sha256Hex(refreshToken));
    if (spent.status === 'invalid') return { error: new AppError('INVALID_REFRESH_TOKEN') };
    if (spent.status === 'spent') {
      // Reuse: someone holds a copy of a spent token. Revoke the whole session (committed).
      await this.revokeSessions(await this.sessions.revoke({ sessionId: spent.sessionId }));
      this.securityEvent('refresh_token_reused', { session_id: spent.sessionId });
      return { error: new AppError('REFRESH_TOKEN_REUSED') };
    }
    const user = await this.users.find(spent.userId);
    if (!user) return { error: new AppError('INVALID_REFRESH_TOKEN') };
    return { pair: await this.issuePair(user, spent.sessionId) };
  }

  /** Revokes this access token, and this session (local) or every session of the user (global). */
  async logout(auth: AuthContext, scope: 'local' | 'global'): Promise<void> {
    if (auth.via !== 'jwt') {
      throw new AppError(
        'BAD_REQUEST',
        'Log out with an access token; revoke an API key with DELETE /v1/auth/api-keys/{id}.',
      );
    }
    await this.revokeForLogout(auth, scope);
    this.logger.log({ event: 'logout', user_id: auth.userId, scope }, 'logout');
  }

  @Transactional()
  private async revokeForLogout(auth: AuthContext, scope: 'local' | 'global'): Promise<void> {
    const sessions =
      scope === 'global' && isUuid(auth.userId)
        ? await this.sessions.revoke({ userId: auth.userId })
        : auth.sessionId && isUuid(auth.sessionId)
          ? await this.sessions.revoke({ sessionId: auth.sessionId })
          : [];
    const own = ownRevocationKey(auth);
    const entries: Revocation[] = own
      ? [{ key: own, expiresAt: (auth.expiresAt ?? this.accessHorizon()) + CLOCK_LEEWAY_SECONDS }]
      : [];
    await this.revokeSessions(sessions, entries);
  }

  async me(auth: AuthContext): Promise<User> {
    const user = isUuid(auth.userId) ? await this.users.find(auth.userId) : null;
    if (!user) throw new AppError('INVALID_TOKEN', 'The account behind this credential no longer exists.');
    return user;
  }

  @Transactional()
  async verifyEmail(token: string): Promise<void> {
    const userId = await this.oneTimeTokens.consume(sha256Hex(token), 'verify_email');
    if (!userId) throw new AppError('INVALID_ONE_TIME_TOKEN');
    await this.users.setVerified(userId);
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
    const user = await this.users.findByEmail(email);
    if (!user) {
      this.securityEvent('password_reset_unknown_email', {});
      return;
    }
    const token = randomToken('pr_');
    const mail = passwordResetMail(user.email, token, this.config.identity.publicUrl);
    const id = await this.queueResetToken(user.id, token, mail);
    await this.mail.deliver(id, mail);
    this.securityEvent('password_reset_requested', { user_id: user.id });
  }

  /** The reset token and its mail, in the outbox; answers the mail's id. */
  @Transactional()
  private async queueResetToken(userId: string, token: string, mail: Mail): Promise<string> {
    await this.oneTimeTokens.insert({
      tokenHash: sha256Hex(token),
      userId,
      purpose: 'reset_password',
      expiresAt: new Date(Date.now() + RESET_PASSWORD_MINUTES * 60_000),
    });
    return this.mail.enqueue(mail);
  }

  /**
   * Sets a new password with a mailed token. The token is single-use and spends the user's
   * other reset tokens; every session is revoked, and so is every access token issued before
   * now (by `iat`, core-style tokens without a session included). API keys survive unless
   * `revokeApiKeys`.
   */
  async resetPassword(token: string, newPassword: string, revokeApiKeys = false): Promise<void> {
    const userId = await this.replacePasswordWithToken(token, newPassword, revokeApiKeys);
    // Whoever holds the mailbox may sign in again at once.
    await this.users.clearFailedLogins(userId);
    this.securityEvent('password_reset', { user_id: userId, api_keys_revoked: revokeApiKeys });
  }

  /**
   * Changes the password after checking the old one under the lockout (a wrong old password
   * counts like a failed sign-in). Revokes like a reset, except the caller's own session.
   */
  /** Spends the reset token and sets the password, or does neither; answers the user's id. */
  @Transactional()
  private async replacePasswordWithToken(token: string, newPassword: string, revokeApiKeys: boolean): Promise<string> {
    const owner = await this.oneTimeTokens.consume(sha256Hex(token), 'reset_password');
    if (!owner) throw new AppError('INVALID_ONE_TIME_TOKEN');
    const user = await this.users.find(owner);
    const weak = weakPassword(newPassword, 'new_password', user?.email);
    if (weak) throw weak;
    await this.oneTimeTokens.spendAll(owner, 'reset_password');
    // Hashed only for a live token: this public route must not let anyone buy argon2 work
    // (19 MiB, tens of ms) with a made-up token.
    await this.users.setPasswordHash(owner, await hashPassword(newPassword));
    await this.revokeEverything(owner, { revokeApiKeys });
    return owner;
  }

  async changePassword(auth: AuthContext, dto: ChangePasswordDto): Promise<void> {
    const known = await this.me(auth);
    // Judged first: a refused new password must not touch the account (not even the lockout).
    const weak = weakPassword(dto.new_password, 'new_password', known.email);
    if (weak) throw weak;
    let user: User;
    try {
      user = await this.passwordCheck.check({ userId: known.id }, dto.old_password, 'change_password');
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'INVALID_CREDENTIALS') throw err;
      throw invalidField('old_password', 'old_password is incorrect');
    }
    const passwordHash = await hashPassword(dto.new_password);
    const keep = auth.sessionId && isUuid(auth.sessionId) ? auth.sessionId : undefined;
    await this.replacePassword(user.id, passwordHash, keep);
    this.securityEvent('password_changed', { user_id: user.id });
  }

  @Transactional()
  private async replacePassword(userId: string, passwordHash: string, keepSessionId?: string): Promise<void> {
    await this.users.setPasswordHash(userId, passwordHash);
    await this.revokeEverything(userId, { exceptSessionId: keepSessionId });
  }

  /** The revocation of a password reset or change, on every instance. */
  private async revokeEverything(
    userId: string,
    options: { exceptSessionId?: string; revokeApiKeys?: boolean },
  ): Promise<void> {
    const sessions = await this.sessions.revoke({ userId, exceptSessionId: options.exceptSessionId });
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
    if (options.revokeApiKeys) entries.push(...(await this.apiKeys.revokeAllOf(userId)));
    await this.revokeSessions(sessions, entries);
  }

  /** A user with an organization of their own, which they own. */
  @Transactional()
  async createAccount(account: NewAccount): Promise<User> {
    const organizationId = newId();
    await this.organizations.create({ id: organizationId, name: account.organizationName });
    const user = await this.users.create({
      id: newId(),
      email: account.email,
      fullName: account.fullName,
      passwordHash: account.passwordHash,
      role: account.role,
      organizationId,
    });
    await this.organizations.addMember(organizationId, user.id, 'owner');
    return user;
  }

  /** Issues a session with its first token pair (login). */
  @Transactional()
  private async openSession(user: User, client: ClientInfo): Promise<TokenPairResponseDto> {
    // The password checked may have been reset meanwhile: then this sign-in must not outlive it.
    if (!(await this.users.credentialsStill(user.id, user.credentialsVersion))) {
      throw new AppError('INVALID_CREDENTIALS');
    }
    const sessionId = newId();
    await this.sessions.create({
      id: sessionId,
      userId: user.id,
      expiresAt: new Date(Date.now() + this.tokens.refreshTokenSeconds * 1000),
      userAgent: client.userAgent,
      ip: client.ip,
    });
    return this.issuePair(user, sessionId);
  }

  /**
   * Revokes the access tokens of the given (already revoked) sessions on every instance: they
   * live at most one access-token lifetime, so the keys expire with them.
   */
  async revokeSessions(sessionIds: string[], extra: Revocation[] = []): Promise<void> {
    const expiresAt = this.accessHorizon() + CLOCK_LEEWAY_SECONDS;
    await this.revocations.revoke([...extra, ...sessionIds.map((id) => ({ key: sessionKey(id), expiresAt }))]);
  }

  private accessHorizon(): number {
    return Math.floor(Date.now() / 1000) + this.tokens.accessTokenSeconds;
  }

  private async issuePair(user: User, sessionId: string): Promise<TokenPairResponseDto> {
    const refreshToken = randomToken('rt_');
    await this.sessions.insertRefreshToken({
      tokenHash: sha256Hex(refreshToken),
      sessionId,
      userId: user.id,
      expiresAt: new Date(Date.now() + this.tokens.refreshTokenSeconds * 1000),
    });
    const access = await this.tokens.issueAccessToken({
      userId: user.id,
      email: user.email,
      role: user.role,
      organizationId: user.organizationId,
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

  private async verificationMail(user: User): Promise<{ id: string; mail: Mail }> {
    const token = randomToken('ev_');
    await this.oneTimeTokens.insert({
      tokenHash: sha256Hex(token),
      userId: user.id,
      purpose: 'verify_email',
      expiresAt: new Date(Date.now() + VERIFY_EMAIL_HOURS * 3600_000),
    });
    const mail = verificationMail(user.email, token, this.config.identity.publicUrl);
    return { id: await this.mail.enqueue(mail), mail };
  }

  /** Security events: who and why, never a password or a token. */
  private securityEvent(event: string, fields: Record<string, unknown>): void {
    this.logger.warn({ event, ...fields }, event);
  }
}
