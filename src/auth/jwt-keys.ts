import { createHash } from 'node:crypto';

/**
 * The key id of a secret: the first 16 hex digits of its SHA-256. An issuer that puts this in
 * the `kid` header lets verifiers pick the key without trying each one; the secret itself
 * cannot be recovered from it.
 */
export const kidOf = (secret: string): string => createHash('sha256').update(secret).digest('hex').slice(0, 16);

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');
