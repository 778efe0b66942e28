import { Global, Module } from '@nestjs/common';
import { API_KEY_VERIFIER } from '../auth/api-key-verifier';
import { BlocksStoreModule } from '../blocks/blocks-store.module';
import { BackgroundTasks } from '../common/background';
import { PagesStoreModule } from '../pages/pages-store.module';
import { AdminController } from './admin.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { MailOutboxRepository } from './mail-outbox.repository';
import { OneTimeTokensRepository } from './one-time-tokens.repository';
import { OrganizationsRepository } from './organizations.repository';
import { SessionsRepository } from './sessions.repository';
import { UsersRepository } from './users.repository';
import { AdminService } from './admin.service';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { IdentityController } from './identity.controller';
import { IdentityService } from './identity.service';
import { MailService } from './mail.service';
import { PasswordCheckService } from './password-check.service';
import { TokensService } from './tokens.service';

/**
 * The built-in core auth service. Ocean's modules never import from here: they see only the
 * tokens it signs, the revocations it writes, and the API-key verifier it lends the guard.
 */
@Global()
@Module({
  // The administrators' statistics count pages and blocks: asked of the modules that own them.
  imports: [PagesStoreModule, BlocksStoreModule],
  controllers: [IdentityController, ApiKeysController, AdminController],
  providers: [
    UsersRepository,
    OrganizationsRepository,
    SessionsRepository,
    OneTimeTokensRepository,
    MailOutboxRepository,
    ApiKeysRepository,
    IdentityService,
    TokensService,
    MailService,
    ApiKeysService,
    AdminService,
    PasswordCheckService,
    BackgroundTasks,
    { provide: API_KEY_VERIFIER, useExisting: ApiKeysService },
  ],
  exports: [API_KEY_VERIFIER, BackgroundTasks],
})
export class IdentityModule {}
