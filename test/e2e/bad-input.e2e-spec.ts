import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPage, PageJson, PAGES } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, TestApp } from '../support/app';
import { inject } from '../support/http';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const NOT_A_UUID = ['abc', '123', '00000000-0000-0000-0000-00000000000g', `${'a'.repeat(36)}`];

/** `depth` objects nested inside each other: {a: {a: ... {}}}. */
function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

/** Every error answers `{detail, error_code}`, plus `errors` only for VALIDATION_FAILED. */
function expectErrorShape(res: LightMyRequestResponse): Record<string, unknown> {
  const body = res.json();
  const keys = ['VALIDATION_FAILED', 'INVALID_TEXT'].includes(body.error_code)
    ? ['detail', 'error_code', 'errors']
    : ['detail', 'error_code'];
  expect(Object.keys(body).sort()).toEqual(keys);
  expect(typeof body.detail).toBe('string');
  expect(body.detail.length).toBeGreaterThan(0);
  return body;
}

function expectError(res: LightMyRequestResponse, status: number, code: string): Record<string, unknown> {
  expect({ status: res.statusCode, code: res.json().error_code }, res.body).toEqual({ status, code });
  return expectErrorShape(res);
}

function expectFieldError(res: LightMyRequestResponse, field: string): void {
  const body = expectError(res, 400, 'VALIDATION_FAILED') as { errors: Array<{ field: string; message: string }> };
  expect(body.errors.length).toBeGreaterThan(0);
  expect(body.errors[0].field).toBe(field);
  expect(typeof body.errors[0].message).toBe('string');
}

describe('bad input on the pages routes', () => {
  let t: TestApp;
  let token: string;
  let page: PageJson;
  const org = `org-bad-input-${Date.now()}`;

  const send = (
    method: Method,
    url: string,
    options: { payload?: unknown; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> => inject(t.app, method, url, { token, ...options });
  /** Sends a raw JSON string, exactly as written. */
  const sendRaw = (method: Method, url: string, raw: string, contentType = 'application/json') =>
    send(method, url, { payload: raw, headers: { 'content-type': contentType } });

  /** Everything a refused request could have touched: the fixture page and both listings. */
  const snapshot = async (): Promise<unknown> => {
    const live = await send('GET', `${PAGES}?limit=100`);
    const archived = await send('GET', `${PAGES}?limit=100&is_archived=true`);
    const one = await send('GET', `${PAGES}/${page.page_id}`);
    expect([live.statusCode, archived.statusCode, one.statusCode]).toEqual([200, 200, 200]);
    return { live: live.json(), archived: archived.json(), page: one.json() };
  };
  let before: unknown;

  beforeAll(async () => {
    t = await bootApp();
    token = await signToken({ org, user: 'bad-input-user' });
    const parent = await createPage(t.app, token, { title: 'Parent' });
    page = await createPage(t.app, token, {
      title: 'Fixture',
      parent_page_id: parent.page_id,
      metadata: { keep: 'me' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Each refused request must leave the organization's pages exactly as they were. */
  const expectUnchanged = async (): Promise<void> => {
    expect(await snapshot()).toEqual(before);
  };
  beforeEach(async () => {
    before = await snapshot();
  });

  describe('create body', () => {
    it.each([
      ['missing', {}],
      ['empty', { title: '' }],
      ['501 characters', { title: 'x'.repeat(501) }],
      ['a number', { title: 42 }],
      ['null', { title: null }],
      ['an array', { title: ['a'] }],
    ])('title %s → 400 VALIDATION_FAILED on title', async (_label, payload) => {
      expectFieldError(await send('POST', PAGES, { payload }), 'title');
      await expectUnchanged();
    });

    it('title of exactly 500 characters is accepted (the bound is inclusive)', async () => {
      const res = await send('POST', PAGES, { payload: { title: 'x'.repeat(500) } });
      expect(res.statusCode).toBe(201);
      await send('DELETE', `${PAGES}/${res.json().page_id}`);
    });

    it.each([
      ['an array', [1, 2]],
      ['a string', 'meta'],
      ['a number', 3],
      ['null', null],
    ])('metadata that is %s → 400 on metadata', async (_label, metadata) => {
      expectFieldError(await send('POST', PAGES, { payload: { title: 'ok', metadata } }), 'metadata');
      await expectUnchanged();
    });

    it('parent_page_id that is not a UUID → 400 on parent_page_id', async () => {
      expectFieldError(
        await send('POST', PAGES, { payload: { title: 'ok', parent_page_id: 'xyz' } }),
        'parent_page_id',
      );
      expectFieldError(await send('POST', PAGES, { payload: { title: 'ok', parent_page_id: 12 } }), 'parent_page_id');
      await expectUnchanged();
    });

    it('organization_id in the body is ignored: the page belongs to the caller', async () => {
      const res = await send('POST', PAGES, { payload: { title: 'mine', organization_id: 'org-victim' } });
      expect(res.statusCode).toBe(201);
      expect(res.json().organization_id).toBe(org);
      const victim = await t.app.inject({
        method: 'GET',
        url: PAGES,
        headers: { authorization: `Bearer ${await signToken({ org: 'org-victim' })}` },
      });
      expect(victim.json().total).toBe(0);
      await send('DELETE', `${PAGES}/${res.json().page_id}`);
    });
  });

  describe('list query', () => {
    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=-1', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=1.5', 'limit'],
      ['limit=', 'limit'],
      ['offset=-1', 'offset'],
      ['offset=abc', 'offset'],
      ['is_archived=maybe', 'is_archived'],
      ['is_favorite=1', 'is_favorite'],
      ['parent_page_id=xyz', 'parent_page_id'],
    ])('?%s → 400 on %s', async (query, field) => {
      expectFieldError(await send('GET', `${PAGES}?${query}`), field);
    });

    it.each([
      ['parent_page_id=%00', 'parent_page_id'],
      ['parent_page_id=%ED%A0%80', 'parent_page_id'],
      ['limit=10&is_archived=%C0%80', 'is_archived'],
      // A key that is not UTF-8 is named escaped.
      ['x%FF=1', '["\\ud800"]'],
    ])('?%s → 400 INVALID_TEXT: no NUL, surrogate or non-UTF-8 escape passes as U+FFFD', async (query, field) => {
      const res = await send('GET', `${PAGES}?${query}`);
      const body = expectError(res, 400, 'INVALID_TEXT') as { errors: Array<{ field: string }> };
      expect(body.errors[0].field).toBe(field);
    });

    it('the bounds themselves are accepted and echoed', async () => {
      for (const query of ['limit=1', 'limit=100&offset=0']) {
        const res = await send('GET', `${PAGES}?${query}`);
        expect(res.statusCode).toBe(200);
      }
      expect((await send('GET', `${PAGES}?limit=100`)).json()).toMatchObject({ limit: 100, offset: 0 });
    });
  });

  describe('path ids that are not UUIDs answer 404 PAGE_NOT_FOUND', () => {
    it.each(NOT_A_UUID)('%s', async (id) => {
      const url = `${PAGES}/${encodeURIComponent(id)}`;
      expectError(await send('GET', url), 404, 'PAGE_NOT_FOUND');
      expectError(await send('PUT', url, { payload: { title: 'new' } }), 404, 'PAGE_NOT_FOUND');
      expectError(await send('DELETE', url), 404, 'PAGE_NOT_FOUND');
      expectError(await send('DELETE', `${url}?permanent=true`), 404, 'PAGE_NOT_FOUND');
      expectError(await send('POST', `${url}/move`, { payload: { new_parent_id: null } }), 404, 'PAGE_NOT_FOUND');
      expectError(await send('POST', `${url}/restore`), 404, 'PAGE_NOT_FOUND');
      expectError(await send('GET', `${url}/backlinks`), 404, 'PAGE_NOT_FOUND');
      await expectUnchanged();
    });
  });

  it('an over-long or badly percent-encoded id → 404 in the error shape, with a request id', async () => {
    // The router refuses these segments itself, before the id pipe (or any filter) sees them.
    for (const id of ['x'.repeat(300), '%zz', '%E0%A4%A']) {
      for (const [method, suffix] of [
        ['GET', ''],
        ['DELETE', ''],
        ['GET', '/backlinks'],
        ['POST', '/restore'],
      ] as const) {
        const res = await send(method, `${PAGES}/${id}${suffix}`, { headers: { 'x-request-id': 'odd-id-probe' } });
        expect({ id, method, status: res.statusCode }, res.body).toEqual({ id, method, status: 404 });
        expect(expectErrorShape(res).error_code).toMatch(/NOT_FOUND$/);
        expect(res.headers['x-request-id']).toBe('odd-id-probe');
      }
    }
    await expectUnchanged();
  });

  describe('update body', () => {
    it('an empty body → 400 EMPTY_UPDATE', async () => {
      expectError(await send('PUT', `${PAGES}/${page.page_id}`, { payload: {} }), 400, 'EMPTY_UPDATE');
      await expectUnchanged();
    });

    it('a body with only unknown fields → 400 EMPTY_UPDATE', async () => {
      const res = await send('PUT', `${PAGES}/${page.page_id}`, { payload: { organization_id: 'org-victim' } });
      expectError(res, 400, 'EMPTY_UPDATE');
      await expectUnchanged();
    });

    it.each([
      ['title', { title: '' }],
      ['title', { title: null }],
      ['is_favorite', { is_favorite: 'yes' }],
      ['is_archived', { is_archived: null }],
      ['metadata', { metadata: [] }],
    ])('a wrong %s → 400 on that field', async (field, payload) => {
      expectFieldError(await send('PUT', `${PAGES}/${page.page_id}`, { payload }), field);
      await expectUnchanged();
    });
  });

  describe('body parsing', () => {
    it('broken JSON → 400 INVALID_JSON', async () => {
      expectError(await sendRaw('POST', PAGES, '{"title": '), 400, 'INVALID_JSON');
      expectError(await sendRaw('PUT', `${PAGES}/${page.page_id}`, '{title: "x"}'), 400, 'INVALID_JSON');
      await expectUnchanged();
    });

    it('an empty body declared as JSON is no body: 400 where a body is needed', async () => {
      expectError(await sendRaw('POST', PAGES, ''), 400, 'VALIDATION_FAILED');
      expectError(await sendRaw('PUT', `${PAGES}/${page.page_id}`, ''), 400, 'EMPTY_UPDATE');
      await expectUnchanged();
    });

    it('a JSON body that is not an object → 400', async () => {
      for (const raw of ['"title"', '[{"title":"a"}]', 'null', '42']) {
        const res = await sendRaw('POST', PAGES, raw);
        expect({ raw, status: res.statusCode }).toEqual({ raw, status: 400 });
        expectErrorShape(res);
      }
      await expectUnchanged();
    });

    it('a 2 MiB body → 413 PAYLOAD_TOO_LARGE', async () => {
      const raw = JSON.stringify({ title: 'big', metadata: { blob: 'x'.repeat(2 * 1024 * 1024) } });
      expectError(await sendRaw('POST', PAGES, raw), 413, 'PAYLOAD_TOO_LARGE');
      expectError(await sendRaw('PUT', `${PAGES}/${page.page_id}`, raw), 413, 'PAYLOAD_TOO_LARGE');
      await expectUnchanged();
    });

    it('text/plain and form bodies → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      expectError(await sendRaw('POST', PAGES, '{"title":"a"}', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(
        await sendRaw('POST', PAGES, 'title=a', 'application/x-www-form-urlencoded'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      expectError(
        await sendRaw('PUT', `${PAGES}/${page.page_id}`, 'title=a', 'application/x-www-form-urlencoded'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      expectError(
        await sendRaw('POST', `${PAGES}/${page.page_id}/move`, '<a/>', 'application/xml'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      await expectUnchanged();
    });

    it('JSON nested 33 levels in metadata → 400 BODY_TOO_DEEP; 30 levels → 201', async () => {
      const deep = await send('POST', PAGES, { payload: { title: 'deep', metadata: nested(33) } });
      expectError(deep, 400, 'BODY_TOO_DEEP');
      const deepArrays = JSON.stringify({
        title: 'deep',
        metadata: { a: JSON.parse('['.repeat(40) + ']'.repeat(40)) },
      });
      expectError(await sendRaw('POST', PAGES, deepArrays), 400, 'BODY_TOO_DEEP');
      expectError(
        await send('PUT', `${PAGES}/${page.page_id}`, { payload: { metadata: nested(33) } }),
        400,
        'BODY_TOO_DEEP',
      );
      await expectUnchanged();

      const ok = await send('POST', PAGES, { payload: { title: 'deep enough', metadata: nested(30) } });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json().metadata).toEqual(nested(30));
      await send('DELETE', `${PAGES}/${ok.json().page_id}`);
    });

    it.each(['__proto__', 'constructor', 'prototype'])(
      'the key %s anywhere in a body → 400 FORBIDDEN_KEY',
      async (key) => {
        const bodies = [
          `{"title":"a","metadata":{"${key}":{"polluted":true}}}`,
          `{"title":"a","metadata":{"list":[{"${key}":{"polluted":true}}]}}`,
          `{"title":"a","${key}":{"polluted":true}}`,
        ];
        for (const raw of bodies) expectError(await sendRaw('POST', PAGES, raw), 400, 'FORBIDDEN_KEY');
        const update = `{"metadata":{"deep":{"${key}":{"polluted":true}}}}`;
        expectError(await sendRaw('PUT', `${PAGES}/${page.page_id}`, update), 400, 'FORBIDDEN_KEY');
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        await expectUnchanged();
      },
    );
  });

  describe('move body', () => {
    const move = (payload: unknown) => send('POST', `${PAGES}/${page.page_id}/move`, { payload });

    it('new_parent_id missing → 400 on new_parent_id', async () => {
      expectFieldError(await move({}), 'new_parent_id');
      expectFieldError(await move({ position: 0 }), 'new_parent_id');
      await expectUnchanged();
    });

    it('new_parent_id that is not a UUID → 400 on new_parent_id', async () => {
      expectFieldError(await move({ new_parent_id: 'abc' }), 'new_parent_id');
      expectFieldError(await move({ new_parent_id: 7 }), 'new_parent_id');
      await expectUnchanged();
    });

    it.each([
      ['-1', -1],
      ['1.5', 1.5],
      ['"2"', '2'],
      ['null', null],
    ])('position %s → 400 on position', async (_label, position) => {
      expectFieldError(await move({ new_parent_id: null, position }), 'position');
      await expectUnchanged();
    });
  });

  describe('unknown routes', () => {
    it('answer 404 ROUTE_NOT_FOUND in the error shape', async () => {
      expectError(await send('GET', '/api/v1/ocean/nothing-here'), 404, 'ROUTE_NOT_FOUND');
      expectError(await send('POST', `${PAGES}/${page.page_id}/explode`), 404, 'ROUTE_NOT_FOUND');
      const anonymous = await t.app.inject({ method: 'GET', url: '/no/such/route' });
      expectError(anonymous, 404, 'ROUTE_NOT_FOUND');
      await expectUnchanged();
    });
  });

  describe('X-Request-Id', () => {
    it('echoes a sane id sent by the client, on success and on error', async () => {
      const ok = await send('GET', PAGES, { headers: { 'x-request-id': 'client-req.42:abc_DEF' } });
      expect(ok.headers['x-request-id']).toBe('client-req.42:abc_DEF');
      const bad = await send('GET', `${PAGES}?limit=0`, { headers: { 'x-request-id': 'client-req-400' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['x-request-id']).toBe('client-req-400');
    });

    it.each([
      ['300 characters', 'r'.repeat(300)],
      ['spaces', 'has some spaces'],
      ['a newline-free injection attempt', 'id";DROP TABLE pages;--'],
      ['non-ASCII', 'idé'],
    ])('replaces an insane id (%s) with a fresh one', async (_label, sent) => {
      const res = await send('GET', PAGES, { headers: { 'x-request-id': sent } });
      const echoed = res.headers['x-request-id'];
      expect(typeof echoed).toBe('string');
      expect(echoed).not.toBe(sent);
      expect(echoed).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    });

    it('gives every request its own id when the client sends none', async () => {
      const a = await send('GET', PAGES);
      const b = await send('GET', PAGES);
      expect(a.headers['x-request-id']).toBeTruthy();
      expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    });
  });
});
