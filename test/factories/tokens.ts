import { SignJWT, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';
import { TEST_SECRET } from '../support/app';

export interface TokenOptions {
  org?: string | null;
  user?: string;
  role?: string;
  secret?: string;
  alg?: string;
  kid?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number | null;
  notBefore?: number;
  claims?: JWTPayload;
  omitSub?: boolean;
}

/** Signs an access token the way the identity service (or the older core) does. */
export async function signToken(options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = {
    email: 'someone@example.com',
    role: options.role ?? 'USER',
    type: 'access',
    jti: randomUUID(),
    ...(options.org === null ? {} : { organization_id: options.org ?? 'org-a' }),
    ...options.claims,
  };
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: options.alg ?? 'HS256', ...(options.kid ? { kid: options.kid } : {}) })
    .setIssuedAt(now);
  if (!options.omitSub) jwt.setSubject(options.user ?? 'user-a');
  if (options.expiresIn !== null) jwt.setExpirationTime(now + (options.expiresIn ?? 3600));
  if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
  return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_SECRET));
}

/** A token with `alg: none` and no signature. */
export function unsignedToken(payload: JWTPayload): string {
  const enc = (v: object): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(payload)}.`;
}
