import { Global, Module } from '@nestjs/common';
import { API_KEY_VERIFIER } from '../auth/api-key-verifier';
import { BackgroundTasks } from '../common/background';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { IdentityController } from './identity.controller';
import { IdentityRepository } from './identity.repository';
import { IdentityService } from './identity.service';
import { MailService } from './mail.service';
import { TokensService } from './tokens.service';

/**
 * The built-in core auth service. Ocean's modules never import from here: they see only the
 * tokens it signs, the revocations it writes, and the API-key verifier it lends the guard.
 */
@Global()
@Module({
  controllers: [IdentityController, ApiKeysController, AdminController],
  providers: [
    IdentityRepository,
    IdentityService,
    TokensService,
    MailService,
    ApiKeysService,
    AdminService,
    BackgroundTasks,
    { provide: API_KEY_VERIFIER, useExisting: ApiKeysService },
  ],
  exports: [API_KEY_VERIFIER, BackgroundTasks],
})
export class IdentityModule {}
