import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, JWTPayload } from 'jose';
import { webcrypto } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AppError } from '../common/errors';
import type { AuthContext, Role } from './auth-context';
import type { CredentialVerifier } from './credential-verifier';
import { importHmacKey, kidOf } from './jwt-keys';
import { canonicalSubject, jtiKey, sessionKey, subjectKey, tokenKey } from './revocation-keys';

export const CLOCK_LEEWAY_SECONDS = 30;

/** Injection token of the core's directory (the remote verifier), when a core URL is configured. */
export const CORE_DIRECTORY = Symbol('CORE_DIRECTORY');

interface VerificationKey {
  kid: string;
  key: webcrypto.CryptoKey;
}

const importSecret = async (secret: string): Promise<VerificationKey> => ({
  kid: kidOf(secret),
  key: await importHmacKey(secret, 'verify'),
});

const invalid = (detail: string): AppError => new AppError('INVALID_TOKEN', detail);

export function normalizeRole(value: unknown): Role {
  return typeof value === 'string' && value.toUpperCase() === 'ADMIN' ? 'ADMIN' : 'USER';
}

/** Verifies HS256 access tokens with the shared secret, honouring key rotation by `kid`. */
@Injectable()
export class LocalJwtVerifier implements CredentialVerifier, OnModuleInit {
  /** Current secret first: tokens without a `kid` are tried against each in turn. */
  private keys: VerificationKey[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** Present in hybrid mode: the core knows the organization of tokens that carry none. */
    @Optional()
    @Inject(CORE_DIRECTORY)
    private readonly core?: { organizationOf(token: string): Promise<string | undefined> },
  ) {}

  async onModuleInit(): Promise<void> {
    // Imported once as CryptoKeys: preparing a key per request dominated a cheap request's cost.
    this.keys = await Promise.all([this.config.auth.jwtSecret, ...this.config.auth.previousSecrets].map(importSecret));
  }

  async verify(token: string): Promise<AuthContext> {
    let header;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw invalid('The token is not a well-formed JWT.');
    }
    if (header.alg !== 'HS256') throw invalid('The token must be signed with HS256.');
    const candidates = header.kid === undefined ? this.keys : this.keys.filter((k) => k.kid === header.kid);
    if (candidates.length === 0) throw invalid('The token names an unknown key id.');

    const payload = await this.verifyWithAny(token, candidates);
    const claimedOrg = payload['organization_id'] ?? payload['org_id'];
    const coreOrg = claimedOrg === undefined && this.core ? await this.core.organizationOf(token) : undefined;
    return this.toContext(token, payload, coreOrg);
  }

  private async verifyWithAny(token: string, candidates: VerificationKey[]): Promise<JWTPayload> {
    for (const [index, candidate] of candidates.entries()) {
      try {
        const { payload } = await jwtVerify(token, candidate.key, {
          algorithms: ['HS256'],
          clockTolerance: CLOCK_LEEWAY_SECONDS,
          requiredClaims: ['exp'],
          issuer: this.config.auth.issuer,
          audience: this.config.auth.audience,
        });
        return payload;
      } catch (err) {
        const last = index === candidates.length - 1;
        if (err instanceof joseErrors.JWSSignatureVerificationFailed && !last) continue;
        throw this.explain(err);
      }
    }
    throw invalid('The token signature is invalid.');
  }

  private explain(err: unknown): AppError {
    if (err instanceof joseErrors.JWTExpired) return new AppError('TOKEN_EXPIRED');
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) return invalid('The token signature is invalid.');
    if (err instanceof joseErrors.JWTClaimValidationFailed) {
      return invalid(`The token's "${err.claim}" claim is invalid: ${err.reason}.`);
    }
    return invalid('The token could not be verified.');
  }

  private toContext(token: string, payload: JWTPayload, coreOrg?: string): AuthContext {
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255) {
      throw invalid('The token has no subject.');
    }
    // One spelling per user: PostgreSQL reads an upper-case UUID as the same id, so revocation
    // keys (sub:, before:) must too.
    const sub = canonicalSubject(payload.sub);
    const type = payload['type'];
    if (type !== undefined && type !== 'access') throw invalid('Only access tokens are accepted here.');
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + CLOCK_LEEWAY_SECONDS) {
      throw invalid('The token was issued in the future.');
    }
    const claimedOrg = payload['organization_id'] ?? payload['org_id'] ?? coreOrg;
    let organizationId: string;
    if (typeof claimedOrg === 'string' && claimedOrg.length > 0 && claimedOrg.length <= 255) {
      organizationId = claimedOrg;
    } else if (this.config.auth.orgFallback === 'personal') {
      // A user without an organization is the only member of their own tenant.
      organizationId = sub;
    } else {
      throw new AppError('NO_ORGANIZATION');
    }
    return {
      userId: sub,
      organizationId,
      role: normalizeRole(payload['role']),
      scopes: ['read', 'write'],
      email: typeof payload['email'] === 'string' ? payload['email'] : undefined,
      via: 'jwt',
      revocationKeys: [
        typeof payload.jti === 'string' && payload.jti ? jtiKey(payload.jti) : tokenKey(token),
        subjectKey(sub),
        ...(typeof payload['sid'] === 'string' ? [sessionKey(payload['sid'])] : []),
      ],
      sessionId: typeof payload['sid'] === 'string' ? payload['sid'] : undefined,
      expiresAt: payload.exp,
      issuedAt: typeof payload.iat === 'number' ? payload.iat : undefined,
    };
  }
}
