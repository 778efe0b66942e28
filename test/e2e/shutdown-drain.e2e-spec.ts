import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../support/app';
import { freePort, OceanProcess } from '../support/processes';

const DRAIN_MS = 2000;

describe('a stop with SHUTDOWN_DRAIN_MS: drain, then close', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocean-drain-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps serving while draining, each answer closing its connection, reports not ready, then exits', async () => {
    const ocean = new OceanProcess(await freePort(), {
      NODE_ENV: 'development',
      JWT_SECRET: TEST_SECRET,
      DATA_DIR: dir,
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
    });
    await ocean.start(60_000);
    const before = await fetch(`${ocean.url}/health/ready`);
    expect(before.status).toBe(200);
    expect(before.headers.get('connection')).not.toBe('close');

    const started = Date.now();
    const stopped = ocean.stop(30_000).then(() => Date.now() - started);
    await new Promise((r) => setTimeout(r, DRAIN_MS / 4));
    const live = await fetch(`${ocean.url}/health`);
    expect(live.status).toBe(200);
    expect(live.headers.get('connection')).toBe('close');
    const ready = await fetch(`${ocean.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { error?: { instance?: unknown } }).error?.instance).toBeDefined();

    expect(await stopped).toBeGreaterThanOrEqual(DRAIN_MS);
  }, 90_000);
});
