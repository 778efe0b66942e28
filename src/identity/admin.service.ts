import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { CLOCK_LEEWAY_SECONDS } from '../auth/token-claims';
import { RevocationStore } from '../auth/revocation.store';
import { apiKeyKey, subjectKey } from '../auth/revocation-keys';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AppError } from '../common/errors';
import { BlocksRepository } from '../blocks/blocks.repository';
import { Transactional } from '../database/transactional';
import { PagesRepository } from '../pages/pages.repository';
import { ApiKeysService } from './api-keys.service';
import { ApiKeysRepository } from './api-keys.repository';
import type { User } from './entities/user.entity';
import { OneTimeTokensRepository } from './one-time-tokens.repository';
import { OrganizationsRepository } from './organizations.repository';
import { SessionsRepository } from './sessions.repository';
import { UsersRepository } from './users.repository';
import { normalizeEmail } from './normalize';
import { IdentityService } from './identity.service';
import { hashPassword, passwordProblems, verifyPassword } from './passwords';
import { TokensService } from './tokens.service';
import { Db } from '../database/db';

@Injectable()
export class AdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Security');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    readonly db: Db,
    private readonly keys: ApiKeysRepository,
    private readonly oneTimeTokens: OneTimeTokensRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
    private readonly identity: IdentityService,
    private readonly apiKeys: ApiKeysService,
    private readonly tokens: TokensService,
    private readonly revocations: RevocationStore,
    private readonly pages: PagesRepository,
    private readonly blocks: BlocksRepository,
  ) {}

  /** ADMIN_EMAIL/ADMIN_PASSWORD create the first admin; there is never a default password. */
  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config.identity;
    if (!adminEmail || !adminPassword || (await this.users.anyAdmin())) return;
    const problems = passwordProblems(adminPassword, 'ADMIN_PASSWORD', adminEmail);
    if (problems.length) {
      throw new Error(`refusing to create the first admin: ${problems.map((p) => p.message).join('; ')}`);
    }
    const email = normalizeEmail(adminEmail);
    const existing = await this.users.findByEmail(email);
    if (existing) {
      // Whoever registered this address first chose its password: promoting it on the email
      // alone would hand ADMIN to them. The operator proves ownership with ADMIN_PASSWORD.
      if (!(await verifyPassword(existing.passwordHash, adminPassword)).ok) {
        throw new Error('refusing to promote the existing account of ADMIN_EMAIL: ADMIN_PASSWORD is not its password');
      }
      await this.users.setRole(existing.id, 'ADMIN');
    } else {
      const passwordHash = await hashPassword(adminPassword);
      await this.identity.createAccount({ email, passwordHash, role: 'ADMIN', organizationName: email });
    }
    this.logger.warn({ event: 'admin_bootstrapped', email }, 'first admin created from ADMIN_EMAIL');
  }

  listUsers(limit: number, offset: number): Promise<{ users: User[]; total: number }> {
    return this.users.list(limit, offset);
  }

  /** Deletes the user and revokes everything they hold, on every instance. */
  async deleteUser(auth: AuthContext, userId: string): Promise<void> {
    if (userId === auth.userId) throw new AppError('CONFLICT', 'Administrators cannot delete their own account here.');
    const user = await this.users.find(userId);
    if (!user) throw new AppError('USER_NOT_FOUND');
    await this.removeAndRevoke(userId);
    this.logger.warn({ event: 'user_deleted', user_id: userId, by: auth.userId }, 'user deleted');
  }

  @Transactional()
  private async removeAndRevoke(userId: string): Promise<void> {
    const sessions = await this.sessions.revoke({ userId });
    const keys = await this.keys.idsOf(userId);
    const horizon = Math.floor(Date.now() / 1000) + this.tokens.accessTokenSeconds + CLOCK_LEEWAY_SECONDS;
    await this.identity.revokeSessions(sessions, [
      { key: subjectKey(userId), expiresAt: horizon },
      ...keys.map((id) => ({ key: apiKeyKey(id), expiresAt: this.apiKeys.cacheHorizon() })),
    ]);
    await this.users.remove(userId);
  }

  /** Counts of the identity's aggregates and of the content (asked of its modules), as of one moment. */
  @Transactional({ isolationLevel: 'REPEATABLE READ' })
  async stats(): Promise<Record<string, number>> {
    const users = await this.users.counts();
    return {
      users: users.users,
      admins: users.admins,
      verified_users: users.verified,
      organizations: await this.organizations.count(),
      active_sessions: await this.sessions.countActive(),
      active_api_keys: await this.keys.countLive(),
      active_revocations: await this.revocations.countActive(),
      pages: await this.pages.countAllOrganizations(),
      blocks: await this.blocks.countAllOrganizations(),
    };
  }

  /** Purges what can no longer matter: expired sessions, tokens, keys and revocations. */
  async cleanup(): Promise<Record<string, number>> {
    const purged = {
      revocations: await this.revocations.purgeExpired(),
      sessions: await this.sessions.purgeSessions(),
      refresh_tokens: await this.sessions.purgeRefreshTokens(),
      one_time_tokens: await this.oneTimeTokens.purge(),
      api_keys: await this.keys.purge(),
    };
    await this.revocations.sweep();
    return purged;
  }
}
