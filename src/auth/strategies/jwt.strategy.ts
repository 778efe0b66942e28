import { Inject, Injectable, Optional } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Strategy, type StrategyOptionsWithRequest } from 'passport-jwt';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AppError } from '../../common/errors';
import type { AuthContext } from '../auth-context';
import type { AuthedRequest } from '../decorators';
import { kidOf } from '../jwt-keys';
import { canonicalSubject, tokenKey } from '../revocation-keys';
import { CLOCK_LEEWAY_SECONDS, normalizeRole } from '../token-claims';
import { UNREGISTERED } from './registry';

/** Injection token of the core's directory (the remote verifier), when a core URL is configured. */
export const CORE_DIRECTORY = Symbol('CORE_DIRECTORY');

export interface CoreDirectory {
  organizationOf(token: string): Promise<string | undefined>;
}

/** The registered claims a verified token may carry, and whatever else it holds. */
export interface JwtPayload extends Record<string, unknown> {
  sub?: string;
  exp?: number;
  iat?: number;
  jti?: string;
}

interface VerificationKey {
  kid: string;
  secret: Buffer;
}

const invalid = (detail: string): AppError => new AppError('INVALID_TOKEN', detail);

/**
 * The secret a token is verified with: the one its `kid` names among JWT_SECRET and
 * JWT_PREVIOUS_SECRETS; without a `kid`, the one whose HMAC is its signature (so that a token
 * of a previous secret is verified with it, and an expired one says TOKEN_EXPIRED rather than
 * "bad signature"), else the current one, which then fails. A refusal is an AppError.
 */
export function verificationKeyOf(token: string, keys: VerificationKey[]): Buffer | AppError {
  const [encodedHeader, encodedPayload, encodedSignature] = token.split('.');
  const header = jsonObjectOf(encodedHeader);
  // jsonwebtoken would take a payload of null (a TypeError: a 500), a JSON string holding the
  // claims, or bytes that are not UTF-8; jose did not, nor does Ocean.
  const payload = jsonObjectOf(encodedPayload);
  if (!header || !payload) return invalid('The token is not a well-formed JWT.');
  for (const claim of ['exp', 'nbf', 'iat']) {
    if (payload[claim] !== undefined && typeof payload[claim] !== 'number') {
      return invalid(`The token's "${claim}" claim is invalid: it is not a number.`);
    }
  }
  const { alg, kid, crit } = header;
  if (alg !== 'HS256') return invalid('The token must be signed with HS256.');
  // RFC 7515 4.1.11: a critical extension the verifier does not understand makes the token invalid.
  if (crit !== undefined) return invalid('The token has critical header parameters this service does not understand.');
  if (kid !== undefined)
    return keys.find((k) => k.kid === kid)?.secret ?? invalid('The token names an unknown key id.');
  if (keys.length === 1) return keys[0].secret;
  const signature = Buffer.from(encodedSignature, 'base64url');
  for (const key of keys) {
    const mac = createHmac('sha256', key.secret).update(`${encodedHeader}.${encodedPayload}`).digest();
    if (mac.length === signature.length && timingSafeEqual(mac, signature)) return key.secret;
  }
  return keys[0].secret;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A base64url segment that is a JSON object in strict UTF-8, or undefined. */
function jsonObjectOf(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(UTF8.decode(Buffer.from(segment, 'base64url')));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function optionsOf(config: AppConfig): StrategyOptionsWithRequest {
  const keys = [config.auth.jwtSecret, ...config.auth.previousSecrets].map((secret) => ({
    kid: kidOf(secret),
    secret: Buffer.from(secret, 'utf8'),
  }));
  return {
    // The guard has found the request's credential and its kind; an API key is not for us.
    jwtFromRequest: (req: AuthedRequest) => (req.credential?.kind === 'jwt' ? req.credential.value : null),
    secretOrKeyProvider: (_req: unknown, token: string, done: (err: unknown, key?: Buffer) => void) => {
      const key = verificationKeyOf(token, keys);
      if (key instanceof AppError) done(key);
      else done(null, key);
    },
    algorithms: ['HS256'],
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    jsonWebTokenOptions: { clockTolerance: CLOCK_LEEWAY_SECONDS },
    passReqToCallback: true,
  };
}

/**
 * Local mode: HS256 access tokens signed with the shared secret (the built-in identity's, or
 * another issuer's that shares it), on passport-jwt. Its refusals are mapped by refusalOf.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** Present in hybrid mode: the core knows the organization of tokens that carry none. */
    @Optional() @Inject(CORE_DIRECTORY) private readonly core?: CoreDirectory,
  ) {
    super(optionsOf(config));
  }

  /** Registered by AuthStrategies under this application's own name (see registry.ts). */
  getPassportInstance(): typeof UNREGISTERED {
    return UNREGISTERED;
  }

  async validate(req: AuthedRequest, payload: JwtPayload): Promise<AuthContext> {
    const token = req.credential!.value;
    if (typeof payload.exp !== 'number') throw invalid('The token has no "exp" claim.');
    const claims = payload as Record<string, unknown>;
    const claimedOrg = claims['organization_id'] ?? claims['org_id'];
    const coreOrg = claimedOrg === undefined && this.core ? await this.core.organizationOf(token) : undefined;
    return contextOfClaims(token, payload, this.config, coreOrg);
  }
}

/** The caller a verified token's claims describe. */
export function contextOfClaims(token: string, payload: JwtPayload, config: AppConfig, coreOrg?: string): AuthContext {
  const claims = payload as Record<string, unknown>;
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255) {
    throw invalid('The token has no subject.');
  }
  // One spelling per user: PostgreSQL reads an upper-case UUID as the same id, so revocation
  // keys (sub:, before:) must too.
  const sub = canonicalSubject(payload.sub);
  const type = claims['type'];
  if (type !== undefined && type !== 'access') throw invalid('Only access tokens are accepted here.');
  if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + CLOCK_LEEWAY_SECONDS) {
    throw invalid('The token was issued in the future.');
  }
  const claimedOrg = claims['organization_id'] ?? claims['org_id'] ?? coreOrg;
  let organizationId: string;
  if (typeof claimedOrg === 'string' && claimedOrg.length > 0 && claimedOrg.length <= 255) {
    organizationId = claimedOrg;
  } else if (config.auth.orgFallback === 'personal') {
    // A user without an organization is the only member of their own tenant.
    organizationId = sub;
  } else {
    throw new AppError('NO_ORGANIZATION');
  }
  const jti = typeof payload.jti === 'string' && payload.jti ? payload.jti : undefined;
  const sid = claims['sid'];
  return {
    userId: sub,
    organizationId,
    role: normalizeRole(claims['role']),
    scopes: ['read', 'write'],
    email: typeof claims['email'] === 'string' ? claims['email'] : undefined,
    via: 'jwt',
    tokenId: jti,
    tokenDigest: jti ? undefined : tokenKey(token),
    sessionId: typeof sid === 'string' ? sid : undefined,
    expiresAt: payload.exp,
    issuedAt: typeof payload.iat === 'number' ? payload.iat : undefined,
  };
}
