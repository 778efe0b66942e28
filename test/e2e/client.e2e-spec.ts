import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_TYPES, typesOf } from '../../src/client/generate';
import { createOceanClient, OceanApiError, type OceanTokens } from '../../src/client';
import { STRONG_PASSWORD, uniqueEmail } from '../factories/identity';
import { signToken } from '../factories/tokens';
import { bootApp, type TestApp } from '../support/app';

describe('the typed client', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await bootApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await t.close();
  });

  it('has the types of the server it talks to: the checked-in file is what the OpenAPI document generates', async () => {
    const answer = await t.app.inject({ method: 'GET', url: '/docs-json' });
    const generated = await typesOf(JSON.parse(answer.body));
    // On a difference: `npm run client:generate`, and commit src/client/openapi.ts.
    expect(generated === (await readFile(GENERATED_TYPES, 'utf8'))).toBe(true);
  });

  /** Registers and signs in through the client itself: the pair, and the user. */
  async function signIn(): Promise<{ tokens: OceanTokens; userId: string; organizationId: string }> {
    const { api } = createOceanClient({ baseUrl });
    const email = uniqueEmail();
    const { data: user } = await api.POST('/v1/auth/register', {
      body: { email, password: STRONG_PASSWORD, organization_name: 'Client organization' },
    });
    const { data: pair } = await api.POST('/v1/auth/login', { body: { email, password: STRONG_PASSWORD } });
    return {
      tokens: { accessToken: pair!.access_token, refreshToken: pair!.refresh_token },
      userId: user!.id,
      organizationId: user!.organization_id,
    };
  }

  it('sends typed requests, and surfaces a failure as one OceanApiError with code, detail and request id', async () => {
    const { tokens } = await signIn();
    const { api } = createOceanClient({ baseUrl, tokens });
    const { data: page } = await api.POST('/api/v1/ocean/pages', { body: { title: 'From the client' } });
    const { data: again } = await api.GET('/api/v1/ocean/pages/{id}', { params: { path: { id: page!.page_id } } });
    expect(again).toMatchObject({ page_id: page!.page_id, title: 'From the client' });

    const missing = await api
      .GET('/api/v1/ocean/pages/{id}', { params: { path: { id: '0190f0b2-7a1c-7d3e-8f00-1234567890ab' } } })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OceanApiError);
    expect(missing).toMatchObject({ status: 404, errorCode: 'PAGE_NOT_FOUND', detail: 'Page not found.' });
    expect((missing as OceanApiError).requestId).toMatch(/^[0-9a-f-]{36}$/);

    const invalid = await api.POST('/api/v1/ocean/pages', { body: { title: '' } }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400, errorCode: 'VALIDATION_FAILED' });
    expect((invalid as OceanApiError).errors?.[0]?.field).toBe('title');
  });

  it('refreshes an expired access token once for concurrent calls, hands over the new pair and goes on', async () => {
    const { tokens, userId, organizationId } = await signIn();
    const expired = await signToken({ user: userId, org: organizationId, expiresIn: -120 });
    let refreshCalls = 0;
    const handedOver: OceanTokens[] = [];
    const client = createOceanClient({
      baseUrl,
      tokens: { accessToken: expired, refreshToken: tokens.refreshToken },
      onTokens: (pair) => void handedOver.push(pair),
      fetch: (request) => {
        if (new URL(request.url).pathname === '/v1/auth/refresh') refreshCalls++;
        return fetch(request);
      },
    });
    const lists = await Promise.all(Array.from({ length: 5 }, () => client.api.GET('/api/v1/ocean/pages')));
    expect(lists.every(({ data }) => Array.isArray(data?.pages))).toBe(true);
    expect(refreshCalls).toBe(1);
    expect(handedOver).toHaveLength(1);
    expect(client.tokens()).toEqual(handedOver[0]);
    expect(handedOver[0].refreshToken).not.toBe(tokens.refreshToken);
  });

  it('does not refresh for any other 401, and gives up when the refresh token is spent', async () => {
    const { tokens } = await signIn();
    const forged = await signToken({ secret: 'another-secret-that-is-long-enough-000000000' });
    const wrong = createOceanClient({ baseUrl, tokens: { accessToken: forged, refreshToken: tokens.refreshToken } });
    expect(await wrong.api.GET('/api/v1/ocean/pages').catch((e: unknown) => e)).toMatchObject({
      status: 401,
      errorCode: 'INVALID_TOKEN',
    });
    expect(wrong.tokens()?.refreshToken).toBe(tokens.refreshToken);

    const { userId, organizationId } = await signIn();
    const expired = await signToken({ user: userId, org: organizationId, expiresIn: -120 });
    const spent = createOceanClient({ baseUrl, tokens: { accessToken: expired, refreshToken: 'not-a-refresh-token' } });
    expect(await spent.api.GET('/api/v1/ocean/pages').catch((e: unknown) => e)).toMatchObject({ status: 401 });
  });
});

describe('the typed client against an overloaded server', () => {
  let server: Server;
  let baseUrl: string;
  let answers: Array<{ status: number; retryAfter?: string }> = [];
  let seen = 0;

  beforeAll(async () => {
    // A loopback stand-in for a deployment behind a busy proxy: the scripted answers, then 200.
    server = createServer((_req, res) => {
      seen++;
      const next = answers.shift() ?? { status: 200 };
      res.writeHead(next.status, {
        'content-type': 'application/json',
        ...(next.retryAfter ? { 'retry-after': next.retryAfter } : {}),
      });
      res.end(next.status === 200 ? '{"name":"ocean"}' : `{"detail":"busy","error_code":"DATABASE_UNAVAILABLE"}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('retries 503 and 429 after Retry-After, a bounded number of times', async () => {
    const { api } = createOceanClient({ baseUrl, retries: 2, maxRetryDelayMs: 50 });
    answers = [
      { status: 503, retryAfter: '0' },
      { status: 429, retryAfter: '1' },
    ];
    seen = 0;
    const started = Date.now();
    await expect(api.GET('/api/v1/info')).resolves.toMatchObject({ data: { name: 'ocean' } });
    expect(seen).toBe(3);
    // Retry-After: 1 was capped at maxRetryDelayMs.
    expect(Date.now() - started).toBeLessThan(1000);

    answers = [
      { status: 503, retryAfter: '0' },
      { status: 503, retryAfter: '0' },
      { status: 503, retryAfter: '0' },
    ];
    seen = 0;
    expect(await api.GET('/api/v1/info').catch((e: unknown) => e)).toMatchObject({
      status: 503,
      errorCode: 'DATABASE_UNAVAILABLE',
    });
    expect(seen).toBe(3);
  });
});
