import { AppError } from './errors';

export const MAX_BODY_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Rejects bodies nested deeper than MAX_BODY_DEPTH or carrying keys that could poison a
 * prototype when merged. Iterative, so a hostile body cannot exhaust the stack.
 */
export function assertSafeBody(body: unknown): void {
  if (body === null || typeof body !== 'object') return;
  const stack: Array<{ value: object; depth: number }> = [{ value: body, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (depth > MAX_BODY_DEPTH) {
      throw new AppError('BODY_TOO_DEEP', `The request body is nested more than ${MAX_BODY_DEPTH} levels deep.`);
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        throw new AppError('FORBIDDEN_KEY', `The key "${key}" is not allowed in a request body.`);
      }
      const child = (value as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
    }
  }
}
