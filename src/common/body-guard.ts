import { AppError } from './errors';

export const MAX_BODY_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** A hostile key can be a megabyte long: an error names only its start. */
const MAX_KEY_SHOWN = 64;

/**
 * Text that PostgreSQL cannot store (NUL) or that no encoding can represent (a lone UTF-16
 * surrogate, which would be stored as U+FFFD and so make different inputs equal).
 */
export const isStorableText = (s: string): boolean => !s.includes('\u0000') && s.isWellFormed();

/** `a.b[2]["odd key"]`: JSON.stringify escapes a NUL or lone surrogate instead of echoing it. */
function childPath(parent: string, key: string, isArray: boolean): string {
  if (isArray) return `${parent}[${key}]`;
  if (!IDENTIFIER.test(key))
    return `${parent}[${JSON.stringify(key.length > MAX_KEY_SHOWN ? `${key.slice(0, MAX_KEY_SHOWN)}…` : key)}]`;
  return parent ? `${parent}.${key}` : key;
}

function invalidText(field: string, where: string): AppError {
  const message = `${field} contains a NUL character, an unpaired UTF-16 surrogate or bytes that are not UTF-8`;
  return new AppError('INVALID_TEXT', `The ${where} is invalid: ${message}.`, [{ field, message }]);
}

/**
 * Checks a parsed request body (or query string) in one pass: nesting at most MAX_BODY_DEPTH,
 * no key that could poison a prototype when merged, and no string, key or value, that the
 * database cannot store faithfully. Iterative, so a hostile body cannot exhaust the stack.
 * Runs for every route before validation, so no handler ever sees such input.
 */
export function assertSafeInput(input: unknown, where: 'request body' | 'query string' = 'request body'): void {
  if (typeof input === 'string') {
    if (!isStorableText(input)) throw invalidText(where === 'request body' ? 'body' : 'query', where);
    return;
  }
  if (input === null || typeof input !== 'object') return;
  const stack: Array<{ value: object; depth: number; path: string }> = [{ value: input, depth: 1, path: '' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (depth > MAX_BODY_DEPTH) {
      throw new AppError('BODY_TOO_DEEP', `The request body is nested more than ${MAX_BODY_DEPTH} levels deep.`);
    }
    const isArray = Array.isArray(value);
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        throw new AppError('FORBIDDEN_KEY', `The key "${key}" is not allowed in a request body.`);
      }
      const field = childPath(path, key, isArray);
      if (!isStorableText(key)) throw invalidText(field, where);
      const child = (value as Record<string, unknown>)[key];
      if (typeof child === 'string') {
        if (!isStorableText(child)) throw invalidText(field, where);
      } else if (child !== null && typeof child === 'object') {
        stack.push({ value: child, depth: depth + 1, path: field });
      }
    }
  }
}

/** The body check alone (kept for callers that judge a body outside a request). */
export const assertSafeBody = (body: unknown): void => assertSafeInput(body, 'request body');
