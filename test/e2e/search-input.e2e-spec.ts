/* eslint-disable @typescript-eslint/no-explicit-any -- these specs reach into internals to force races and failures */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBlock } from '../factories/content';
import { createPage } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, TestApp } from '../support/app';
import { send } from '../support/http';

const SEARCH = '/api/v1/ocean/search';

describe('search: hostile and odd input', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await bootApp();
    token = await signToken({ org: 'org-red-input', user: 'u' });
    const page = await createPage(t.app, token, { title: 'Alpha page' });
    for (let i = 0; i < 130; i++) await addBlock(t.app, token, page.page_id, { content: { text: `alpha item ${i}` } });
    await addBlock(t.app, token, page.page_id, {
      content: { text: 'mail me at bob@example.com or see https://x.example.org/a-b?c=d' },
    });
  }, 120_000);
  afterAll(() => t?.close());

  const ok = (status: number, body: any) =>
    status === 200 || (status >= 400 && status < 500 && body?.error_code && body?.detail);

  it('GET: every q answers 200 or a 4xx with detail and error_code', async () => {
    const qs = [
      `'`,
      `''`,
      `\\`,
      `\\'`,
      `:*`,
      `a:*`,
      `'a':*`,
      `&|!()`,
      `!(a|b)&c`,
      `<->`,
      `a <-> b`,
      `a<2>b`,
      `*`,
      `%`,
      `_`,
      `a%b_c`,
      'שלום עולם',
      '\u202Eabc\u202C',
      'e\u0301\u0301\u0301',
      'ë́̃̈',
      '😀😀',
      '👩‍👩‍👧',
      'x'.repeat(500),
      '!'.repeat(500),
      'a'.repeat(300),
      'é'.repeat(500),
      'ß'.repeat(500),
      'ﬃ'.repeat(500),
      '㍱'.repeat(500),
      'Œ'.repeat(500),
      '…'.repeat(500),
      '㎉'.repeat(500),
      'ǅ'.repeat(500),
      'İ'.repeat(500),
      '12345678901234567890',
      '3.14 1e10 0x1F -5',
      'https://example.com/a?b=c#d',
      'bob@example.com',
      'a-b-c-d-e',
      'state-of-the-art',
      'x-'.repeat(250),
      'a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg',
      '-'.repeat(500),
      '- - - -',
      '\u0301',
      '\u0301'.repeat(500),
      '\u200b',
      '\u200bword',
      '\ufeffa',
      '\u00ad',
      'a\u00adb'.repeat(100),
      '<b>x</b>',
      '&amp;',
      '&#x41;',
      '/usr/local/bin',
      '1.2.3',
      'v1.2.3-beta',
      '+1-555-0100',
      '$1 $2',
      '\t\n a',
      'ǆ'.repeat(250) + 'a'.repeat(250),
      'ａｂｃ'.repeat(100),
      '①②③'.repeat(100),
      'Ⅻ'.repeat(500),
      '㈱'.repeat(500),
    ];
    const bad: string[] = [];
    for (const q of qs) {
      for (const search_type of ['metadata', 'hybrid']) {
        const res = await send(t.app, 'GET', `${SEARCH}?${new URLSearchParams({ q, search_type }).toString()}`, {
          token,
        });
        if (!ok(res.status, res.body))
          bad.push(
            `${search_type} ${JSON.stringify(q.slice(0, 30))} ${q.length} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
          );
      }
    }
    expect(bad).toEqual([]);
  }, 120_000);

  it('GET: parameter type confusion', async () => {
    const urls = [
      'q=a&q=b',
      'q=alpha&limit=1&limit=2',
      'q=alpha&limit=1.0',
      'q=alpha&limit=',
      'q=alpha&limit=1e1',
      'q=alpha&limit=%201',
      'q=alpha&threshold=1e-400',
      'q=alpha&threshold=',
      'q=alpha&threshold=0x1',
      'q=alpha&threshold=Infinity',
      'q=alpha&date_from=0000-01-01',
      'q=alpha&date_to=9999-12-31T23:59:59%2B14:00',
      'q=alpha&date_from=9999-12-31T23:59:59-14:00',
      'q=alpha&date_from=2024-01-01T25:61:61Z',
      'q=alpha&date_from=2024-01-01T23:59:60Z',
      'q=alpha&date_from=0001-01-01T00:00:00%2B14:00',
      'q=alpha&date_to=2024-02-29T24:00:00Z',
      'q=alpha&date_from=2024-01-01T00:00:00.999999-00:00',
      'q=alpha&date_from=2024-01-01T00:00:00%2B99:99',
      'q=alpha&date_from=1969-12-31&date_to=1970-01-01',
      'q=alpha&block_types=,,,',
      'q=alpha&block_types=text&block_types=text',
      'q=alpha&block_types=' + 'text,'.repeat(100),
      'q=alpha&tags=' + '00000000-0000-0000-0000-000000000000,'.repeat(21),
      'q=alpha&tags=,',
      'q=alpha&page_id=00000000-0000-0000-0000-00000000000G',
      'q=alpha&page_id=00000000-0000-0000-0000-000000000000&page_id=x',
      'q=alpha&search_type=semantic&search_type=metadata',
      'q[]=a',
      'q[a]=b',
      'q=alpha&organization_id=other',
      'q=alpha&__proto__=x',
      'q=%ED%A0%80',
      'q=%C0%80',
      'q=%FF',
      'q=a%00',
      'q=alpha&tags=%00',
    ];
    const bad: string[] = [];
    for (const u of urls) {
      const res = await send(t.app, 'GET', `${SEARCH}?${u}`, { token });
      if (!ok(res.status, res.body)) bad.push(`${u} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(bad).toEqual([]);
  });

  it('POST: null and odd JSON types', async () => {
    const bodies: unknown[] = [
      { q: 'alpha', date_from: null },
      { q: 'alpha', date_to: null },
      { q: 'alpha', limit: null },
      { q: 'alpha', threshold: null },
      { q: 'alpha', search_type: null },
      { q: 'alpha', page_id: null },
      { q: 'alpha', tags: null },
      { q: 'alpha', block_types: null },
      { q: 'alpha', limit: true },
      { q: 'alpha', limit: [5] },
      { q: 'alpha', threshold: [0.5] },
      { q: 'alpha', limit: '5' },
      { q: 'alpha', tags: [] },
      { q: 'alpha', block_types: [] },
      { q: 'alpha', block_types: 'text' },
      { q: 'alpha', tags: {} },
      { q: 'alpha', date_from: 5 },
      { q: 'alpha', date_from: {} },
      { q: { toString: 'x' } },
      { q: 'alpha', limit: {} },
      { q: 'alpha', limit: '' },
      { q: 'alpha', limit: 1e308 },
      { q: 'alpha', threshold: 5e-324 },
    ];
    const bad: string[] = [];
    for (const payload of bodies) {
      const res = await send(t.app, 'POST', SEARCH, { token, payload });
      if (!ok(res.status, res.body))
        bad.push(`${JSON.stringify(payload)} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(bad).toEqual([]);
  });

  it('POST limit:null is refused, not an unbounded answer', async () => {
    const res = await send(t.app, 'POST', SEARCH, {
      token,
      payload: { q: 'alpha', search_type: 'metadata', limit: null },
    });
    expect(res.status, `got ${res.status}, ${res.body?.results?.length} results, limit=${res.body?.limit}`).toBe(400);
  });
});
