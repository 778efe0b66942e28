import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PAGES } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { createScratchDatabase, onPostgres, TEST_SECRET } from '../support/app';
import { LogSink } from '../support/log-sink';

describe('structured logs', () => {
  const sink = new LogSink();
  let app: NestFastifyApplication;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const scratch = onPostgres() ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      JWT_SECRET: TEST_SECRET,
      DATA_DIR: 'memory://',
      ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    });
    app = await createApp(config, { logDestination: sink });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('logs each request as JSON with its request id and never the credential', async () => {
    const token = await signToken({ org: 'org-logs' });
    const res = await app.inject({
      method: 'POST',
      url: PAGES,
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'trace-me-123' },
      payload: { title: 'logged', metadata: { password: 'hunter2hunter2' } },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['x-request-id']).toBe('trace-me-123');
    const line = sink.lines.find((l) => (l.req as { id?: string } | undefined)?.id === 'trace-me-123');
    expect(line).toMatchObject({ req: { method: 'POST', url: PAGES }, res: { statusCode: 201 } });
    expect(typeof line?.responseTime).toBe('number');
    const everything = sink.raw.join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(token.split('.')[2]);
    expect(everything).not.toContain('hunter2hunter2');
  });

  it('logs an unexpected error with its request id and answers a generic 500', async () => {
    const token = await signToken({ org: 'org-logs' });
    const ds = app.get(DataSource);
    await ds.query('ALTER TABLE pages RENAME COLUMN title TO title_gone');
    try {
      const res = await app.inject({
        method: 'GET',
        url: PAGES,
        headers: { authorization: `Bearer ${token}`, 'x-request-id': 'broken-req-1' },
      });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('title_gone');
    } finally {
      await ds.query('ALTER TABLE pages RENAME COLUMN title_gone TO title');
    }
    const errorLine = sink.lines.find((l) => l.level === 50 && l.reqId === 'broken-req-1');
    expect(errorLine?.msg).toContain('INTERNAL_ERROR');
    expect(JSON.stringify(errorLine)).toContain('title');
    expect(sink.raw.join('\n')).not.toContain(token);
  });
});
