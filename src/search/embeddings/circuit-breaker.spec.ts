import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker';

function breaker() {
  let now = 1_000_000;
  const b = new CircuitBreaker({ failuresToOpen: 5, openMs: 30_000, maxOpenMs: 300_000, now: () => now });
  return { b, advance: (ms: number) => (now += ms) };
}

const fail = (b: CircuitBreaker, times: number) => {
  for (let i = 0; i < times; i++) {
    expect(b.tryAcquire()).toBe(true);
    b.recordFailure();
  }
};

describe('CircuitBreaker', () => {
  it('stays closed below the threshold and a success resets the count', () => {
    const { b } = breaker();
    fail(b, 4);
    b.recordSuccess();
    fail(b, 4);
    expect(b.state).toBe('closed');
    expect(b.canAttempt()).toBe(true);
  });

  it('opens after five consecutive failures and refuses calls for the cool-down', () => {
    const { b, advance } = breaker();
    fail(b, 5);
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    advance(29_999);
    expect(b.canAttempt()).toBe(false);
    advance(1);
    expect(b.state).toBe('half-open');
    expect(b.canAttempt()).toBe(true);
  });

  it('lets one trial through when half-open; its success closes the circuit', () => {
    const { b, advance } = breaker();
    fail(b, 5);
    advance(30_000);
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    expect(b.canAttempt()).toBe(false);
    b.recordSuccess();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  it('doubles the cool-down after each failed trial, up to the maximum, and resets it on success', () => {
    const { b, advance } = breaker();
    fail(b, 5);
    const cooldowns: number[] = [];
    for (let i = 0; i < 6; i++) {
      let waited = 0;
      while (!b.canAttempt()) {
        advance(1000);
        waited += 1000;
      }
      cooldowns.push(waited);
      fail(b, 1);
    }
    expect(cooldowns).toEqual([30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
    advance(300_000);
    expect(b.tryAcquire()).toBe(true);
    b.recordSuccess();
    fail(b, 5);
    advance(30_000);
    expect(b.canAttempt()).toBe(true);
  });

  it('a released trial lets the next caller try instead of blocking the circuit', () => {
    const { b, advance } = breaker();
    fail(b, 5);
    advance(30_000);
    expect(b.tryAcquire()).toBe(true);
    b.release();
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(true);
  });

  it('a failure of a call that started before the circuit opened does not extend it', () => {
    const { b, advance } = breaker();
    fail(b, 5);
    advance(20_000);
    expect(b.recordFailure()).toBe(false);
    advance(10_000);
    expect(b.canAttempt()).toBe(true);
  });
});
