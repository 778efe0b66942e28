import { Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { sha256Hex } from '../auth/jwt-keys';
import type { AuthContext, Scope } from '../auth/auth-context';
import { API_KEY_PREFIX, type ApiKeyVerifier } from '../auth/api-key-verifier';
import { Revocation, RevocationStore } from '../auth/revocation.store';
import { apiKeyKey } from '../auth/revocation-keys';
import { AppError } from '../common/errors';
import { isUuid, newId } from '../common/ids';
import { CreateApiKeyDto } from './dto/api-key.dto';
import { ApiKeysRepository } from './api-keys.repository';
import type { ApiKey } from './entities/api-key.entity';
import { randomToken } from './tokens.service';

/** How long a verified key is trusted from memory; revocation is still checked on every use. */
const CACHE_TTL_MS = 60_000;
const VISIBLE_PREFIX_LENGTH = 12;

/** API keys: created shown once, stored as SHA-256 with a visible prefix, verified in-process. */
@Injectable()
export class ApiKeysService implements ApiKeyVerifier {
  private readonly logger = new Logger('Security');
  private readonly cache = new LRUCache<string, AuthContext>({ max: 10_000, ttl: CACHE_TTL_MS });

  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly revocations: RevocationStore,
  ) {}

  async create(auth: AuthContext, dto: CreateApiKeyDto): Promise<{ row: ApiKey; key: string }> {
    if (auth.via !== 'jwt')
      throw new AppError('FORBIDDEN', 'API keys are created with an access token, not with another key.');
    const user = isUuid(auth.userId) ? auth.userId : null;
    if (!user) throw new AppError('FORBIDDEN', 'Only accounts of this identity service can create API keys.');
    const key = randomToken(API_KEY_PREFIX);
    const row = await this.keys.insert({
      id: newId(),
      userId: user,
      organizationId: auth.organizationId,
      name: dto.name.trim(),
      prefix: key.slice(0, VISIBLE_PREFIX_LENGTH),
      keyHash: sha256Hex(key),
      scopes: [...new Set(dto.scopes)].sort(),
      expiresAt: dto.expires_in_days ? new Date(Date.now() + dto.expires_in_days * 86_400_000) : null,
    });
    this.logger.log({ event: 'api_key_created', user_id: user, api_key_id: row.id }, 'api key created');
    return { row, key };
  }

  list(auth: AuthContext): Promise<ApiKey[]> {
    return isUuid(auth.userId) ? this.keys.listOf(auth.userId) : Promise.resolve([]);
  }

  async revoke(auth: AuthContext, keyId: string): Promise<void> {
    const row = isUuid(auth.userId) ? await this.keys.revoke(auth.userId, keyId) : null;
    if (!row) throw new AppError('API_KEY_NOT_FOUND');
    await this.revocations.revoke([{ key: apiKeyKey(row.id), expiresAt: this.cacheHorizon() }]);
    this.logger.log({ event: 'api_key_revoked', user_id: auth.userId, api_key_id: row.id }, 'api key revoked');
  }

  async verify(key: string): Promise<AuthContext> {
    const hash = sha256Hex(key);
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const live = await this.keys.findLive(hash);
    if (!live) {
      // Revoked on another instance a moment ago, before its push arrived: say so, as every
      // instance will once it has.
      if (await this.keys.isRevoked(hash)) throw new AppError('TOKEN_REVOKED');
      throw new AppError('INVALID_TOKEN', 'The API key is unknown, revoked or expired.');
    }
    const { key: row, owner } = live;
    void this.keys.touch(row.id).catch(() => undefined);
    const context: AuthContext = {
      userId: row.userId,
      organizationId: row.organizationId,
      role: owner.role,
      scopes: row.scopes.filter((s): s is Scope => s === 'read' || s === 'write'),
      email: owner.email,
      via: 'api_key',
      apiKeyId: row.id,
      expiresAt: row.expiresAt ? Math.floor(row.expiresAt.getTime() / 1000) : undefined,
    };
    const ttl = row.expiresAt ? Math.min(CACHE_TTL_MS, row.expiresAt.getTime() - Date.now()) : CACHE_TTL_MS;
    if (ttl > 0) this.cache.set(hash, context, { ttl });
    return context;
  }

  /** Revokes every key of the user (in the caller's unit of work); answers their revocation entries. */
  async revokeAllOf(userId: string): Promise<Revocation[]> {
    const ids = await this.keys.revokeAllOf(userId);
    return ids.map((id) => ({ key: apiKeyKey(id), expiresAt: this.cacheHorizon() }));
  }

  /** Revocation entries of keys only need to outlive the verification cache of every instance. */
  cacheHorizon(): number {
    return Math.floor((Date.now() + CACHE_TTL_MS) / 1000) + 60;
  }
}
