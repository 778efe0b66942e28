import type { Role } from './auth-context';

/** How far a token's exp, nbf and iat may be off this machine's clock. */
export const CLOCK_LEEWAY_SECONDS = 30;

export function normalizeRole(value: unknown): Role {
  return typeof value === 'string' && value.toUpperCase() === 'ADMIN' ? 'ADMIN' : 'USER';
}
