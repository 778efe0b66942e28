import { Algorithm, hash, verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';
import { test as isCommonPassword } from 'fxa-common-password-list';
import type { FieldError } from '../common/errors';
import { normalizePassword } from './normalize';

/**
 * argon2id with OWASP's first recommended profile (19 MiB, 2 passes, 1 lane): about 20–40 ms
 * per hash on one core here, which bounds a login burst to a few dozen per second per core.
 */
export const ARGON2_PARAMS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

export const hashPassword = (password: string): Promise<string> => hash(normalizePassword(password), ARGON2_PARAMS);

export interface PasswordCheck {
  ok: boolean;
  /** A legacy (bcrypt) or weaker hash that should be replaced now that the password is known. */
  needsRehash: boolean;
}

/** Verifies against argon2 hashes and legacy bcrypt hashes (`$2a$`, `$2b$`, `$2y$`). */
export async function verifyPassword(stored: string, input: string): Promise<PasswordCheck> {
  const password = normalizePassword(input);
  if (/^\$2[aby]\$/.test(stored)) {
    const ok = await bcrypt.compare(password, stored);
    return { ok, needsRehash: ok };
  }
  if (!stored.startsWith('$argon2')) return { ok: false, needsRehash: false };
  try {
    const ok = await verify(stored, password);
    const weaker = !stored.startsWith(`$argon2id$v=19$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},`);
    return { ok, needsRehash: ok && weaker };
  } catch {
    return { ok: false, needsRehash: false };
  }
}

/** What is wrong with a new password, field by field; empty when it is acceptable. */
export function passwordProblems(input: string, field: string, email?: string): FieldError[] {
  const password = normalizePassword(input);
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) problems.push(`at most ${MAX_PASSWORD_LENGTH} characters`);
  if (!/[a-z]/.test(password)) problems.push('a lowercase letter');
  if (!/[A-Z]/.test(password)) problems.push('an uppercase letter');
  if (!/[0-9]/.test(password)) problems.push('a digit');
  if (!/[^A-Za-z0-9]/.test(password)) problems.push('a symbol');
  const errors: FieldError[] = [];
  if (problems.length) errors.push({ field, message: `${field} needs ${problems.join(', ')}` });
  const lower = password.toLowerCase();
  const local = email?.split('@')[0].toLowerCase() ?? '';
  if (isCommonPassword(password) || isCommonPassword(lower) || (local.length >= 4 && lower.includes(local))) {
    errors.push({ field, message: `${field} is too common or too close to the email address` });
  }
  return errors;
}
