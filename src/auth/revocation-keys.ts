import { createHash } from 'node:crypto';
import type { AuthContext } from './auth-context';
import { sha256Hex } from './jwt-keys';

/**
 * Revocation keys, derived in one place from what a credential means. A key fits the
 * revocations table (200 characters) whatever the claim's length: a long value is keyed by its
 * SHA-256, so memory and table always hold the same key.
 */
const MAX_VALUE = 160;
export const MAX_REVOCATION_KEY_LENGTH = 200;

const keyed = (kind: string, value: string): string =>
  value.length <= MAX_VALUE ? `${kind}:${value}` : `${kind}:sha256:${sha256Hex(value)}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A subject that is a UUID, lower-cased: every spelling of one user id is one user. */
export const canonicalSubject = (sub: string): string => (UUID.test(sub) ? sub.toLowerCase() : sub);

export const jtiKey = (jti: string): string => keyed('jti', jti);
export const sessionKey = (sid: string): string => keyed('sid', sid);
export const subjectKey = (sub: string): string => keyed('sub', sub);
export const apiKeyKey = (apiKeyId: string): string => keyed('apikey', apiKeyId);
/** The per-user cut-off of a password reset: tokens of `sub` issued before a time are dead. */
export const cutoffKey = (sub: string): string => keyed('before', sub);

/** What a credential's revocation keys are derived from. */
export type RevocationSubject = Pick<AuthContext, 'userId' | 'tokenId' | 'tokenDigest' | 'sessionId' | 'apiKeyId'>;

/**
 * The key that revokes this one credential: its API key, else its token id, else its digest.
 * A credential with none of them (no strategy builds one) can only be revoked with its user.
 */
export function ownRevocationKey(credential: RevocationSubject): string | undefined {
  if (credential.apiKeyId) return apiKeyKey(credential.apiKeyId);
  if (credential.tokenId) return jtiKey(credential.tokenId);
  return credential.tokenDigest;
}

/**
 * Every key under which the credential can be revoked, derived here and nowhere else: the
 * credential itself, its user (`sub:`) and its session (`sid:`).
 */
export function revocationKeysOf(credential: RevocationSubject): string[] {
  const own = ownRevocationKey(credential);
  const keys = own ? [own, subjectKey(credential.userId)] : [subjectKey(credential.userId)];
  if (credential.sessionId) keys.push(sessionKey(credential.sessionId));
  return keys;
}

const BASE64URL_VALUE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Whether a base64url segment (no padding) is the one canonical spelling of its bytes. The
 * last character of a segment whose length is 2 or 3 mod 4 carries 4 or 2 unused bits; a
 * decoder ignores them, so flipping them spells the same bytes (and the same valid signature)
 * differently. Canonical means those bits are zero, and a length of 1 mod 4 is never valid.
 */
export function isCanonicalBase64Url(segment: string): boolean {
  return segmentIsCanonical(segment, 0, segment.length);
}

/** `text.slice(start, end)` is canonical base64url; without slicing (this runs per request). */
function segmentIsCanonical(text: string, start: number, end: number): boolean {
  const rest = (end - start) % 4;
  if (rest === 0) return true;
  if (rest === 1) return false;
  const value = BASE64URL_VALUE.indexOf(text[end - 1]);
  if (value < 0) return false;
  return (value & (rest === 2 ? 0x0f : 0x03)) === 0;
}

/** True when every segment of a compact JWS is canonical base64url. */
export function isCanonicalJws(token: string): boolean {
  let start = 0;
  for (;;) {
    const dot = token.indexOf('.', start);
    const end = dot < 0 ? token.length : dot;
    if (!segmentIsCanonical(token, start, end)) return false;
    if (dot < 0) return true;
    start = dot + 1;
  }
}

/**
 * The key of a token without `jti`: the SHA-256 of its decoded header, payload and signature
 * bytes, so that no re-spelling of the same token escapes a revocation of it.
 */
export function tokenKey(token: string): string {
  const hash = createHash('sha256');
  for (const part of token.split('.')) {
    const bytes = Buffer.from(part, 'base64url');
    // Length-framed, so that bytes cannot move from one part to the next.
    hash.update(`${bytes.length}:`).update(bytes);
  }
  return `sha256:${hash.digest('hex')}`;
}
