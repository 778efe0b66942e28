import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeJwt } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/config';
import {
  AUTH,
  caller,
  createApiKey,
  expectError,
  expectRevoked,
  login,
  register,
  registerAndLogin,
  uniqueEmail,
  type Session,
  type UserJson,
} from '../factories/identity';
import { PAGES } from '../factories/pages';
import { bootApp, createScratchDatabase, onPostgres, TEST_SECRET, TestApp } from '../support/app';

const ADMIN_PASSWORD = 'Harbour-Master-Key-2024!';

describe('identity admin (ADMIN_EMAIL/ADMIN_PASSWORD)', () => {
  let t: TestApp;
  const call = caller(() => t.app);
  const adminEmail = uniqueEmail('Admin');
  let admin: Session;
  let user: Session;

  beforeAll(async () => {
    t = await bootApp({ ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD });
    admin = { ...(await login(t.app, adminEmail, ADMIN_PASSWORD)), password: ADMIN_PASSWORD };
    user = await registerAndLogin(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates the first admin at start, with the ADMIN role in the token', () => {
    expect(admin.user).toMatchObject({ email: adminEmail.toLowerCase(), role: 'ADMIN' });
    expect(decodeJwt(admin.access_token).role).toBe('ADMIN');
  });

  it('a normal user gets 403 ADMIN_REQUIRED on every admin route', async () => {
    const key = await createApiKey(t.app, user.access_token, ['read', 'write']);
    for (const creds of [{ token: user.access_token }, { apiKey: key.key }]) {
      expectError(await call('GET', `${AUTH}/users`, creds), 403, 'ADMIN_REQUIRED');
      expectError(await call('GET', `${AUTH}/stats`, creds), 403, 'ADMIN_REQUIRED');
      expectError(await call('POST', `${AUTH}/cleanup`, creds), 403, 'ADMIN_REQUIRED');
      expectError(await call('DELETE', `${AUTH}/users/${admin.user.id}`, creds), 403, 'ADMIN_REQUIRED');
    }
    expectError(await call('GET', `${AUTH}/users`), 401, 'UNAUTHENTICATED');
    expect((await call('GET', `${AUTH}/me`, { token: admin.access_token })).statusCode).toBe(200);
  });

  it('lists users page by page, without secrets', async () => {
    await register(t.app);
    const all = await call('GET', `${AUTH}/users?limit=100`, { token: admin.access_token });
    expect(all.statusCode, all.body).toBe(200);
    const body = all.json<{ users: UserJson[]; total: number; limit: number; offset: number }>();
    expect(body).toMatchObject({ limit: 100, offset: 0 });
    expect(body.total).toBe(body.users.length);
    expect(body.total).toBeGreaterThanOrEqual(3);
    expect(body.users.map((u) => u.email)).toEqual(expect.arrayContaining([admin.user.email, user.user.email]));
    expect(Object.keys(body.users[0]).sort()).toEqual(
      ['created_at', 'email', 'full_name', 'id', 'is_verified', 'organization_id', 'role'].sort(),
    );
    expect(all.body).not.toMatch(/\$argon2|password/);

    const first = (await call('GET', `${AUTH}/users?limit=2&offset=0`, { token: admin.access_token })).json();
    const second = (await call('GET', `${AUTH}/users?limit=2&offset=2`, { token: admin.access_token })).json();
    expect(first).toMatchObject({ total: body.total, limit: 2, offset: 0 });
    expect(first.users.map((u: UserJson) => u.id)).toEqual(body.users.slice(0, 2).map((u) => u.id));
    expect(second.users.map((u: UserJson) => u.id)).toEqual(body.users.slice(2, 4).map((u) => u.id));
    const beyond = (await call('GET', `${AUTH}/users?offset=1000`, { token: admin.access_token })).json();
    expect(beyond).toEqual({ users: [], total: body.total, limit: 50, offset: 1000 });
    for (const query of ['limit=0', 'limit=101', 'offset=-1', 'limit=abc']) {
      expectError(await call('GET', `${AUTH}/users?${query}`, { token: admin.access_token }), 400, 'VALIDATION_FAILED');
    }
  });

  it('answers stats and runs a cleanup', async () => {
    const stats = await call('GET', `${AUTH}/stats`, { token: admin.access_token });
    expect(stats.statusCode, stats.body).toBe(200);
    const counts = stats.json<Record<string, number>>();
    const [{ n: users }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM users`);
    expect(counts).toMatchObject({ users: Number(users), admins: 1 });
    for (const name of ['organizations', 'active_sessions', 'active_api_keys', 'pages', 'blocks']) {
      expect(typeof counts[name], name).toBe('number');
    }
    const cleanup = await call('POST', `${AUTH}/cleanup`, { token: admin.access_token });
    expect(cleanup.statusCode, cleanup.body).toBe(200);
    expect(cleanup.json().purged).toEqual({
      revocations: expect.any(Number),
      sessions: expect.any(Number),
      refresh_tokens: expect.any(Number),
      one_time_tokens: expect.any(Number),
      api_keys: expect.any(Number),
    });
  });

  it('deleting a user revokes their access token, refresh token and API keys', async () => {
    const victim = await registerAndLogin(t.app);
    const key = await createApiKey(t.app, victim.access_token, ['read']);
    expect((await call('GET', PAGES, { apiKey: key.key })).statusCode).toBe(200);

    const res = await call('DELETE', `${AUTH}/users/${victim.user.id}`, { token: admin.access_token });
    expect(res.statusCode, res.body).toBe(204);
    expectRevoked(await call('GET', PAGES, { token: victim.access_token }));
    const refresh = await call('POST', `${AUTH}/refresh`, { payload: { refresh_token: victim.refresh_token } });
    expectError(refresh, 401, 'INVALID_REFRESH_TOKEN');
    const viaKey = await call('GET', PAGES, { apiKey: key.key });
    expect(viaKey.statusCode).toBe(401);
    expect(['TOKEN_REVOKED', 'INVALID_TOKEN']).toContain(viaKey.json().error_code);
    expectError(
      await call('POST', `${AUTH}/login`, { payload: { email: victim.user.email, password: victim.password } }),
      401,
      'INVALID_CREDENTIALS',
    );
    const listed = (await call('GET', `${AUTH}/users?limit=100`, { token: admin.access_token })).json();
    expect(listed.users.map((u: UserJson) => u.id)).not.toContain(victim.user.id);
    // Gone: a second delete is a 404.
    expectError(
      await call('DELETE', `${AUTH}/users/${victim.user.id}`, { token: admin.access_token }),
      404,
      'USER_NOT_FOUND',
    );
    // The address can be registered again, as a new account.
    const again = await register(t.app, { email: victim.user.email });
    expect(again.id).not.toBe(victim.user.id);
  });

  it('refuses to delete oneself (409) and unknown or malformed ids (404)', async () => {
    expectError(await call('DELETE', `${AUTH}/users/${admin.user.id}`, { token: admin.access_token }), 409, 'CONFLICT');
    expect((await call('GET', `${AUTH}/me`, { token: admin.access_token })).statusCode).toBe(200);
    expectError(
      await call('DELETE', `${AUTH}/users/01900000-0000-7000-8000-000000000000`, { token: admin.access_token }),
      404,
      'USER_NOT_FOUND',
    );
    expectError(await call('DELETE', `${AUTH}/users/nope`, { token: admin.access_token }), 404, 'USER_NOT_FOUND');
  });
});

describe('identity admin: bootstrap safety', () => {
  it('a weak ADMIN_PASSWORD makes the start fail', async () => {
    // Composition rules pass; the common-password list does not.
    await expect(bootApp({ ADMIN_EMAIL: uniqueEmail('admin'), ADMIN_PASSWORD: 'P@ssw0rd' })).rejects.toThrow(
      /refusing to create the first admin: ADMIN_PASSWORD is too common/,
    );
  });

  it('ADMIN_PASSWORD without ADMIN_EMAIL is a configuration error', () => {
    expect(() => loadConfig({ JWT_SECRET: TEST_SECRET, DATA_DIR: 'memory://', ADMIN_PASSWORD })).toThrow(
      /must be set together/,
    );
  });

  describe('an account registered under ADMIN_EMAIL before the first start', () => {
    let databaseUrl: string | undefined;
    let dataDir: string | undefined;
    let drop: (() => Promise<void>) | undefined;
    const email = uniqueEmail('squatter');
    const SQUATTER_PASSWORD = 'Squatters-Own-Pass-1!';

    const boot = (extra: Record<string, string> = {}): Promise<NestFastifyApplication> =>
      createApp(
        loadConfig({
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          JWT_SECRET: TEST_SECRET,
          RATE_LIMIT_PER_MINUTE: '1000000',
          AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
          AUTH_FAILURE_LIMIT_PER_MINUTE: '1000000',
          ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir! }),
          ...extra,
        }),
      );

    beforeAll(async () => {
      // One database that outlives an app: a scratch PostgreSQL database, or PGlite on disk.
      if (onPostgres()) {
        const scratch = await createScratchDatabase();
        databaseUrl = scratch.url;
        drop = scratch.drop;
      } else {
        dataDir = mkdtempSync(join(tmpdir(), 'ocean-admin-'));
      }
      const first = await boot();
      try {
        await register(first, { email, password: SQUATTER_PASSWORD });
      } finally {
        await first.close();
      }
    });
    afterAll(async () => {
      await drop?.();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('is not promoted to ADMIN unless ADMIN_PASSWORD is its password', async () => {
      await expect(boot({ ADMIN_EMAIL: email, ADMIN_PASSWORD })).rejects.toThrow(/ADMIN_EMAIL/);
      const app = await boot({ ADMIN_EMAIL: email, ADMIN_PASSWORD: SQUATTER_PASSWORD });
      try {
        const pair = await login(app, email, SQUATTER_PASSWORD);
        expect(pair.user.role).toBe('ADMIN');
      } finally {
        await app.close();
      }
    });
  });
});
