import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CSP, DOCS_CSP } from '../../src/common/security-headers';
import { AUTH, bearer, registerAndLogin, STRONG_PASSWORD, uniqueEmail } from '../factories/identity';
import { PAGES } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, TestApp } from '../support/app';

// helmet writes directives without the space after ';'.
const compact = (csp: string): string => csp.replace(/; /g, ';');

function expectApiHeaders(res: LightMyRequestResponse): void {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['content-security-policy']).toBe(compact(API_CSP));
  expect(res.headers['x-request-id']).toBeDefined();
}

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every answer carries nosniff, DENY and the API policy, and no HSTS over http', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expectApiHeaders(res);
    expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['cache-control']).toBeUndefined();
  });

  it('error answers carry them too: 404, 401, 400, and the router refusals (frameworkErrors)', async () => {
    const token = await signToken({ org: 'org-headers' });
    const answers = [
      [404, await t.app.inject({ method: 'GET', url: '/no/such/route' })],
      [401, await t.app.inject({ method: 'GET', url: PAGES })],
      [400, await t.app.inject({ method: 'POST', url: PAGES, headers: bearer(token), payload: { title: '' } })],
      [400, await t.app.inject({ method: 'GET', url: `${PAGES}?limit=1000`, headers: bearer(token) })],
      // A bad percent-encoding is refused by the router before any hook runs.
      [404, await t.app.inject({ method: 'GET', url: `${PAGES}/%zz` })],
    ] as const;
    for (const [status, res] of answers) {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json()).toHaveProperty('error_code');
      expectApiHeaders(res);
    }
    expect(answers[4][1].json().error_code).toBe('NOT_FOUND');
  });

  it('Swagger UI and its assets get the policy they need and may frame themselves', async () => {
    for (const url of ['/docs', '/docs/swagger-ui-init.js', '/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-security-policy'], url).toBe(compact(DOCS_CSP));
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
    const html = (await t.app.inject({ method: 'GET', url: '/docs' })).body;
    // The page's scripts are files of this origin (script-src 'self' without 'unsafe-inline').
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    // The OpenAPI document is data, not the page.
    expectApiHeaders(await t.app.inject({ method: 'GET', url: '/docs-json' }));
  });

  it('every identity answer is no-store: tokens, keys, users and errors alike', async () => {
    const session = await registerAndLogin(t.app);
    const answers = [
      await t.app.inject({
        method: 'POST',
        url: `${AUTH}/register`,
        payload: { email: uniqueEmail(), password: STRONG_PASSWORD },
      }),
      await t.app.inject({
        method: 'POST',
        url: `${AUTH}/login`,
        payload: { email: session.user.email, password: STRONG_PASSWORD },
      }),
      await t.app.inject({
        method: 'POST',
        url: `${AUTH}/login`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `username=${encodeURIComponent(session.user.email)}&password=${encodeURIComponent(STRONG_PASSWORD)}`,
      }),
      await t.app.inject({
        method: 'POST',
        url: `${AUTH}/login`,
        payload: { email: session.user.email, password: 'x' },
      }),
      await t.app.inject({
        method: 'POST',
        url: `${AUTH}/refresh`,
        payload: { refresh_token: session.refresh_token },
      }),
      await t.app.inject({ method: 'GET', url: `${AUTH}/me`, headers: bearer(session.access_token) }),
      await t.app.inject({ method: 'GET', url: `${AUTH}/me` }),
      await t.app.inject({
        method: 'POST',
        url: `${AUTH}/api-keys`,
        headers: bearer(session.access_token),
        payload: { name: 'no-store', scopes: ['read'] },
      }),
      await t.app.inject({ method: 'GET', url: `${AUTH}/api-keys`, headers: bearer(session.access_token) }),
      await t.app.inject({ method: 'HEAD', url: `${AUTH}/me`, headers: bearer(session.access_token) }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([201, 200, 200, 401, 200, 200, 401, 201, 200, 200]);
    for (const res of answers) {
      expect(res.headers['cache-control'], res.body).toBe('no-store');
      expectApiHeaders(res);
    }
  });
});

describe('security headers behind https', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp({ PUBLIC_URL: 'https://ocean.example.com' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends Strict-Transport-Security, on errors too', async () => {
    for (const url of ['/health', '/no/such/route', `${PAGES}/%zz`, '/docs']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
    }
  });
});
