import { describe, expect, it } from 'vitest';
import { assertSafeBody, MAX_BODY_DEPTH } from './body-guard';
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
