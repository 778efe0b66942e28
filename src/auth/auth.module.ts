import { Global, Module } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { throttlerOptions } from '../common/rate-limit';
import { APP_CONFIG, AppConfig } from '../config/config';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { JWT_VERIFIER } from './credential-verifier';
import { LocalJwtVerifier } from './local-jwt.verifier';
import { RevocationStore } from './revocation.store';

@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => throttlerOptions(config),
    }),
  ],
  providers: [
    RevocationStore,
    LocalJwtVerifier,
    { provide: JWT_VERIFIER, useExisting: LocalJwtVerifier },
    AuthService,
    // Order matters: the rate limiter counts per authenticated caller, so it runs after the guard.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
  ],
  exports: [AuthService, RevocationStore],
})
export class AuthModule {}
