import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { JWT_VERIFIER } from './credential-verifier';
import { LocalJwtVerifier } from './local-jwt.verifier';
import { RevocationStore } from './revocation.store';

@Global()
@Module({
  providers: [
    RevocationStore,
    LocalJwtVerifier,
    { provide: JWT_VERIFIER, useExisting: LocalJwtVerifier },
    AuthService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, RevocationStore],
})
export class AuthModule {}
