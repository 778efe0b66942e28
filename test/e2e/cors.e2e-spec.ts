import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '../factories/pages';
import { bootApp, TestApp, TEST_SECRET } from '../support/app';
import { LogSink } from '../support/log-sink';

const preflight = (app: TestApp['app'], origin: string, url = PAGES) =>
  app.inject({
    method: 'OPTIONS',
    url,
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
  });

describe('CORS in development without CORS_ORIGINS', () => {
  const sink = new LogSink();
  let t: TestApp;
  beforeAll(async () => {
    // First app of this file: nestjs-pino writes to its sink.
    t = await bootApp({ NODE_ENV: 'development', LOG_LEVEL: 'info' }, { logDestination: sink });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('says once at start that the localhost default is in effect', () => {
    const notes = sink.lines.filter((l) => String(l.msg).includes('CORS_ORIGINS is not set'));
    expect(notes).toHaveLength(1);
  });

  it.each(['http://localhost:5173', 'http://localhost:3000', 'http://127.0.0.1:8080', 'http://localhost'])(
    'answers a preflight from %s without a credential',
    async (origin) => {
      const res = await preflight(t.app, origin);
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers['access-control-allow-headers']).toContain('authorization');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    },
  );

  it('lets the page read an answer from a local origin', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health', headers: { origin: 'http://localhost:5173' } });
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it.each([
    'http://localhost.evil.com',
    'http://localhost:5173.evil.com',
    'http://127.0.0.1.nip.io',
    'https://localhost:5173',
    'http://evil.com',
    'http://evil.com/http://localhost:5173',
    'null',
  ])('refuses %s', async (origin) => {
    const res = await preflight(t.app, origin);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const get = await t.app.inject({ method: 'GET', url: '/health', headers: { origin } });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers an OPTIONS that is not a preflight with a JSON 400', async () => {
    for (const headers of [
      {},
      { origin: 'http://localhost:5173' },
      { 'access-control-request-method': 'POST' },
    ] as Array<Record<string, string>>) {
      const res = await t.app.inject({ method: 'OPTIONS', url: PAGES, headers });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json()).toEqual({ detail: expect.any(String), error_code: 'INVALID_PREFLIGHT' });
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-request-id']).toBeDefined();
    }
  });
});

describe('CORS with CORS_ORIGINS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp({ NODE_ENV: 'development', CORS_ORIGINS: 'https://app.example.com' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('allows exactly the configured origins; the localhost default no longer applies', async () => {
    const allowed = await preflight(t.app, 'https://app.example.com');
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const local = await preflight(t.app, 'http://localhost:5173');
    expect(local.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe.each(['production', 'test'])('CORS in %s without CORS_ORIGINS', (nodeEnv) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp({ NODE_ENV: nodeEnv, JWT_SECRET: TEST_SECRET });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('allows no origin, and every OPTIONS answers in the JSON error shape', async () => {
    const res = await preflight(t.app, 'http://localhost:5173');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    for (const r of [res, await t.app.inject({ method: 'OPTIONS', url: PAGES })]) {
      expect(r.statusCode).toBe(404);
      expect(r.json()).toEqual({ detail: expect.any(String), error_code: 'ROUTE_NOT_FOUND' });
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});
