import { Strategy as CustomStrategy } from 'passport-custom';
import { describe, expect, it } from 'vitest';
import { register, StrategyNames } from './registry';

const strategy = (): InstanceType<typeof CustomStrategy> => new CustomStrategy((_req, done) => done(null, false));

describe('the strategy registry', () => {
  it('gives every application names of its own, and never files a strategy over another', () => {
    const [a, b] = [new StrategyNames(), new StrategyNames()];
    expect(a.of('jwt')).toMatch(/^jwt#[0-9a-f]{8}$/);
    expect(a.of('jwt')).not.toBe(b.of('jwt'));
    const name = a.of('api-key');
    const first = register({ [name]: strategy() });
    try {
      expect(() => register({ [name]: strategy() })).toThrow(`passport already holds a strategy named ${name}`);
    } finally {
      first.remove();
    }
    register({ [name]: strategy() }).remove();
  });
});
