import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { freePort } from '../../test/support/processes';
import { RateLimitStorage } from './rate-limit';

const storageFor = (redisUrl: string): RateLimitStorage => new RateLimitStorage({ redisUrl } as unknown as AppConfig);

const until = async (check: () => boolean, ms = 10_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

describe('the rate-limit store while Redis is down', () => {
  const opened: RateLimitStorage[] = [];
  let redis: ChildProcess | undefined;

  afterEach(() => {
    opened.splice(0).forEach((s) => s.onApplicationShutdown());
    redis?.kill('SIGKILL');
    redis = undefined;
    vi.restoreAllMocks();
  });

  it('counts per instance (and still limits) instead of failing the request, and says so once', async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const storage = storageFor(`redis://127.0.0.1:${await freePort()}`);
    opened.push(storage);
    const records = [];
    for (let i = 0; i < 4; i++) records.push(await storage.increment('user:a', 60_000, 3, 60_000, 'default'));
    expect(records.map((r) => [r.totalHits, r.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/per instance/);
  });

  it.skipIf(!hasRedis)(
    'shares the count in Redis, falls back when it dies, and shares again once it is back',
    async () => {
      vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
      const port = await freePort();
      const start = (): ChildProcess =>
        spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
          stdio: 'ignore',
        });
      redis = start();
      const [a, b] = [storageFor(`redis://127.0.0.1:${port}`), storageFor(`redis://127.0.0.1:${port}`)];
      opened.push(a, b);
      const ready = (s: RateLimitStorage): boolean =>
        (s as unknown as { redis: { status: string } }).redis.status === 'ready';
      await until(() => ready(a) && ready(b));
      await a.increment('user:s', 60_000, 10, 60_000, 'default');
      expect((await b.increment('user:s', 60_000, 10, 60_000, 'default')).totalHits).toBe(2);

      redis.kill('SIGKILL');
      await until(() => !ready(a));
      expect((await a.increment('user:s', 60_000, 10, 60_000, 'default')).totalHits).toBe(1);

      redis = start();
      await until(() => ready(a) && ready(b));
      await a.increment('user:t', 60_000, 10, 60_000, 'default');
      expect((await b.increment('user:t', 60_000, 10, 60_000, 'default')).totalHits).toBe(2);
    },
  );
});
