import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { RateLimitGuard, RateLimitStorage, RateLimitStorageModule, throttlerOptions } from '../common/rate-limit';
import { APP_CONFIG, AppConfig } from '../config/config';
import { API_KEY_VERIFIER } from './api-key-verifier';
import { AuthGuard } from './auth.guard';
import { AuthFailureBudget } from './auth-failure-budget';
import { AuthService } from './auth.service';
import { JWT_VERIFIER } from './credential-verifier';
import { CORE_DIRECTORY, LocalJwtVerifier } from './local-jwt.verifier';
import { RemoteMeVerifier } from './remote-me.verifier';
import { RevocationStore } from './revocation.store';

/**
 * The guard and its verifiers. Which verifier answers depends on the run shape:
 * - local: JWTs are checked with the shared secret; API keys by the identity in this process;
 * - hybrid (local with AINATIVE_API_URL and no identity here): API keys, and the organization of
 *   tokens that carry none, are asked of the core;
 * - remote: every credential is asked of the core's /v1/auth/me.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    const remote = config.auth.coreUrl !== undefined;
    const providers: Provider[] = [
      RevocationStore,
      LocalJwtVerifier,
      ...(remote ? [RemoteMeVerifier, { provide: CORE_DIRECTORY, useExisting: RemoteMeVerifier }] : []),
      {
        provide: JWT_VERIFIER,
        useExisting: config.auth.mode === 'remote' ? RemoteMeVerifier : LocalJwtVerifier,
      },
      ...(remote && !config.identityEnabled ? [{ provide: API_KEY_VERIFIER, useExisting: RemoteMeVerifier }] : []),
      AuthService,
      AuthFailureBudget,
      // Order matters: the rate limiter counts per authenticated caller, so it runs after the guard.
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_GUARD, useClass: RateLimitGuard },
    ];
    return {
      module: AuthModule,
      imports: [
        RateLimitStorageModule,
        ThrottlerModule.forRootAsync({
          imports: [RateLimitStorageModule],
          inject: [APP_CONFIG, RateLimitStorage],
          useFactory: (c: AppConfig, storage: RateLimitStorage) => throttlerOptions(c, storage),
        }),
      ],
      providers,
      exports: [AuthService, RevocationStore, ...(remote ? [RemoteMeVerifier] : [])],
    };
  }
}
