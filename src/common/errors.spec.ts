import { describe, expect, it } from 'vitest';
import { AppError } from './errors';

describe('AppError', () => {
  it('captures no stack for a 4xx (an answer, not a fault), keeps one for a 5xx, and leaves the limit as it was', () => {
    const limit = Error.stackTraceLimit;
    const notFound = new AppError('PAGE_NOT_FOUND');
    expect(notFound.stack).not.toContain('\n    at ');
    expect(notFound.status).toBe(404);
    expect(notFound.message).toBe('Page not found.');
    expect(new AppError('DATABASE_UNAVAILABLE').stack).toContain('\n    at ');
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error('plain').stack).toContain('\n    at ');
  });
});
