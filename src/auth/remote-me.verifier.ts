import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import axios, { AxiosInstance } from 'axios';
import { decodeJwt, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AppError } from '../common/errors';
import type { AuthContext, Scope } from './auth-context';
import { API_KEY_PREFIX, type ApiKeyVerifier } from './api-key-verifier';
import { sha256Hex } from './jwt-keys';
import { canonicalSubject, tokenKey } from './revocation-keys';
import { CLOCK_LEEWAY_SECONDS, normalizeRole } from './token-claims';

/** What the core's /v1/auth/me says of a credential, in the field variants real cores use. */
export interface CoreIdentity {
  userId: string;
  email?: string;
  role: 'USER' | 'ADMIN';
  organizationId?: string;
  scopes?: Scope[];
  apiKeyId?: string;
}

const FAILURES_TO_OPEN = 5;
const OPEN_MS = 5000;
const RETRY_AFTER_SECONDS = '5';

const unavailable = (detail: string): AppError =>
  new AppError('AUTH_UNAVAILABLE', detail, undefined, { 'retry-after': RETRY_AFTER_SECONDS });

/** Maps /me's answer; undefined when it is not an identity at all (no id). */
export function parseCoreIdentity(body: unknown): CoreIdentity | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  const rawId = b.id ?? b.sub ?? b.user_id;
  const rawUserId = typeof rawId === 'number' ? String(rawId) : rawId;
  if (typeof rawUserId !== 'string' || rawUserId.length === 0 || rawUserId.length > 255) return undefined;
  const userId = canonicalSubject(rawUserId);
  const roles = Array.isArray(b.roles) ? b.roles : [b.role];
  const org = b.organization_id ?? b.org_id;
  const scopes = Array.isArray(b.scopes)
    ? b.scopes.filter((s): s is Scope => s === 'read' || s === 'write')
    : undefined;
  return {
    userId,
    email: typeof b.email === 'string' ? b.email : undefined,
    role: roles.some((r) => normalizeRole(r) === 'ADMIN') ? 'ADMIN' : 'USER',
    organizationId: typeof org === 'string' && org.length > 0 ? org : typeof org === 'number' ? String(org) : undefined,
    scopes,
    apiKeyId: typeof b.api_key_id === 'string' ? b.api_key_id : undefined,
  };
}

/**
 * Asks the core who a credential belongs to (GET /v1/auth/me), with what a dependency on the
 * hot path needs: a keep-alive pool, a timeout and no retries (which would multiply an outage),
 * a short positive cache keyed by the credential's SHA-256 and never past its `exp`, one call
 * for concurrent requests with the same credential, and a circuit breaker that answers 503 at
 * once while the core is down instead of piling requests up.
 */
@Injectable()
export class RemoteMeVerifier implements ApiKeyVerifier, OnApplicationShutdown {
  private readonly logger = new Logger(RemoteMeVerifier.name);
  private readonly http: AxiosInstance;
  private readonly cache: LRUCache<string, AuthContext>;
  private readonly inflight = new Map<string, Promise<AuthContext>>();
  private failures = 0;
  private openUntil = 0;
  private probing = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.http = axios.create({
      baseURL: config.auth.coreUrl,
      timeout: config.auth.remoteTimeoutMs,
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: (data: unknown) => data,
      maxRedirects: 0,
    });
    this.cache = new LRUCache({ max: Math.max(1, config.auth.tokenCacheSize) });
  }

  /** After the HTTP server closed (HttpShutdown): requests served while draining still call the core. */
  onApplicationShutdown(): void {
    (this.http.defaults.httpAgent as HttpAgent).destroy();
    (this.http.defaults.httpsAgent as HttpsAgent).destroy();
  }

  async verify(credential: string): Promise<AuthContext> {
    const key = sha256Hex(credential);
    // A cached answer was checked on its face when it was stored and never outlives `exp`.
    const cached = this.cache.get(key);
    if (cached) return cached;
    const exp = this.expiryOnItsFace(credential);
    const running = this.inflight.get(key);
    if (running) return running;
    const call = this.ask(credential, key, exp).finally(() => this.inflight.delete(key));
    this.inflight.set(key, call);
    return call;
  }

  /** Readiness: the core answers its /health (any status below 500) within the timeout. */
  async ping(): Promise<boolean> {
    try {
      return (await this.http.get('/health')).status < 500;
    } catch {
      return false;
    }
  }

  /** The organization the core knows for a locally verified token without one (hybrid mode). */
  async organizationOf(credential: string): Promise<string | undefined> {
    return (await this.verify(credential)).organizationId;
  }

  /** Refuses what is malformed or expired on its face, without a call to the core. */
  private expiryOnItsFace(credential: string): number | undefined {
    if (credential.startsWith(API_KEY_PREFIX)) return undefined;
    let claims: JWTPayload;
    try {
      claims = decodeJwt(credential);
    } catch {
      throw new AppError('INVALID_TOKEN', 'The token is not a well-formed JWT.');
    }
    if (claims.type !== undefined && claims.type !== 'access')
      throw new AppError('INVALID_TOKEN', 'Only access tokens are accepted here.');
    if (typeof claims.exp !== 'number') throw new AppError('INVALID_TOKEN', 'The token has no expiry.');
    if (claims.exp + CLOCK_LEEWAY_SECONDS < Date.now() / 1000) throw new AppError('TOKEN_EXPIRED');
    return claims.exp;
  }

  private async ask(credential: string, key: string, exp: number | undefined): Promise<AuthContext> {
    const now = Date.now();
    if (now < this.openUntil || (this.failures >= FAILURES_TO_OPEN && this.probing)) {
      throw unavailable('The authentication service is unreachable; retry shortly.');
    }
    // Half-open: past the open period, one request probes while the others still fail fast.
    if (this.failures >= FAILURES_TO_OPEN) this.probing = true;
    let status: number;
    let body: unknown;
    try {
      const res = await this.http.get<string>('/v1/auth/me', { headers: { authorization: `Bearer ${credential}` } });
      status = res.status;
      body = status === 200 ? JSON.parse(res.data) : undefined;
    } catch (err) {
      this.recordFailure(err instanceof SyntaxError ? 'malformed answer' : (err as Error).message);
      throw unavailable('The authentication service is unreachable; retry shortly.');
    } finally {
      this.probing = false;
    }
    if (status === 401 || status === 403) {
      this.recordSuccess();
      throw new AppError('INVALID_TOKEN', 'The authentication service refused the credential.');
    }
    const identity = status === 200 ? parseCoreIdentity(body) : undefined;
    if (!identity) {
      this.recordFailure(`answered ${status}${status === 200 ? ' without an id' : ''}`);
      throw unavailable('The authentication service answered with an error; retry shortly.');
    }
    this.recordSuccess();
    const context = this.toContext(credential, identity, exp);
    const ttl = Math.min(
      this.config.auth.remoteCacheSeconds * 1000,
      exp !== undefined ? exp * 1000 - Date.now() : Number.POSITIVE_INFINITY,
    );
    if (ttl > 0) this.cache.set(key, context, { ttl });
    return context;
  }

  private toContext(credential: string, identity: CoreIdentity, exp: number | undefined): AuthContext {
    let organizationId = identity.organizationId;
    if (!organizationId) {
      if (this.config.auth.orgFallback === 'reject') throw new AppError('NO_ORGANIZATION');
      organizationId = identity.userId;
    }
    const isKey = credential.startsWith(API_KEY_PREFIX);
    const claims = isKey ? {} : decodeJwt(credential);
    const tokenId = typeof claims.jti === 'string' && claims.jti ? claims.jti : undefined;
    return {
      userId: identity.userId,
      organizationId,
      role: identity.role,
      scopes: identity.scopes ?? ['read', 'write'],
      email: identity.email,
      via: isKey ? 'api_key' : 'remote',
      tokenId,
      // A key the core names no id for, or a token without jti, is revoked by its digest.
      tokenDigest: tokenId ? undefined : isKey ? `sha256:${sha256Hex(credential)}` : tokenKey(credential),
      sessionId: typeof claims.sid === 'string' ? claims.sid : undefined,
      apiKeyId: identity.apiKeyId,
      expiresAt: exp,
      issuedAt: typeof claims.iat === 'number' ? claims.iat : undefined,
    };
  }

  private recordSuccess(): void {
    this.failures = 0;
    this.openUntil = 0;
  }

  private recordFailure(reason: string): void {
    this.failures++;
    if (this.failures >= FAILURES_TO_OPEN) {
      this.openUntil = Date.now() + OPEN_MS;
      this.logger.warn({ event: 'core_unavailable', reason, failures: this.failures }, 'core auth service unavailable');
    }
  }
}
