import { AppError } from '../common/errors';
import { API_KEY_PREFIX } from './api-key-verifier';
import { isCanonicalJws } from './revocation-keys';

/** Longest credential we are willing to look at; real tokens are far shorter. */
const MAX_CREDENTIAL_LENGTH = 8192;
const BEARER = /^bearer[ \t]+([^\s]+)[ \t]*$/i;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The credential of a request, by kind: what decides which strategy verifies it. */
export interface Credential {
  kind: 'api_key' | 'jwt';
  value: string;
}

export interface CredentialHeaders {
  authorization?: string;
  'x-api-key'?: string | string[];
}

/**
 * Finds the one credential of a request: X-API-Key, else `Authorization: Bearer`. A token must
 * be a JWS in its one canonical spelling before anything else looks at it, so that a re-spelled
 * token can neither find nor become a cache entry (or a revocation key) of its own.
 */
export function credentialOf(headers: CredentialHeaders): Credential {
  const apiKey = headers['x-api-key'];
  if (apiKey !== undefined) {
    if (typeof apiKey !== 'string' || !apiKey.startsWith(API_KEY_PREFIX)) {
      throw new AppError('INVALID_TOKEN', 'X-API-Key must hold one sk_ key.');
    }
    return { kind: 'api_key', value: apiKey.trim() };
  }
  const authorization = headers.authorization;
  if (!authorization) throw new AppError('UNAUTHENTICATED');
  if (authorization.length > MAX_CREDENTIAL_LENGTH) throw new AppError('INVALID_TOKEN', 'The credential is too long.');
  const match = BEARER.exec(authorization);
  if (!match) throw new AppError('INVALID_TOKEN', 'The Authorization header must use the Bearer scheme.');
  const value = match[1];
  if (value.startsWith(API_KEY_PREFIX)) return { kind: 'api_key', value };
  if (!JWT_SHAPE.test(value)) throw new AppError('INVALID_TOKEN', 'The token is not a well-formed JWT.');
  if (!isCanonicalJws(value)) throw new AppError('INVALID_TOKEN', 'The token is not canonical base64url.');
  return { kind: 'jwt', value };
}
