import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RemoteMeVerifier } from '../../src/auth/remote-me.verifier';
import { PAGES } from '../factories/pages';
import { signToken, unsignedToken } from '../factories/tokens';
import { bootApp, TestApp } from '../support/app';
import { FakeCore } from '../support/fake-core';

const TIMEOUT_MS = 300;

describe('AUTH_MODE=remote against a core on loopback', () => {
  const core = new FakeCore();
  let t: TestApp;
  const get = (token: string) =>
    t.app.inject({ method: 'GET', url: PAGES, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    await core.start();
    t = await bootApp({
      AUTH_MODE: 'remote',
      IDENTITY_ENABLED: 'false',
      AINATIVE_API_URL: core.url,
      REMOTE_AUTH_TIMEOUT_MS: String(TIMEOUT_MS),
      REMOTE_AUTH_CACHE_SECONDS: '30',
    });
  });
  afterAll(async () => {
    await t?.close();
    await core.stop();
  });
  beforeEach(() => {
    core.mode = 'ok';
    core.extra = {};
  });

  it('accepts what the core vouches for; the old core’s answer (no organization) means a personal tenant', async () => {
    const token = await signToken({ user: 'remote-user-1', org: null });
    const res = await t.app.inject({
      method: 'POST',
      url: PAGES,
      headers: { authorization: `Bearer ${token}` },
      payload: { title: 'via core' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ organization_id: 'remote-user-1', user_id: 'remote-user-1' });
  });

  it('uses the organization_id and roles[] the core answers', async () => {
    core.extra = { organization_id: 'org-from-core', roles: ['user', 'admin'] };
    const token = await signToken({ user: 'remote-user-2' });
    const res = await t.app.inject({
      method: 'POST',
      url: PAGES,
      headers: { authorization: `Bearer ${token}` },
      payload: { title: 'orged' },
    });
    expect(res.json().organization_id).toBe('org-from-core');
  });

  it('passes the token matrix: what the core refuses, or what is bad on its face, is a 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, Record<string, string>, number]> = [
      ['missing', {}, 401],
      ['garbage', { authorization: 'Bearer garbage' }, 401],
      ['basic scheme', { authorization: 'Basic dXNlcjpwYXNz' }, 401],
      ['wrong secret', { authorization: `Bearer ${await signToken({ secret: 'x'.repeat(48) })}` }, 401],
      ['alg none', { authorization: `Bearer ${unsignedToken({ sub: 'u', exp: now + 60 })}` }, 401],
      ['HS512', { authorization: `Bearer ${await signToken({ alg: 'HS512' })}` }, 401],
      ['expired beyond leeway', { authorization: `Bearer ${await signToken({ expiresIn: -60 })}` }, 401],
      ['expired within leeway', { authorization: `Bearer ${await signToken({ expiresIn: -10 })}` }, 200],
      ['nbf in the future', { authorization: `Bearer ${await signToken({ notBefore: 60 })}` }, 401],
      ['no exp', { authorization: `Bearer ${await signToken({ expiresIn: null })}` }, 401],
      ['no sub', { authorization: `Bearer ${await signToken({ omitSub: true })}` }, 401],
      ['refresh type', { authorization: `Bearer ${await signToken({ claims: { type: 'refresh' } })}` }, 401],
      ['lowercase scheme', { authorization: `bearer ${await signToken()}` }, 200],
      [
        'core-style minimal',
        { authorization: `Bearer ${await signToken({ org: null, claims: { jti: undefined, type: undefined } })}` },
        200,
      ],
    ];
    for (const [name, headers, status] of cases) {
      const res = await t.app.inject({ method: 'GET', url: PAGES, headers });
      expect([name, res.statusCode]).toEqual([name, status]);
      if (status === 401) expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    }
  });

  it('caches positive answers: one core call for repeated requests', async () => {
    const token = await signToken({ user: 'remote-cache' });
    const before = core.calls;
    for (let i = 0; i < 5; i++) expect((await get(token)).statusCode).toBe(200);
    expect(core.calls - before).toBe(1);
  });

  it('makes one core call for concurrent requests with the same new token (single-flight)', async () => {
    const token = await signToken({ user: 'remote-flight' });
    const before = core.calls;
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(token)));
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
    expect(core.calls - before).toBe(1);
  });

  it('refuses credentials malformed or expired on their face without calling the core', async () => {
    const before = core.calls;
    const refused = [
      'garbage',
      unsignedToken({ sub: 'x' }),
      await signToken({ expiresIn: -120 }),
      await signToken({ claims: { type: 'refresh' } }),
      await signToken({ expiresIn: null }),
    ];
    for (const token of refused) {
      const res = await get(token);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    }
    expect(core.calls).toBe(before);
  });

  it('turns the core’s 401 into a 401 and never caches it', async () => {
    const forged = await signToken({ secret: 'another-secret-that-is-long-enough-xxxxxxxxxx' });
    const before = core.calls;
    expect((await get(forged)).statusCode).toBe(401);
    expect((await get(forged)).statusCode).toBe(401);
    expect(core.calls - before).toBe(2);
  });

  for (const mode of ['error', 'malformed', 'no-id', 'slow'] as const) {
    it(`answers 503 AUTH_UNAVAILABLE with Retry-After when the core is ${mode} — never 401`, async () => {
      core.mode = mode;
      core.slowMs = TIMEOUT_MS * 3;
      const token = await signToken({ user: `remote-${mode}` });
      const started = Date.now();
      const res = await get(token);
      expect([res.statusCode, res.json().error_code]).toEqual([503, 'AUTH_UNAVAILABLE']);
      expect(res.headers['retry-after']).toBeDefined();
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
      // Two failures only: the breaker stays closed for the next case.
      t.app.get(RemoteMeVerifier)['failures'] = 0;
    });
  }

  it('opens the breaker after repeated failures (no more calls), and closes when the core is back', async () => {
    core.mode = 'error';
    const verifier = t.app.get(RemoteMeVerifier);
    for (let i = 0; i < 5; i++) expect((await get(await signToken({ user: `burst-${i}` }))).statusCode).toBe(503);
    const callsWhenOpen = core.calls;
    expect((await get(await signToken({ user: 'burst-x' }))).statusCode).toBe(503);
    expect(core.calls).toBe(callsWhenOpen);
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200); // the core's /health still answers: readiness is about reachability
    core.mode = 'ok';
    // Past the open period, one probe goes through and closes the breaker.
    verifier['openUntil'] = Date.now() - 1;
    expect((await get(await signToken({ user: 'burst-back' }))).statusCode).toBe(200);
    // Closed again: the next new credential is asked of the core at once.
    const callsWhenClosed = core.calls;
    expect((await get(await signToken({ user: 'burst-after' }))).statusCode).toBe(200);
    expect(core.calls).toBe(callsWhenClosed + 1);
  });

  it('asks the core about API keys and honours the scopes it reports', async () => {
    const readKey = `sk_${'r'.repeat(40)}`;
    core.apiKeys.set(readKey, {
      id: 'key-owner',
      email: 'k@example.com',
      role: 'USER',
      organization_id: 'org-keys',
      scopes: ['read'],
      api_key_id: 'k1',
    });
    const read = await t.app.inject({ method: 'GET', url: PAGES, headers: { 'x-api-key': readKey } });
    expect(read.statusCode).toBe(200);
    const write = await t.app.inject({
      method: 'POST',
      url: PAGES,
      headers: { authorization: `Bearer ${readKey}` },
      payload: { title: 'x' },
    });
    expect([write.statusCode, write.json().error_code]).toEqual([403, 'FORBIDDEN']);
    const unknown = await t.app.inject({ method: 'GET', url: PAGES, headers: { 'x-api-key': `sk_${'u'.repeat(40)}` } });
    expect(unknown.statusCode).toBe(401);
  });
});

describe('remote mode readiness', () => {
  it('reports the core as a dependency: 503 when it is down', async () => {
    const core = new FakeCore();
    await core.start();
    const t = await bootApp({ AUTH_MODE: 'remote', IDENTITY_ENABLED: 'false', AINATIVE_API_URL: core.url });
    try {
      const up = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect([up.statusCode, up.json().details.core_auth.status]).toEqual([200, 'up']);
      await core.stop();
      const down = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect([down.statusCode, down.json().details.core_auth.status]).toEqual([503, 'down']);
    } finally {
      await t.close();
      await core.stop();
    }
  });
});

describe('hybrid: local JWT verification, the core for API keys and organizations', () => {
  const core = new FakeCore();
  let t: TestApp;

  beforeAll(async () => {
    await core.start();
    t = await bootApp({ AUTH_MODE: 'local', IDENTITY_ENABLED: 'false', AINATIVE_API_URL: core.url });
  });
  afterAll(async () => {
    await t?.close();
    await core.stop();
  });

  it('verifies JWTs locally (a forged one never reaches the core) and asks the core only for a missing organization', async () => {
    const before = core.calls;
    const forged = await signToken({ secret: 'another-secret-that-is-long-enough-xxxxxxxxxx' });
    expect(
      (await t.app.inject({ method: 'GET', url: PAGES, headers: { authorization: `Bearer ${forged}` } })).statusCode,
    ).toBe(401);
    const withOrg = await signToken({ org: 'org-in-claim' });
    expect(
      (await t.app.inject({ method: 'GET', url: PAGES, headers: { authorization: `Bearer ${withOrg}` } })).statusCode,
    ).toBe(200);
    expect(core.calls).toBe(before);

    core.extra = { organization_id: 'org-known-to-core' };
    const noOrg = await signToken({ org: null, user: 'hybrid-user' });
    const res = await t.app.inject({
      method: 'POST',
      url: PAGES,
      headers: { authorization: `Bearer ${noOrg}` },
      payload: { title: 'hybrid' },
    });
    expect([res.statusCode, res.json().organization_id]).toEqual([201, 'org-known-to-core']);
    expect(core.calls).toBe(before + 1);
  });

  it('sends API keys to the core', async () => {
    const key = `sk_${'h'.repeat(40)}`;
    core.apiKeys.set(key, { id: 'hk', role: 'USER', organization_id: 'org-hybrid-keys', scopes: ['read', 'write'] });
    const res = await t.app.inject({
      method: 'POST',
      url: PAGES,
      headers: { 'x-api-key': key },
      payload: { title: 'k' },
    });
    expect([res.statusCode, res.json().organization_id]).toEqual([201, 'org-hybrid-keys']);
  });
});
