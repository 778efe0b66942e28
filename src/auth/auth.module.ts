import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
  Provider,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Strategy } from 'passport';
import { RateLimitGuard, RateLimitStorage, RateLimitStorageModule, throttlerOptions } from '../common/rate-limit';
import { APP_CONFIG, AppConfig } from '../config/config';
import { API_KEY_VERIFIER } from './api-key-verifier';
import { AuthGuard } from './auth.guard';
import { AuthFailureBudget } from './auth-failure-budget';
import { AuthService } from './auth.service';
import { RemoteMeVerifier } from './remote-me.verifier';
import { RevocationStore } from './revocation.store';
import { StreamTickets } from './stream-tickets';
import { ApiKeyStrategy } from './strategies/api-key.strategy';
import { CoreStrategy } from './strategies/core.strategy';
import { CORE_DIRECTORY, JwtStrategy } from './strategies/jwt.strategy';
import { register, StrategyNames } from './strategies/registry';

const STRATEGY_NAMES = Symbol('STRATEGY_NAMES');
const BEARER_STRATEGY = Symbol('BEARER_STRATEGY');

/** Files this application's strategies in passport's registry while it runs (see registry.ts). */
@Injectable()
class AuthStrategies implements OnModuleInit, OnApplicationShutdown {
  private registration?: { remove(): void };

  constructor(
    @Inject(STRATEGY_NAMES) private readonly names: { apiKey: string; bearer: string },
    private readonly apiKey: ApiKeyStrategy,
    @Inject(BEARER_STRATEGY) private readonly bearer: Strategy,
  ) {}

  onModuleInit(): void {
    this.registration = register({ [this.names.apiKey]: this.apiKey, [this.names.bearer]: this.bearer });
  }

  // On shutdown, not on module destroy: Nest destroys modules before the HTTP server drains and
  // closes (HttpShutdown), and requests still served then need their strategies.
  onApplicationShutdown(): void {
    this.registration?.remove();
  }
}

/**
 * The guard and its strategies, tried in this order by credential kind. Which one verifies a
 * bearer token depends on the run shape:
 * - local: `jwt` (passport-jwt, the shared secret); API keys by the identity in this process;
 * - hybrid (local with AINATIVE_API_URL and no identity here): `jwt`, with API keys, and the
 *   organization of tokens that carry none, asked of the core;
 * - remote: `core`, every credential asked of the core's /v1/auth/me.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    const remote = config.auth.coreUrl !== undefined;
    const bearer = config.auth.mode === 'remote' ? 'core' : 'jwt';
    const tags = new StrategyNames();
    const names = { apiKey: tags.of('api-key'), bearer: tags.of(bearer) };
    const providers: Provider[] = [
      RevocationStore,
      ...(remote ? [RemoteMeVerifier, { provide: CORE_DIRECTORY, useExisting: RemoteMeVerifier }] : []),
      ...(remote && !config.identityEnabled ? [{ provide: API_KEY_VERIFIER, useExisting: RemoteMeVerifier }] : []),
      ApiKeyStrategy,
      bearer === 'core' ? CoreStrategy : JwtStrategy,
      { provide: BEARER_STRATEGY, useExisting: bearer === 'core' ? CoreStrategy : JwtStrategy },
      { provide: STRATEGY_NAMES, useValue: names },
      AuthStrategies,
      AuthService,
      AuthFailureBudget,
      StreamTickets,
      // Order matters: the rate limiter counts per authenticated caller, so it runs after the guard.
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_GUARD, useClass: RateLimitGuard },
    ];
    return {
      module: AuthModule,
      imports: [
        PassportModule.register({ defaultStrategy: [names.apiKey, names.bearer], session: false }),
        RateLimitStorageModule,
        ThrottlerModule.forRootAsync({
          imports: [RateLimitStorageModule],
          inject: [APP_CONFIG, RateLimitStorage],
          useFactory: (c: AppConfig, storage: RateLimitStorage) => throttlerOptions(c, storage),
        }),
      ],
      providers,
      exports: [AuthService, RevocationStore, StreamTickets, ...(remote ? [RemoteMeVerifier] : [])],
    };
  }
}
