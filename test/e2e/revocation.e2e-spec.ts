import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.factory';
import { APP_CONFIG, AppConfig, loadConfig } from '../../src/config/config';
import { PAGES } from '../factories/pages';
import { createScratchDatabase, onPostgres, TEST_SECRET } from '../support/app';
import { send } from '../support/http';
import { freePort, OceanProcess } from '../support/processes';

const PASSWORD = 'Tide-Pool-42-Kelp!';

/** Two instances of Ocean on one database (and optionally one Redis), as behind a load balancer. */
async function bootInstances(databaseUrl: string, extra: Record<string, string>): Promise<NestFastifyApplication[]> {
  const config = () =>
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      JWT_SECRET: TEST_SECRET,
      DATABASE_URL: databaseUrl,
      RATE_LIMIT_PER_MINUTE: '1000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
      AUTH_FAILURE_LIMIT_PER_MINUTE: '1000000',
      ...extra,
    });
  return [await createApp(config()), await createApp(config())];
}

async function login(
  app: NestFastifyApplication,
  email: string,
): Promise<{ access_token: string; refresh_token: string }> {
  const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  return res.json();
}

/** Polls until the token is refused; answers how long that took in ms (or -1 past the budget). */
async function msUntilRefused(app: NestFastifyApplication, token: string, budgetMs = 1000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started <= budgetMs) {
    const res = await app.inject({ method: 'GET', url: PAGES, headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode === 401) {
      expect(res.json().error_code).toBe('TOKEN_REVOKED');
      return Date.now() - started;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return -1;
}

const shapes: Array<[string, () => Record<string, string> | undefined]> = [
  ['PostgreSQL LISTEN/NOTIFY', () => ({})],
  ['Redis pub/sub', () => (process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : undefined)],
];

for (const [name, extra] of shapes) {
  describe.skipIf(!onPostgres() || extra() === undefined)(`revocation across instances (${name})`, () => {
    let a: NestFastifyApplication;
    let b: NestFastifyApplication;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      const scratch = await createScratchDatabase();
      drop = scratch.drop;
      [a, b] = await bootInstances(scratch.url, extra()!);
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await drop?.();
    });

    it('a logout on one instance is refused by the other within one second', async () => {
      const email = `two-${Date.now()}@example.com`;
      const reg = await a.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password: PASSWORD } });
      expect(reg.statusCode).toBe(201);
      const { access_token } = await login(a, email);
      // B verifies and caches the token first, so the refusal must come from the revocation.
      const warm = await b.inject({ method: 'GET', url: PAGES, headers: { authorization: `Bearer ${access_token}` } });
      expect(warm.statusCode).toBe(200);
      const out = await a.inject({
        method: 'POST',
        url: '/v1/auth/logout',
        headers: { authorization: `Bearer ${access_token}` },
      });
      expect(out.statusCode).toBe(204);
      const elapsed = await msUntilRefused(b, access_token);
      expect(elapsed).toBeGreaterThanOrEqual(0);
      expect(elapsed).toBeLessThanOrEqual(1000);
    });

    it('a global logout and a revoked API key reach the other instance too', async () => {
      const email = `two-global-${Date.now()}@example.com`;
      await a.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password: PASSWORD } });
      const first = await login(a, email);
      const second = await login(b, email);
      const key = await b.inject({
        method: 'POST',
        url: '/v1/auth/api-keys',
        headers: { authorization: `Bearer ${second.access_token}` },
        payload: { name: 'two', scopes: ['read'] },
      });
      expect(key.statusCode).toBe(201);
      const apiKey: string = key.json().key;
      const viaKey = () => a.inject({ method: 'GET', url: PAGES, headers: { 'x-api-key': apiKey } });
      expect((await viaKey()).statusCode).toBe(200);
      await b.inject({
        method: 'DELETE',
        url: `/v1/auth/api-keys/${key.json().api_key_id}`,
        headers: { authorization: `Bearer ${second.access_token}` },
      });
      let refused = false;
      for (let i = 0; i < 100 && !refused; i++) {
        refused = (await viaKey()).statusCode === 401;
        if (!refused) await new Promise((r) => setTimeout(r, 10));
      }
      expect(refused).toBe(true);

      expect(
        (await b.inject({ method: 'GET', url: PAGES, headers: { authorization: `Bearer ${second.access_token}` } }))
          .statusCode,
      ).toBe(200);
      const out = await a.inject({
        method: 'POST',
        url: '/v1/auth/logout?scope=global',
        headers: { authorization: `Bearer ${first.access_token}` },
      });
      expect(out.statusCode).toBe(204);
      expect(await msUntilRefused(b, second.access_token)).toBeGreaterThanOrEqual(0);
    });

    it('an instance started after a logout still refuses the token (revocations load from the table)', async () => {
      const email = `late-${Date.now()}@example.com`;
      await a.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password: PASSWORD } });
      const { access_token } = await login(a, email);
      await a.inject({ method: 'POST', url: '/v1/auth/logout', headers: { authorization: `Bearer ${access_token}` } });
      const [late] = await bootInstances(a.get<AppConfig>(APP_CONFIG).database.url!, extra()!);
      try {
        const res = await late.inject({
          method: 'GET',
          url: PAGES,
          headers: { authorization: `Bearer ${access_token}` },
        });
        expect([res.statusCode, res.json().error_code]).toEqual([401, 'TOKEN_REVOKED']);
      } finally {
        await late.close();
      }
    });
  });
}

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

describe.skipIf(!onPostgres() || !hasRedisServer)('revocation across instances while Redis is down', () => {
  let a: NestFastifyApplication;
  let b: NestFastifyApplication;
  let redis: ChildProcess | undefined;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await new Promise((r) => setTimeout(r, 300));
    const scratch = await createScratchDatabase();
    drop = scratch.drop;
    [a, b] = await bootInstances(scratch.url, { REDIS_URL: `redis://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    redis?.kill('SIGKILL');
    await a?.close();
    await b?.close();
    await drop?.();
  });

  it('a logout still answers 204 and the other instance refuses the token within one second (by NOTIFY)', async () => {
    const email = `redis-down-${Date.now()}@example.com`;
    await a.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password: PASSWORD } });
    const { access_token } = await login(a, email);
    const warm = await b.inject({ method: 'GET', url: PAGES, headers: { authorization: `Bearer ${access_token}` } });
    expect(warm.statusCode).toBe(200);
    redis!.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    const out = await a.inject({
      method: 'POST',
      url: '/v1/auth/logout',
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(out.statusCode, out.body).toBe(204);
    const elapsed = await msUntilRefused(b, access_token);
    expect(elapsed).toBeGreaterThanOrEqual(0);
    expect(elapsed).toBeLessThanOrEqual(1000);
  });
});

describe.skipIf(!onPostgres())('revocation across two real processes', () => {
  for (const [name, extra] of shapes) {
    it.skipIf(extra() === undefined)(
      `a logout on one process is refused by the other within one second (${name})`,
      async () => {
        const scratch = await createScratchDatabase();
        const env = {
          NODE_ENV: 'development',
          JWT_SECRET: TEST_SECRET,
          DATABASE_URL: scratch.url,
          ...extra()!,
        };
        const one = new OceanProcess(await freePort(), env);
        const two = new OceanProcess(await freePort(), env);
        try {
          await one.start();
          await two.start();
          const email = `procs-${Date.now()}@example.com`;
          const post = (base: string, path: string, payload: unknown, token?: string) =>
            send(base, 'POST', path, { payload, token });
          expect((await post(one.url, '/v1/auth/register', { email, password: PASSWORD })).status).toBe(201);
          const { access_token } = (await post(one.url, '/v1/auth/login', { email, password: PASSWORD })).body as {
            access_token: string;
          };
          const onTwo = () => send(two.url, 'GET', PAGES, { token: access_token });
          expect((await onTwo()).status).toBe(200);
          expect((await post(one.url, '/v1/auth/logout', {}, access_token)).status).toBe(204);
          const started = Date.now();
          let status = 200;
          while (status === 200 && Date.now() - started <= 1000) {
            status = (await onTwo()).status;
            if (status === 200) await new Promise((r) => setTimeout(r, 10));
          }
          expect(status).toBe(401);
          expect(Date.now() - started).toBeLessThanOrEqual(1000);
        } finally {
          await one.stop();
          await two.stop();
          await scratch.drop();
        }
      },
    );
  }
});
