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
function get(agent: Agent | false, url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
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

  it('drains (serving, not ready), then refuses new connections and serves kept-alive ones with Connection: close', async () => {
    const ocean = new OceanProcess(await freePort(), {
      NODE_ENV: 'development',
      JWT_SECRET: TEST_SECRET,
      DATA_DIR: dir,
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
    });
    await ocean.start(60_000);
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

      await sleep(DRAIN_MS);
      // Close: a new connection is refused (a balancer retries it elsewhere, nothing was sent),
      // the idle kept-alive one was left open and its request is served, closing it.
      await expect(get(false, `${ocean.url}/health`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      const last = await get(agent, `${ocean.url}/health`);
      expect(last).toMatchObject({ status: 200, connection: 'close', reused: true });

      expect(await stopped).toBeGreaterThanOrEqual(DRAIN_MS);
    } finally {
      agent.destroy();
    }
  }, 90_000);
});
