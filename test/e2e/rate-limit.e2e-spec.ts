import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, caller, login, register, registerAndLogin, STRONG_PASSWORD, uniqueEmail } from '../factories/identity';
import { PAGES } from '../factories/pages';
import { bootApp, TestApp } from '../support/app';

/** Every 429 says when to come back, whichever budget ran out. */
function expectLimited(res: LightMyRequestResponse): void {
  expect(res.statusCode, res.body).toBe(429);
  expect(res.json()).toEqual({ detail: expect.any(String), error_code: 'RATE_LIMITED' });
  expect(res.headers['retry-after']).toMatch(/^\d+$/);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
}

describe('rate limit: login, register, forgot-password (AUTH_RATE_LIMIT_PER_MINUTE=3)', () => {
  let t: TestApp;
  const call = caller(() => t.app);
  let email: string;

  beforeAll(async () => {
    t = await bootApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    email = (await register(t.app, { ip: '10.9.0.1' })).email;
  });
  afterAll(async () => {
    await t?.close();
  });

  const loginFrom = (ip: string, password = STRONG_PASSWORD): Promise<LightMyRequestResponse> =>
    call('POST', `${AUTH}/login`, { payload: { email, password }, ip });

  it('the 4th login from one IP within a minute → 429 RATE_LIMITED with Retry-After', async () => {
    expect((await loginFrom('10.9.0.2')).statusCode).toBe(200);
    expect((await loginFrom('10.9.0.2', 'Wrong-Horse-Battery-9!')).statusCode).toBe(401);
    expect((await loginFrom('10.9.0.2')).statusCode).toBe(200);
    expectLimited(await loginFrom('10.9.0.2'));
    expectLimited(await loginFrom('10.9.0.2'));
    // Another address has its own budget.
    expect((await loginFrom('10.9.0.3')).statusCode).toBe(200);
  });

  it('a client cannot pick a fresh IP with X-Forwarded-For (TRUST_PROXY is off by default)', async () => {
    const spoofed = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: `${AUTH}/login`,
          remoteAddress: '10.9.0.9',
          headers: { 'x-forwarded-for': `203.0.113.${i}` },
          payload: { email, password: STRONG_PASSWORD },
        }),
      ),
    );
    expect(spoofed.filter((r) => r.statusCode === 429)).toHaveLength(2);
  });

  it('login, register and forgot-password draw on one budget per IP', async () => {
    const ip = '10.9.0.4';
    expect((await loginFrom(ip)).statusCode).toBe(200);
    expect((await call('POST', `${AUTH}/forgot-password`, { payload: { email: uniqueEmail() }, ip })).statusCode).toBe(
      202,
    );
    expect(
      (await call('POST', `${AUTH}/register`, { payload: { email: uniqueEmail(), password: STRONG_PASSWORD }, ip }))
        .statusCode,
    ).toBe(201);
    expectLimited(await loginFrom(ip));
    expectLimited(await call('POST', `${AUTH}/forgot-password`, { payload: { email }, ip }));
  });

  it('does not limit refresh or authenticated routes by the auth budget', async () => {
    const pair = await login(t.app, email, STRONG_PASSWORD, '10.9.0.5');
    for (let i = 0; i < 5; i++) {
      expect((await call('GET', PAGES, { token: pair.access_token, ip: '10.9.0.5' })).statusCode).toBe(200);
    }
  });
});

describe('rate limit: per caller (RATE_LIMIT_PER_MINUTE=5)', () => {
  let t: TestApp;
  const call = caller(() => t.app);

  beforeAll(async () => {
    t = await bootApp({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the 6th request of one user in a minute → 429 with Retry-After; another user still gets 200', async () => {
    const alice = await registerAndLogin(t.app, { ip: '10.8.0.1' });
    const bob = await registerAndLogin(t.app, { ip: '10.8.0.2' });
    for (let i = 0; i < 5; i++) expect((await call('GET', PAGES, { token: alice.access_token })).statusCode).toBe(200);
    const limited = await call('GET', PAGES, { token: alice.access_token });
    expect(limited.statusCode, limited.body).toBe(429);
    expect(limited.json()).toEqual({ detail: expect.any(String), error_code: 'RATE_LIMITED' });
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Counted per user, not per address: Bob calls from the same IP.
    expect((await call('GET', PAGES, { token: bob.access_token })).statusCode).toBe(200);
  });

  it('the budget is one per caller across the API, not one per route', async () => {
    const carol = await registerAndLogin(t.app, { ip: '10.8.0.3' });
    for (let i = 0; i < 3; i++) expect((await call('GET', PAGES, { token: carol.access_token })).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) {
      expect((await call('GET', `${AUTH}/me`, { token: carol.access_token })).statusCode).toBe(200);
    }
    expect((await call('GET', '/api/v1/ocean/tags', { token: carol.access_token })).statusCode).toBe(429);
  });
});
