import { Inject, Injectable, Optional } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AppError } from '../common/errors';
import type { AuthContext } from './auth-context';
import { API_KEY_PREFIX, API_KEY_VERIFIER, type ApiKeyVerifier } from './api-key-verifier';
import { JWT_VERIFIER, type CredentialVerifier } from './credential-verifier';
import { isCanonicalJws } from './revocation-keys';
import { RevocationStore } from './revocation.store';

/** Longest credential we are willing to look at; real tokens are far shorter. */
const MAX_CREDENTIAL_LENGTH = 8192;
const BEARER = /^bearer[ \t]+([^\s]+)[ \t]*$/i;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const API_KEY_SHAPE = /^sk_[A-Za-z0-9_-]{16,200}$/;

export interface CredentialHeaders {
  authorization?: string;
  'x-api-key'?: string | string[];
}

/**
 * Finds the credential in a request, verifies it (or takes it from the cache of verified
 * tokens) and checks revocation, which is asked on every request, cached or not.
 */
@Injectable()
export class AuthService {
  private readonly cache: LRUCache<string, AuthContext> | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(JWT_VERIFIER) private readonly jwtVerifier: CredentialVerifier,
    private readonly revocations: RevocationStore,
    @Optional() @Inject(API_KEY_VERIFIER) private readonly apiKeyVerifier?: ApiKeyVerifier,
  ) {
    if (config.auth.tokenCacheSize > 0) this.cache = new LRUCache({ max: config.auth.tokenCacheSize });
  }

  async authenticate(headers: CredentialHeaders): Promise<AuthContext> {
    const credential = this.extract(headers);
    if (credential.startsWith(API_KEY_PREFIX)) return this.checked(await this.verifyApiKey(credential));
    // Before the cache: a re-spelled token must not find (or become) a cache entry of its own.
    if (!JWT_SHAPE.test(credential)) throw new AppError('INVALID_TOKEN', 'The token is not a well-formed JWT.');
    if (!isCanonicalJws(credential)) throw new AppError('INVALID_TOKEN', 'The token is not canonical base64url.');
    const cached = this.cache?.get(credential);
    const context = this.checked(cached ?? (await this.verifyJwt(credential)), credential);
    // Only locally verified tokens are kept here; the remote verifier keeps its own, shorter cache.
    if (!cached && this.cache && context.via === 'jwt' && context.expiresAt !== undefined) {
      // Never cached past `exp`: an expired token must be verified (and refused) again.
      const ttl = context.expiresAt * 1000 - Date.now();
      if (ttl > 0) this.cache.set(credential, context, { ttl });
    }
    return context;
  }

  private checked(context: AuthContext, cacheKey?: string): AuthContext {
    if (this.revocations.isRevoked(context)) {
      if (cacheKey) this.cache?.delete(cacheKey);
      throw new AppError('TOKEN_REVOKED');
    }
    return context;
  }

  private extract(headers: CredentialHeaders): string {
    const apiKey = headers['x-api-key'];
    if (apiKey !== undefined) {
      if (typeof apiKey !== 'string' || !apiKey.startsWith(API_KEY_PREFIX)) {
        throw new AppError('INVALID_TOKEN', 'X-API-Key must hold one sk_ key.');
      }
      return apiKey.trim();
    }
    const authorization = headers.authorization;
    if (!authorization) throw new AppError('UNAUTHENTICATED');
    if (authorization.length > MAX_CREDENTIAL_LENGTH)
      throw new AppError('INVALID_TOKEN', 'The credential is too long.');
    const match = BEARER.exec(authorization);
    if (!match) throw new AppError('INVALID_TOKEN', 'The Authorization header must use the Bearer scheme.');
    return match[1];
  }

  private verifyApiKey(key: string): Promise<AuthContext> {
    if (!this.apiKeyVerifier) throw new AppError('INVALID_TOKEN', 'API keys are not accepted by this deployment.');
    if (!API_KEY_SHAPE.test(key)) throw new AppError('INVALID_TOKEN', 'The API key is malformed.');
    return this.apiKeyVerifier.verify(key);
  }

  private verifyJwt(credential: string): Promise<AuthContext> {
    return this.jwtVerifier.verify(credential);
  }
}
