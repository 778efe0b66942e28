import { describe, expect, it } from 'vitest';
import { assertSafeBody, assertSafeInput, MAX_BODY_DEPTH } from './body-guard';
import { AppError } from './errors';

/** A body whose total nesting is `depth` levels (the body itself is level 1). */
function objectsDeep(depth: number): unknown {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

function arraysDeep(depth: number): unknown {
  return JSON.parse('['.repeat(depth) + ']'.repeat(depth));
}

function codeOf(body: unknown): string | undefined {
  try {
    assertSafeBody(body);
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
}

describe('assertSafeBody', () => {
  it('lets primitives, null and undefined through (the parser or the DTO judges them)', () => {
    for (const body of [undefined, null, 0, 'text', true]) expect(codeOf(body)).toBeUndefined();
  });

  it('accepts an ordinary body', () => {
    expect(codeOf({ title: 'a', metadata: { tags: ['x', 'y'], n: { deep: [1, { two: 2 }] } } })).toBeUndefined();
  });

  it(`allows exactly ${MAX_BODY_DEPTH} levels and refuses ${MAX_BODY_DEPTH + 1}`, () => {
    expect(MAX_BODY_DEPTH).toBe(32);
    expect(codeOf(objectsDeep(32))).toBeUndefined();
    expect(codeOf(objectsDeep(33))).toBe('BODY_TOO_DEEP');
    expect(codeOf(arraysDeep(32))).toBeUndefined();
    expect(codeOf(arraysDeep(33))).toBe('BODY_TOO_DEEP');
  });

  it('counts arrays and objects alike when they alternate', () => {
    let value: unknown = {};
    for (let i = 1; i < 33; i++) value = i % 2 ? [value] : { a: value };
    expect(codeOf(value)).toBe('BODY_TOO_DEEP');
  });

  it('finds the deep branch among many shallow siblings', () => {
    const body = { a: 1, b: { c: 2 }, list: [1, 2, 3], deep: objectsDeep(40), z: 'last' };
    expect(codeOf(body)).toBe('BODY_TOO_DEEP');
  });

  it('does not exhaust the stack on a hostile depth', () => {
    expect(codeOf(arraysDeep(100_000))).toBe('BODY_TOO_DEEP');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s at any depth', (key) => {
    // JSON.parse keeps "__proto__" as an own key, which is how a body arrives.
    const bodies = [
      `{"${key}": {"polluted": true}}`,
      `{"metadata": {"${key}": 1}}`,
      `{"metadata": {"list": [0, {"${key}": {}}]}}`,
      `[{"${key}": null}]`,
    ];
    for (const raw of bodies) expect({ raw, code: codeOf(JSON.parse(raw)) }).toEqual({ raw, code: 'FORBIDDEN_KEY' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('says which key it refused', () => {
    expect(() => assertSafeBody(JSON.parse('{"a": {"constructor": {}}}'))).toThrow(/"constructor"/);
  });

  it('allows those words as values and as parts of longer keys', () => {
    const body = { note: '__proto__', kind: 'constructor', prototypes: 1, my_prototype: { constructor_name: 'x' } };
    expect(codeOf(body)).toBeUndefined();
  });
});

describe('assertSafeInput: text the database cannot store', () => {
  const fieldOf = (input: unknown, where?: 'request body' | 'query string'): string | undefined => {
    try {
      assertSafeInput(input, where);
      return undefined;
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('INVALID_TEXT');
      return (err as AppError).errors?.[0].field;
    }
  };

  it('refuses a NUL or a lone surrogate in any value, naming the path', () => {
    expect(fieldOf(JSON.parse('{"title": "a\\u0000b"}'))).toBe('title');
    expect(fieldOf(JSON.parse('{"title": "a\\ud800"}'))).toBe('title');
    expect(fieldOf(JSON.parse('{"title": "\\udfffa"}'))).toBe('title');
    expect(fieldOf(JSON.parse('{"content": {"items": ["ok", "x\\u0000"]}}'))).toBe('content.items[1]');
    expect(fieldOf(JSON.parse('{"blocks": [{"content": {"text": "\\ud83d"}}]}'))).toBe('blocks[0].content.text');
    expect(fieldOf(JSON.parse('["a", "\\u0000"]'))).toBe('[1]');
  });

  it('refuses such a key, and names it escaped and cut short', () => {
    expect(fieldOf(JSON.parse('{"metadata": {"a\\u0000b": 1}}'))).toBe('metadata["a\\u0000b"]');
    const long = fieldOf(JSON.parse(`{"metadata": {"${'k'.repeat(5000)}\\u0000": 1}}`));
    expect(long!.length).toBeLessThan(100);
  });

  it('checks query strings and bare string bodies too', () => {
    expect(fieldOf({ page_id: 'x\u0000' }, 'query string')).toBe('page_id');
    expect(fieldOf({ tag: ['ok', '\ud800'] }, 'query string')).toBe('tag[1]');
    expect(fieldOf('# Title\u0000')).toBe('body');
  });

  it('lets paired surrogates (emoji), other control characters and U+FFFD through', () => {
    expect(fieldOf({ title: '🗺️ roadmap', text: 'tab\tnew\nline\u0007', odd: '\ufffd' })).toBeUndefined();
  });
});
