import { describe, expect, it } from 'vitest';
import { assertSafeInput } from './body-guard';
import { AppError } from './errors';
import { parseQueryString } from './strict-querystring';

describe('parseQueryString', () => {
  it('decodes like a form: plus as space, percent-escapes, repeated keys as arrays', () => {
    expect({ ...parseQueryString('a=1&b=x+y&c=%C3%A9&a=2&flag&=v') }).toEqual({
      a: ['1', '2'],
      b: 'x y',
      c: 'é',
      flag: '',
      '': 'v',
    });
  });

  it('keeps a stray percent sign literally', () => {
    expect({ ...parseQueryString('q=100%&r=%zz') }).toEqual({ q: '100%', r: '%zz' });
  });

  it('turns escapes that are not UTF-8 into text the input check refuses, naming the field', () => {
    for (const bad of ['%ED%A0%80', '%C0%80', '%FF', 'ok%E2%82']) {
      const parsed = parseQueryString(`email=a%40b.c&password=${bad}`);
      expect(parsed.email).toBe('a@b.c');
      let error: AppError | undefined;
      try {
        assertSafeInput(parsed);
      } catch (err) {
        error = err as AppError;
      }
      expect({ bad, code: error?.code, field: error?.errors?.[0].field }).toEqual({
        bad,
        code: 'INVALID_TEXT',
        field: 'password',
      });
    }
  });
});
