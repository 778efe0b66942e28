import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockFor } from '../../src/database/transactions';
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

describe('graceful shutdown', () => {
  it('lets in-flight requests finish when the app closes', async () => {
    const t = await bootApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as { port: number };
    const token = await signToken({ org: 'org-shutdown' });
    // Hold the organization's page-tree lock so the requests stay in flight while we close.
    const holder = t.app.get(DataSource).transaction(async (m) => {
      await lockFor(m, 'pages:org-shutdown');
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
