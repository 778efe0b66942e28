import { createHash, webcrypto } from 'node:crypto';

/**
 * The key id of a secret: the first 16 hex digits of its SHA-256. An issuer that puts this in
 * the `kid` header lets verifiers pick the key without trying each one; the secret itself
 * cannot be recovered from it.
 */
export const kidOf = (secret: string): string => sha256Hex(secret).slice(0, 16);

/** The one SHA-256 of the code base (hex): key ids, cache keys, stored digests of opaque secrets. */
export const sha256Hex = (value: string | Buffer): string => createHash('sha256').update(value).digest('hex');

/**
 * An HS256 key, imported once: preparing a key per request dominated a cheap request's cost
 * (STACK-NOTES). The identity signs with it, the guard verifies with it.
 */
export const importHmacKey = (secret: string, usage: 'sign' | 'verify'): Promise<webcrypto.CryptoKey> =>
  webcrypto.subtle.importKey('raw', Buffer.from(secret, 'utf8'), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
