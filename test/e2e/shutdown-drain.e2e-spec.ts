import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../support/app';
import { freePort, OceanProcess } from '../support/processes';

const DRAIN_MS = 2000;

interface Answer {
  status: number;
  connection: string | undefined;
  reused: boolean;
  body: string;
}

/** One GET on the agent's connection (keep-alive, a single socket), so reuse is observable. */
function get(agent: Agent | false, url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, reused: req.reusedSocket, body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a stop with SHUTDOWN_DRAIN_MS: drain, then close without closing kept-alive connections', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocean-drain-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('drains (serving, API keys too, not ready), then refuses new connections and serves kept-alive ones with Connection: close', async () => {
    const ocean = new OceanProcess(await freePort(), {
      NODE_ENV: 'development',
      JWT_SECRET: TEST_SECRET,
      DATA_DIR: dir,
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
    });
    await ocean.start(60_000);
    // An API key: never in the verified-credential cache, so every request with it runs a
    // strategy. Nest destroys modules before the drain: the strategies must outlive it.
    const post = async (path: string, body: unknown, token?: string): Promise<Record<string, unknown>> => {
      const res = await fetch(`${ocean.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as Record<string, unknown>;
    };
    const email = `drain.${Date.now()}@example.com`;
    const password = 'Drain-pass-9x!Long';
    await post('/v1/auth/register', { email, password, organization_name: 'Drain' });
    const { access_token: token } = await post('/v1/auth/login', { email, password });
    const { key } = await post('/v1/auth/api-keys', { name: 'drain', scopes: ['read'] }, token as string);
    const withKey = { 'x-api-key': key as string };
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const before = await get(agent, `${ocean.url}/health/ready`);
      expect(before.status).toBe(200);
      expect(before.connection).toBe('keep-alive');

      const started = Date.now();
      const stopped = ocean.stop(30_000).then(() => Date.now() - started);
      await sleep(DRAIN_MS / 4);
      // Drain: the kept-alive connection stays alive, new connections are still accepted.
      const live = await get(agent, `${ocean.url}/health`);
      expect(live).toMatchObject({ status: 200, connection: 'keep-alive', reused: true });
      const ready = await get(agent, `${ocean.url}/health/ready`);
      expect(ready).toMatchObject({ status: 503, reused: true });
      expect((JSON.parse(ready.body) as { error?: { instance?: unknown } }).error?.instance).toBeDefined();
      expect((await get(false, `${ocean.url}/health`)).status).toBe(200);
      expect((await get(agent, `${ocean.url}/api/v1/ocean/pages?limit=1`, withKey)).status).toBe(200);

      await sleep(DRAIN_MS);
      // Close: a new connection is refused (a balancer retries it elsewhere, nothing was sent),
      // the idle kept-alive one was left open and its request is served, closing it.
      await expect(get(false, `${ocean.url}/health`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      const last = await get(agent, `${ocean.url}/api/v1/ocean/pages?limit=1`, withKey);
      expect(last).toMatchObject({ status: 200, connection: 'close', reused: true });

      expect(await stopped).toBeGreaterThanOrEqual(DRAIN_MS);
    } finally {
      agent.destroy();
    }
  }, 90_000);
});
