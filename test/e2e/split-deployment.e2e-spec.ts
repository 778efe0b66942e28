import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '../factories/pages';
import { createScratchDatabase, onPostgres, TEST_SECRET } from '../support/app';
import { send } from '../support/http';
import { freePort, OceanProcess } from '../support/processes';

const PASSWORD = 'Split-Brain-2026-Ok!';
const CACHE_SECONDS = 2;
const TIMEOUT_MS = 500;

/**
 * One build, two run shapes: a core-only process (OCEAN_ENABLED=false) and an Ocean-only
 * process in remote mode (IDENTITY_ENABLED=false) that asks the core about every credential.
 * On PostgreSQL both share the database, and so the revocation store; on PGlite each has its
 * own data directory, and a logout reaches Ocean when its cached answer expires.
 */
describe('split deployment: core and Ocean as two processes', () => {
  const shared = onPostgres();
  const dirs: string[] = [];
  let drop: (() => Promise<void>) | undefined;
  let core: OceanProcess;
  let ocean: OceanProcess;

  const storage = (): Record<string, string> => {
    if (shared) return {};
    const dir = mkdtempSync(join(tmpdir(), 'ocean-split-'));
    dirs.push(dir);
    return { DATA_DIR: dir };
  };
  const login = async (email: string) => {
    const res = await send(core.url, 'POST', '/v1/auth/login', { payload: { email, password: PASSWORD } });
    expect(res.status).toBe(200);
    return String(res.body.access_token);
  };
  const listPages = (token: string) => send(ocean.url, 'GET', PAGES, { token });

  beforeAll(async () => {
    let database: Record<string, string> = {};
    if (shared) {
      const scratch = await createScratchDatabase();
      drop = scratch.drop;
      database = { DATABASE_URL: scratch.url };
    }
    core = new OceanProcess(await freePort(), {
      ...database,
      ...storage(),
      NODE_ENV: 'development',
      JWT_SECRET: TEST_SECRET,
      OCEAN_ENABLED: 'false',
    });
    await core.start();
    ocean = new OceanProcess(await freePort(), {
      ...database,
      ...storage(),
      NODE_ENV: 'development',
      AUTH_MODE: 'remote',
      IDENTITY_ENABLED: 'false',
      AINATIVE_API_URL: core.url,
      REMOTE_AUTH_CACHE_SECONDS: String(CACHE_SECONDS),
      REMOTE_AUTH_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    await ocean.start();
  });
  afterAll(async () => {
    await ocean?.stop();
    await core?.stop();
    await drop?.();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('serves each role from its own process', async () => {
    expect((await send(core.url, 'GET', PAGES)).status).toBe(404);
    expect((await send(ocean.url, 'POST', '/v1/auth/login')).status).toBe(404);
    const info = await send(ocean.url, 'GET', '/api/v1/info');
    expect(info.body).toMatchObject({ auth_mode: 'remote' });
  });

  it('register and log in at the core, use the token on Ocean, log out at the core, Ocean refuses', async () => {
    const email = `split-${Date.now()}@example.com`;
    const reg = await send(core.url, 'POST', '/v1/auth/register', { payload: { email, password: PASSWORD } });
    expect(reg.status).toBe(201);
    const token = await login(email);
    const created = await send(ocean.url, 'POST', PAGES, { token, payload: { title: 'split' } });
    expect(created.status).toBe(201);
    expect(created.body.organization_id).toBe(reg.body.organization_id);

    const out = await send(core.url, 'POST', '/v1/auth/logout', { token });
    expect(out.status).toBe(204);
    const started = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - started < (CACHE_SECONDS + 3) * 1000) {
      status = (await listPages(token)).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 50));
    }
    const elapsed = Date.now() - started;
    expect(status).toBe(401);
    // Shared store: at once (NOTIFY). Separate stores: when the cached answer expires.
    expect(elapsed).toBeLessThanOrEqual(shared ? 1000 : CACHE_SECONDS * 1000 + 1000);
  });

  it('a core outage answers 503 within the timeout budget, and Ocean recovers when the core is back', async () => {
    const email = `outage-${Date.now()}@example.com`;
    await send(core.url, 'POST', '/v1/auth/register', { payload: { email, password: PASSWORD } });
    const token = await login(email);
    await core.stop();
    const started = Date.now();
    const down = await listPages(token);
    expect([down.status, down.body.error_code]).toEqual([503, 'AUTH_UNAVAILABLE']);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1500);
    await core.start();
    let status = 0;
    const deadline = Date.now() + 15_000;
    while (status !== 200 && Date.now() < deadline) {
      status = (await listPages(token)).status;
      if (status !== 200) {
        expect(status).toBe(503); // an outage never signs anyone out
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    expect(status).toBe(200);
  });
});
