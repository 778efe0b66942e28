import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../factories/tokens';
import { createPage, PAGES } from '../factories/pages';
import { bootApp, TestApp } from '../support/app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates and lists a page', async () => {
    const token = await signToken({ org: 'org-smoke' });
    const page = await createPage(t.app, token, { title: 'Hello' });
    expect(page.title).toBe('Hello');
    const res = await t.app.inject({ method: 'GET', url: PAGES, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json().pages.map((p: { page_id: string }) => p.page_id)).toEqual([page.page_id]);
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('answers 413, 400 and 415 in the error shape', async () => {
    const token = await signToken();
    const auth = { authorization: `Bearer ${token}` };
    const big = await t.app.inject({
      method: 'POST',
      url: PAGES,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect([big.statusCode, big.json().error_code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const broken = await t.app.inject({
      method: 'POST',
      url: PAGES,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"title": ',
    });
    expect([broken.statusCode, broken.json().error_code]).toEqual([400, 'INVALID_JSON']);
    const text = await t.app.inject({
      method: 'POST',
      url: PAGES,
      headers: { ...auth, 'content-type': 'text/plain' },
      payload: 'hi',
    });
    expect([text.statusCode, text.json().error_code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const proto = await t.app.inject({
      method: 'POST',
      url: PAGES,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"title":"a","metadata":{"__proto__":{"x":1}}}',
    });
    expect([proto.statusCode, proto.json().error_code]).toEqual([400, 'FORBIDDEN_KEY']);
  });
});
