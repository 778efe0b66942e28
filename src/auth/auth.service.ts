import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AppError } from '../common/errors';
import type { AuthContext } from './auth-context';
import type { Credential } from './credential';
import { RevocationStore } from './revocation.store';

/**
 * In front of the strategies: the verified credentials (a hit pays for no signature check and
 * no call to the core), and the revocation check, asked on every request, cached or not.
 */
@Injectable()
export class AuthService {
  private readonly cache: LRUCache<string, AuthContext> | undefined;
  private readonly remoteTtlMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly revocations: RevocationStore,
  ) {
    if (config.auth.tokenCacheSize > 0) this.cache = new LRUCache({ max: config.auth.tokenCacheSize });
    this.remoteTtlMs = config.auth.remoteCacheSeconds * 1000;
  }

  /** The caller of a credential verified before and still cached, if any. */
  cached(credential: Credential): AuthContext | undefined {
    return credential.kind === 'jwt' ? this.cache?.get(credential.value) : undefined;
  }

  /**
   * Refuses a revoked credential (and forgets it), else keeps a newly verified token: never past
   * its `exp` (an expired token must be verified, and refused, again), and a token the core
   * vouched for no longer than the core's answers are trusted (REMOTE_AUTH_CACHE_SECONDS).
   * API keys are not kept here: their verifier keeps them by digest, never the key itself.
   */
  /** A caller vouched for by other means (a stream ticket): refused when its credential is revoked. */
  vouched(context: AuthContext): AuthContext {
    if (this.revocations.isRevoked(context)) throw new AppError('TOKEN_REVOKED');
    return context;
  }

  checked(credential: Credential, context: AuthContext, fresh: boolean): AuthContext {
    if (this.revocations.isRevoked(context)) {
      this.cache?.delete(credential.value);
      throw new AppError('TOKEN_REVOKED');
    }
    if (fresh && this.cache && credential.kind === 'jwt' && context.expiresAt !== undefined) {
      const untilExp = context.expiresAt * 1000 - Date.now();
      const ttl = context.via === 'remote' ? Math.min(untilExp, this.remoteTtlMs) : untilExp;
      if (ttl > 0) this.cache.set(credential.value, context, { ttl });
    }
    return context;
  }
}
