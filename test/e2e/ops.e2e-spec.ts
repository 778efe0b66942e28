import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthContext } from '../../src/auth/auth-context';
import { OrgScope } from '../../src/common/org-scope';
import { Db } from '../../src/database/db';
import { Locks } from '../../src/database/locks';
import { createPage, PAGES } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, TestApp } from '../support/app';

describe('ops endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('documents every route, its DTOs and its errors in OpenAPI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs-json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/ocean/pages',
        '/api/v1/ocean/pages/{id}',
        '/api/v1/ocean/pages/{id}/move',
        '/api/v1/ocean/pages/{id}/restore',
        '/api/v1/ocean/pages/{id}/backlinks',
        '/health',
        '/health/ready',
        '/api/v1/info',
      ]),
    );
    const create = doc.paths['/api/v1/ocean/pages'].post;
    expect(create.responses['201']).toBeDefined();
    expect(create.responses['401'].content['application/json'].schema.$ref).toContain('ErrorResponseDto');
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['CreatePageDto', 'UpdatePageDto', 'MovePageDto', 'PageResponseDto', 'ErrorResponseDto']),
    );
    expect(doc.components.schemas.CreatePageDto.properties.title.maxLength).toBe(500);
    const ui = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('reports liveness, readiness and service info without a credential', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().details.database.status).toBe('up');
    const info = await t.app.inject({ method: 'GET', url: '/api/v1/info' });
    expect(info.json()).toMatchObject({ service: 'ocean', api_version: '1', auth_mode: 'local' });
  });

  it('counts requests by route template and status in /metrics', async () => {
    const token = await signToken({ org: 'org-metrics' });
    const page = await createPage(t.app, token, { title: 'measured' });
    await t.app.inject({
      method: 'GET',
      url: `${PAGES}/${page.page_id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      /ocean_http_requests_total\{method="GET",route="\/api\/v1\/ocean\/pages\/:id",status="200"\} [1-9]/,
    );
    expect(res.body).toContain('ocean_http_request_duration_seconds_bucket');
    expect(res.body).not.toContain(page.page_id);
  });
});

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

/** A port nobody listens on right now (config cannot take 0 for METRICS_PORT). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function expectMetricsRefusal(res: { status: number; headers: Headers }, body: unknown): void {
  expect(res.status).toBe(401);
  expect(body).toEqual({ detail: expect.any(String), error_code: 'UNAUTHENTICATED' });
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
}

describe('/metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp({ METRICS_TOKEN });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a missing, wrong or non-bearer token with a JSON 401 and a challenge', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong-token-of-some-length',
      `Bearer ${METRICS_TOKEN}x`,
      `Bearer ${METRICS_TOKEN.slice(0, -1)}`,
      `Basic ${METRICS_TOKEN}`,
      METRICS_TOKEN,
      'Bearer ',
    ]) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(res.statusCode, `${authorization} ${res.body}`).toBe(401);
      expect(res.json()).toEqual({ detail: expect.any(String), error_code: 'UNAUTHENTICATED' });
      expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(res.headers['content-type']).toContain('application/json');
    }
  });

  it('serves the metrics for the token (the scheme word in any case)', async () => {
    for (const scheme of ['Bearer', 'bearer']) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `${scheme} ${METRICS_TOKEN}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/plain');
      expect(res.body).toContain('ocean_http_requests_total');
    }
  });
});

describe('/metrics on METRICS_PORT', () => {
  let t: TestApp;
  let port: number;
  let base: string;
  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await bootApp({ METRICS_TOKEN, METRICS_PORT: String(port) });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 404 for /metrics on the main port', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error_code).toBe('ROUTE_NOT_FOUND');
  });

  it('serves /metrics on its own listener, behind the token, with the JSON error shape', async () => {
    await t.app.inject({ method: 'GET', url: '/health' });
    const ok = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('x-request-id')).toBeTruthy();
    // The main app's requests are counted in the registry this listener serves.
    expect(await ok.text()).toMatch(/ocean_http_requests_total\{method="GET",route="\/health",status="200"\} [1-9]/);

    const missing = await fetch(`${base}/metrics`);
    expectMetricsRefusal(missing, await missing.json());
    const wrong = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer not-the-metrics-token' } });
    expectMetricsRefusal(wrong, await wrong.json());

    const other = await fetch(`${base}/api/v1/ocean/pages`);
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ detail: expect.any(String), error_code: 'ROUTE_NOT_FOUND' });
    expect(other.headers.get('x-frame-options')).toBe('DENY');
  });

  it('closes the listener when the app shuts down', async () => {
    const second = await freePort();
    const app = await bootApp({ METRICS_PORT: String(second) });
    expect((await fetch(`http://127.0.0.1:${second}/metrics`)).status).toBe(200);
    await app.close();
    await expect(fetch(`http://127.0.0.1:${second}/metrics`)).rejects.toThrow();
  });

  it('refuses to start when METRICS_PORT is taken, and leaves nothing listening', async () => {
    await expect(bootApp({ METRICS_PORT: String(port) })).rejects.toThrow(/EADDRINUSE/);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(
      200,
    );
  });
});

describe('DOCS_ENABLED=false', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp({ DOCS_ENABLED: 'false' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 404 for /docs, its assets and /docs-json', async () => {
    for (const url of ['/docs', '/docs/swagger-ui-init.js', '/docs-json']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error_code).toBe('ROUTE_NOT_FOUND');
    }
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});

describe('graceful shutdown', () => {
  it('lets in-flight requests finish when the app closes', async () => {
    const t = await bootApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as { port: number };
    const token = await signToken({ org: 'org-shutdown' });
    // Hold the organization's page-tree lock so the requests stay in flight while we close.
    const holder = t.app.get(Db).unitOfWork(async () => {
      await t.app.get(Locks).pageTree(OrgScope.of({ organizationId: 'org-shutdown' } as AuthContext));
      await new Promise((r) => setTimeout(r, 2500));
    });
    await new Promise((r) => setTimeout(r, 50));
    const inflight = Array.from({ length: 10 }, (_, i) =>
      fetch(`http://127.0.0.1:${address.port}${PAGES}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: `in flight ${i}` }),
      }),
    );
    // Let the requests reach the server (and wait on the lock) before it starts closing.
    await new Promise((r) => setTimeout(r, 1000));
    const closing = t.close();
    const statuses = await Promise.all(inflight.map(async (p) => (await p).status));
    await holder;
    await closing;
    expect(statuses).toEqual(Array.from({ length: 10 }, () => 201));
  });
});
