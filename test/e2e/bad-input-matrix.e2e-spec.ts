import type { LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCKS } from '../factories/blocks';
import { addBlock, assignTag, createLink, createTag, LINKS_URL, TAGS_URL } from '../factories/content';
import {
  AUTH,
  bearer,
  createApiKey,
  register,
  registerAndLogin,
  Session,
  STRONG_PASSWORD,
  uniqueEmail,
} from '../factories/identity';
import { createPage, PAGES } from '../factories/pages';
import { bootApp, TestApp } from '../support/app';

/**
 * A table of refused requests over every route family. Each case names the exact status and
 * error_code (and the field where one is precise); after each family both organizations' rows
 * must be exactly as before, and no case may answer 5xx.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Who = 'a' | 'admin' | 'none';

const ADMIN_EMAIL = 'matrix-admin@example.com';
const ADMIN_PASSWORD = 'Adm1n-Horse-Battery!';

interface Org {
  session: Session;
  email: string;
  page: string;
  child: string;
  archived: string;
  text: string;
  heading: string;
  list: string;
  task: string;
  link: string;
  pageLink: string;
  tag: string;
  spareTag: string;
  linkId: string;
  apiKey: string;
}

/** What a case may use; known only once the fixtures exist. */
interface Fixtures {
  a: Org;
  b: Org;
  adminToken: string;
}

interface Case {
  name: string;
  method: Method;
  url: (f: Fixtures) => string;
  /** Sent exactly as written; JSON unless `contentType` says otherwise. */
  raw?: (f: Fixtures) => string;
  json?: (f: Fixtures) => unknown;
  contentType?: string;
  as?: Who;
  status: number;
  code: string;
  field?: string;
}

/** A cross-organization case: `path(id)` with org B's id must answer as with a random UUID. */
interface CrossCase {
  name: string;
  method: Method;
  path: (id: string, f: Fixtures) => string;
  id: (f: Fixtures) => string;
  json?: (f: Fixtures, id: string) => unknown;
  status: number;
  code: string;
}

const long = (n: number, c = 'x'): string => c.repeat(n);
/** `depth` objects nested inside each other. */
function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}
// Raw JSON escapes: the body carries `\u0000` / `\ud800` as written, not a re-encoding of them.
const NUL = '\\u0000';
const HIGH = '\\ud800';
const LOW = '\\udfff';
const CAFE_NFC = 'Caf\u00e9';
const CAFE_NFD = 'Cafe\u0301';

let t: TestApp;
let f: Fixtures;
const fiveHundreds: string[] = [];
let caseCount = 0;

function headersFor(who: Who): Record<string, string> {
  if (who === 'a') return bearer(f.a.session.access_token);
  if (who === 'admin') return bearer(f.adminToken);
  return {};
}

async function send(c: Omit<Case, 'name' | 'status' | 'code'>): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...headersFor(c.as ?? 'a') };
  let payload: string | undefined;
  if (c.raw) payload = c.raw(f);
  else if (c.json) payload = JSON.stringify(c.json(f));
  if (payload !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
  const res = await t.app.inject({
    method: c.method,
    url: c.url(f),
    headers,
    ...(payload === undefined ? {} : { payload }),
  });
  if (res.statusCode >= 500) fiveHundreds.push(`${c.method} ${c.url(f)} → ${res.statusCode} ${res.body}`);
  return res;
}

function expectCase(res: LightMyRequestResponse, c: Pick<Case, 'status' | 'code' | 'field'>): void {
  const body = res.json<{
    error_code?: string;
    detail?: unknown;
    errors?: Array<{ field: string; message: string }>;
  }>();
  expect({ status: res.statusCode, code: body.error_code }, res.body).toEqual({ status: c.status, code: c.code });
  expect(typeof body.detail).toBe('string');
  if (c.field !== undefined) {
    expect(
      body.errors?.map((e) => e.field),
      res.body,
    ).toContain(c.field);
    for (const e of body.errors ?? []) expect(typeof e.message).toBe('string');
  }
}

/** Every row of the organization (and its users' sessions, tokens and mail), as stored. */
async function rowsOf(org: Org): Promise<Record<string, unknown[]>> {
  const db = t.app.get(DataSource);
  const orgId = org.session.user.organization_id;
  const byOrg = ['pages', 'blocks', 'tags', 'block_tags', 'links', 'organizations', 'users', 'memberships', 'api_keys'];
  const byUser = ['sessions', 'refresh_tokens', 'one_time_tokens'];
  const out: Record<string, unknown[]> = {};
  const sorted = (rows: Array<{ r: unknown }>): unknown[] => rows.map((x) => JSON.stringify(x.r)).sort();
  for (const table of byOrg) {
    out[table] = sorted(
      await db.query(`SELECT to_jsonb(t) AS r FROM ${table} t WHERE organization_id::text = $1`, [orgId]),
    );
  }
  for (const table of byUser) {
    out[table] = sorted(
      await db.query(
        `SELECT to_jsonb(t) AS r FROM ${table} t WHERE user_id IN (SELECT user_id FROM users WHERE organization_id::text = $1)`,
        [orgId],
      ),
    );
  }
  out.mail_outbox = sorted(
    await db.query(`SELECT to_jsonb(t) AS r FROM mail_outbox t WHERE to_email = $1`, [org.email.toLowerCase()]),
  );
  return out;
}

/** The organization as a client sees it: every page (archived too), its blocks, tags, links, /me and keys. */
async function apiViewOf(org: Org): Promise<Record<string, unknown>> {
  const get = async (url: string): Promise<unknown> => {
    const res = await t.app.inject({ method: 'GET', url, headers: bearer(org.session.access_token) });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };
  const live = (await get(`${PAGES}?limit=100`)) as { pages: Array<{ page_id: string }> };
  const archived = (await get(`${PAGES}?limit=100&is_archived=true`)) as { pages: Array<{ page_id: string }> };
  const ids = [...new Set([...live.pages, ...archived.pages].map((p) => p.page_id))].sort();
  const pages: Record<string, unknown> = {};
  for (const id of ids) {
    pages[id] = { page: await get(`${PAGES}/${id}`), blocks: await get(`${BLOCKS}?page_id=${id}&limit=500`) };
  }
  const { last_used_at: _ignored, ...me } = (await get(`${AUTH}/me`)) as Record<string, unknown>;
  return {
    live,
    archived,
    pages,
    tags: await get(`${TAGS_URL}?sort_by=name`),
    links: await get(`${LINKS_URL}?limit=100`),
    me,
    keys: await get(`${AUTH}/api-keys`),
  };
}

async function snapshot(): Promise<unknown> {
  return {
    a: { rows: await rowsOf(f.a), api: await apiViewOf(f.a) },
    b: { rows: await rowsOf(f.b), api: await apiViewOf(f.b) },
  };
}

async function orgWithContent(): Promise<Org> {
  const email = uniqueEmail('matrix');
  const session = await registerAndLogin(t.app, { email });
  const token = session.access_token;
  const page = (await createPage(t.app, token, { title: 'Fixture', icon: '📄', metadata: { keep: 'me' } })).page_id;
  const child = (await createPage(t.app, token, { title: 'Child', parent_page_id: page })).page_id;
  const archived = (await createPage(t.app, token, { title: 'Archived' })).page_id;
  const del = await t.app.inject({ method: 'DELETE', url: `${PAGES}/${archived}`, headers: bearer(token) });
  expect(del.statusCode).toBe(204);
  const text = (await addBlock(t.app, token, page, { content: { text: 'hello world' } })).block_id;
  const heading = (await addBlock(t.app, token, page, { block_type: 'heading', content: { text: 'Title', level: 2 } }))
    .block_id;
  const list = (
    await addBlock(t.app, token, page, { block_type: 'list', content: { items: ['a', 'b'], listType: 'bullet' } })
  ).block_id;
  const task = (await addBlock(t.app, token, page, { block_type: 'task', content: { text: 'do', checked: false } }))
    .block_id;
  const link = (
    await addBlock(t.app, token, page, { block_type: 'link', content: { url: 'https://example.com', text: 'ex' } })
  ).block_id;
  const pageLink = (
    await addBlock(t.app, token, page, { block_type: 'page_link', content: { linkedPageId: child, displayText: 'c' } })
  ).block_id;
  const tag = (await createTag(t.app, token, { name: CAFE_NFC, color: 'blue', description: 'accented' })).tag_id;
  const spareTag = (await createTag(t.app, token, { name: 'spare' })).tag_id;
  await assignTag(t.app, token, text, tag);
  const linkId = (await createLink(t.app, token, { source_block_id: text, target_id: heading })).link_id;
  const apiKey = (await createApiKey(t.app, token, ['read'], 'fixture key')).api_key_id;
  return {
    session,
    email,
    page,
    child,
    archived,
    text,
    heading,
    list,
    task,
    link,
    pageLink,
    tag,
    spareTag,
    linkId,
    apiKey,
  };
}

beforeAll(async () => {
  t = await bootApp({ ADMIN_EMAIL, ADMIN_PASSWORD });
  const a = await orgWithContent();
  const b = await orgWithContent();
  const admin = await t.app.inject({
    method: 'POST',
    url: `${AUTH}/login`,
    payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  });
  expect(admin.statusCode, admin.body).toBe(200);
  f = { a, b, adminToken: admin.json().access_token };
  // The NFC spelling that the NFD registration case collides with.
  await register(t.app, { email: `${CAFE_NFC}@nfc.example.com` });
});

afterAll(async () => {
  await t?.close();
});

/** Runs a family's cases, then checks that nothing of either organization changed. */
function family(name: string, cases: Case[], cross: CrossCase[] = []): void {
  describe(name, () => {
    let before: unknown;
    beforeAll(async () => {
      before = await snapshot();
    });

    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      caseCount++;
      expectCase(await send(c), c);
    });

    it.each(cross.map((c) => [c.name, c] as const))("another organization's id: %s", async (_name, c) => {
      caseCount++;
      const theirs = c.id(f);
      const random = randomUUID();
      const ask = (id: string): Promise<LightMyRequestResponse> =>
        send({ method: c.method, url: (fx) => c.path(id, fx), ...(c.json ? { json: (fx) => c.json!(fx, id) } : {}) });
      const crossRes = await ask(theirs);
      const randomRes = await ask(random);
      expectCase(crossRes, c);
      // No existence leak: their id answers exactly like an id nobody has.
      expect(crossRes.json()).toEqual(randomRes.json());
      expect(crossRes.statusCode).toBe(randomRes.statusCode);
    });

    it(`leaves both organizations' rows unchanged (${name})`, async () => {
      expect(await snapshot()).toEqual(before);
    });
  });
}

const textCase = (
  name: string,
  method: Method,
  url: (fx: Fixtures) => string,
  raw: (fx: Fixtures) => string,
  field: string,
  as: Who = 'a',
): Case => ({
  name: `${name} → 400 INVALID_TEXT on ${field}`,
  method,
  url,
  raw,
  as,
  status: 400,
  code: 'INVALID_TEXT',
  field,
});

const invalid = (
  name: string,
  method: Method,
  url: (fx: Fixtures) => string,
  json: (fx: Fixtures) => unknown,
  field: string | undefined,
  as: Who = 'a',
): Case => ({
  name: `${name} → 400 VALIDATION_FAILED${field ? ` on ${field}` : ''}`,
  method,
  url,
  json,
  as,
  status: 400,
  code: 'VALIDATION_FAILED',
  field,
});

const pageUrl = (fx: Fixtures): string => `${PAGES}/${fx.a.page}`;
const pagesUrl = (): string => PAGES;

family(
  'pages',
  [
    textCase('POST title with NUL', 'POST', pagesUrl, () => `{"title":"a${NUL}b"}`, 'title'),
    textCase('POST title with a lone high surrogate', 'POST', pagesUrl, () => `{"title":"a${HIGH}b"}`, 'title'),
    textCase('POST title with a lone low surrogate', 'POST', pagesUrl, () => `{"title":"${LOW}"}`, 'title'),
    textCase('POST icon with NUL', 'POST', pagesUrl, () => `{"title":"ok","icon":"${NUL}"}`, 'icon'),
    textCase(
      'POST cover_image with a lone surrogate',
      'POST',
      pagesUrl,
      () => `{"title":"ok","cover_image":"https://x.test/${HIGH}"}`,
      'cover_image',
    ),
    textCase(
      'POST metadata value with NUL',
      'POST',
      pagesUrl,
      () => `{"title":"ok","metadata":{"key":"v${NUL}"}}`,
      'metadata.key',
    ),
    textCase(
      'POST metadata key with NUL',
      'POST',
      pagesUrl,
      () => `{"title":"ok","metadata":{"a${NUL}b":1}}`,
      'metadata["a\\u0000b"]',
    ),
    textCase(
      'POST metadata nested array item with a surrogate',
      'POST',
      pagesUrl,
      () => `{"title":"ok","metadata":{"list":["fine","${LOW}"]}}`,
      'metadata.list[1]',
    ),
    textCase('PUT title with NUL', 'PUT', pageUrl, () => `{"title":"${NUL}"}`, 'title'),
    textCase(
      'PUT metadata key with a surrogate',
      'PUT',
      pageUrl,
      () => `{"metadata":{"${HIGH}":"v"}}`,
      'metadata["\\ud800"]',
    ),
    invalid('POST title that is a number', 'POST', pagesUrl, () => ({ title: 42 }), 'title'),
    invalid('POST title that is an object', 'POST', pagesUrl, () => ({ title: { text: 'x' } }), 'title'),
    invalid('POST title of 600 characters', 'POST', pagesUrl, () => ({ title: long(600) }), 'title'),
    invalid('POST metadata that is an array', 'POST', pagesUrl, () => ({ title: 'ok', metadata: [1] }), 'metadata'),
    invalid('POST icon of 101 characters', 'POST', pagesUrl, () => ({ title: 'ok', icon: long(101) }), 'icon'),
    invalid('POST icon that is a number', 'POST', pagesUrl, () => ({ title: 'ok', icon: 7 }), 'icon'),
    invalid(
      'POST cover_image javascript:',
      'POST',
      pagesUrl,
      () => ({ title: 'ok', cover_image: 'javascript:alert(1)' }),
      'cover_image',
    ),
    invalid(
      'POST cover_image over 2048 characters',
      'POST',
      pagesUrl,
      () => ({ title: 'ok', cover_image: `https://x.test/${long(2048)}` }),
      'cover_image',
    ),
    invalid(
      'POST parent_page_id not a UUID',
      'POST',
      pagesUrl,
      () => ({ title: 'ok', parent_page_id: 'nope' }),
      'parent_page_id',
    ),
    invalid('PUT metadata that is a string', 'PUT', pageUrl, () => ({ metadata: 'x' }), 'metadata'),
    invalid('PUT is_archived that is a string', 'PUT', pageUrl, () => ({ is_archived: 'yes' }), 'is_archived'),
    invalid('PUT title null', 'PUT', pageUrl, () => ({ title: null }), 'title'),
    invalid(
      'PUT cover_image data: URL',
      'PUT',
      pageUrl,
      () => ({ cover_image: 'data:text/html,<script>alert(1)</script>' }),
      'cover_image',
    ),
    {
      name: 'PUT empty body → 400 EMPTY_UPDATE',
      method: 'PUT',
      url: pageUrl,
      json: () => ({}),
      status: 400,
      code: 'EMPTY_UPDATE',
    },
    {
      name: 'POST body over 1 MiB → 413 PAYLOAD_TOO_LARGE',
      method: 'POST',
      url: pagesUrl,
      json: () => ({ title: 'big', metadata: { blob: long(1024 * 1024 + 10) } }),
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
    {
      name: 'POST malformed JSON → 400 INVALID_JSON',
      method: 'POST',
      url: pagesUrl,
      raw: () => '{"title": "x",',
      status: 400,
      code: 'INVALID_JSON',
    },
    {
      name: 'POST Text/Plain → 415 UNSUPPORTED_MEDIA_TYPE',
      method: 'POST',
      url: pagesUrl,
      raw: () => 'title=x',
      contentType: 'Text/Plain',
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'POST APPLICATION/X-WWW-FORM-URLENCODED → 415 UNSUPPORTED_MEDIA_TYPE',
      method: 'POST',
      url: pagesUrl,
      raw: () => 'title=x',
      contentType: 'APPLICATION/X-WWW-FORM-URLENCODED',
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'POST metadata.__proto__ → 400 FORBIDDEN_KEY',
      method: 'POST',
      url: pagesUrl,
      raw: () => '{"title":"ok","metadata":{"__proto__":{"admin":true}}}',
      status: 400,
      code: 'FORBIDDEN_KEY',
    },
    {
      name: 'POST metadata nested 40 deep → 400 BODY_TOO_DEEP',
      method: 'POST',
      url: pagesUrl,
      json: () => ({ title: 'ok', metadata: nested(40) }),
      status: 400,
      code: 'BODY_TOO_DEEP',
    },
    invalid(
      'GET ?limit=0',
      'GET',
      () => `${PAGES}?limit=0`,
      () => undefined,
      'limit',
    ),
    invalid(
      'GET ?limit=101',
      'GET',
      () => `${PAGES}?limit=101`,
      () => undefined,
      'limit',
    ),
    invalid(
      'GET ?limit=abc',
      'GET',
      () => `${PAGES}?limit=abc`,
      () => undefined,
      'limit',
    ),
    invalid(
      'GET ?offset=-1',
      'GET',
      () => `${PAGES}?offset=-1`,
      () => undefined,
      'offset',
    ),
    invalid(
      'GET ?is_archived=maybe',
      'GET',
      () => `${PAGES}?is_archived=maybe`,
      () => undefined,
      'is_archived',
    ),
    invalid(
      'GET ?parent_page_id=xyz',
      'GET',
      () => `${PAGES}?parent_page_id=xyz`,
      () => undefined,
      'parent_page_id',
    ),
    {
      name: 'GET ?parent_page_id with NUL → 400 INVALID_TEXT on parent_page_id',
      method: 'GET',
      url: () => `${PAGES}?parent_page_id=a%00b`,
      status: 400,
      code: 'INVALID_TEXT',
      field: 'parent_page_id',
    },
    {
      name: 'GET /pages/not-a-uuid → 404 PAGE_NOT_FOUND',
      method: 'GET',
      url: () => `${PAGES}/not-a-uuid`,
      status: 404,
      code: 'PAGE_NOT_FOUND',
    },
    {
      name: 'move under itself → 400 CIRCULAR_REFERENCE',
      method: 'POST',
      url: (fx) => `${PAGES}/${fx.a.page}/move`,
      json: (fx) => ({ new_parent_id: fx.a.page }),
      status: 400,
      code: 'CIRCULAR_REFERENCE',
    },
    {
      name: 'move under its own child → 400 CIRCULAR_REFERENCE',
      method: 'POST',
      url: (fx) => `${PAGES}/${fx.a.page}/move`,
      json: (fx) => ({ new_parent_id: fx.a.child }),
      status: 400,
      code: 'CIRCULAR_REFERENCE',
    },
    invalid(
      'move without new_parent_id',
      'POST',
      (fx) => `${PAGES}/${fx.a.page}/move`,
      () => ({}),
      'new_parent_id',
    ),
    invalid(
      'move new_parent_id that is a number',
      'POST',
      (fx) => `${PAGES}/${fx.a.child}/move`,
      () => ({ new_parent_id: 5 }),
      'new_parent_id',
    ),
    invalid(
      'move position -1',
      'POST',
      (fx) => `${PAGES}/${fx.a.child}/move`,
      () => ({ new_parent_id: null, position: -1 }),
      'position',
    ),
    {
      name: 'DELETE ?permanent=true of a live page → 409 NOT_ARCHIVED',
      method: 'DELETE',
      url: (fx) => `${PAGES}/${fx.a.page}?permanent=true`,
      status: 409,
      code: 'NOT_ARCHIVED',
    },
  ],
  [
    {
      name: 'GET /pages/{id}',
      method: 'GET',
      path: (id) => `${PAGES}/${id}`,
      id: (fx) => fx.b.page,
      status: 404,
      code: 'PAGE_NOT_FOUND',
    },
    {
      name: 'PUT /pages/{id}',
      method: 'PUT',
      path: (id) => `${PAGES}/${id}`,
      id: (fx) => fx.b.page,
      json: () => ({ title: 'stolen' }),
      status: 404,
      code: 'PAGE_NOT_FOUND',
    },
    {
      name: 'DELETE /pages/{id}',
      method: 'DELETE',
      path: (id) => `${PAGES}/${id}`,
      id: (fx) => fx.b.page,
      status: 404,
      code: 'PAGE_NOT_FOUND',
    },
    {
      name: 'DELETE /pages/{id}?permanent=true (archived)',
      method: 'DELETE',
      path: (id) => `${PAGES}/${id}?permanent=true`,
      id: (fx) => fx.b.archived,
      status: 404,
      code: 'PAGE_NOT_FOUND',
    },
    {
      name: 'POST /pages/{id}/restore',
      method: 'POST',
      path: (id) => `${PAGES}/${id}/restore`,
      id: (fx) => fx.b.archived,
      status: 404,
      code: 'PAGE_NOT_FOUND',
    },
    {
      name: 'POST /pages/{id}/move',
      method: 'POST',
      path: (id) => `${PAGES}/${id}/move`,
      id: (fx) => fx.b.child,
      json: () => ({ new_parent_id: null }),
      status: 404,
      code: 'PAGE_NOT_FOUND',
    },
    {
      name: 'move my page under theirs',
      method: 'POST',
      path: (_id, fx) => `${PAGES}/${fx.a.child}/move`,
      id: (fx) => fx.b.page,
      json: (_fx, id) => ({ new_parent_id: id }),
      status: 404,
      code: 'PARENT_PAGE_NOT_FOUND',
    },
    {
      name: 'POST /pages with their parent_page_id',
      method: 'POST',
      path: () => PAGES,
      id: (fx) => fx.b.page,
      json: (_fx, id) => ({ title: 'x', parent_page_id: id }),
      status: 404,
      code: 'PARENT_PAGE_NOT_FOUND',
    },
    {
      name: 'GET /pages/{id}/backlinks',
      method: 'GET',
      path: (id) => `${PAGES}/${id}/backlinks`,
      id: (fx) => fx.b.child,
      status: 404,
      code: 'PAGE_NOT_FOUND',
    },
  ],
);

const blocksOf = (fx: Fixtures): string => `${BLOCKS}?page_id=${fx.a.page}`;
const batchOf = (fx: Fixtures): string => `${BLOCKS}/batch?page_id=${fx.a.page}`;
const blockUrl = (pick: (o: Org) => string) => (fx: Fixtures) => `${BLOCKS}/${pick(fx.a)}`;

family(
  'blocks',
  [
    textCase(
      'text block content.text with NUL',
      'POST',
      blocksOf,
      () => `{"block_type":"text","content":{"text":"a${NUL}"}}`,
      'content.text',
    ),
    textCase(
      'heading content.text with a lone surrogate',
      'POST',
      blocksOf,
      () => `{"block_type":"heading","content":{"text":"${HIGH}","level":1}}`,
      'content.text',
    ),
    textCase(
      'list content.items[2] with NUL',
      'POST',
      blocksOf,
      () => `{"block_type":"list","content":{"items":["a","b","c${NUL}"],"listType":"bullet"}}`,
      'content.items[2]',
    ),
    textCase(
      'task content.text with a lone low surrogate',
      'POST',
      blocksOf,
      () => `{"block_type":"task","content":{"text":"${LOW}x","checked":true}}`,
      'content.text',
    ),
    textCase(
      'link content.url with NUL',
      'POST',
      blocksOf,
      () => `{"block_type":"link","content":{"url":"https://e.test/${NUL}"}}`,
      'content.url',
    ),
    textCase(
      'link content.text with a surrogate',
      'POST',
      blocksOf,
      () => `{"block_type":"link","content":{"url":"https://e.test/","text":"${HIGH}"}}`,
      'content.text',
    ),
    textCase(
      'page_link content.displayText with NUL',
      'POST',
      blocksOf,
      (fx) => `{"block_type":"page_link","content":{"linkedPageId":"${fx.a.child}","displayText":"${NUL}"}}`,
      'content.displayText',
    ),
    textCase(
      'properties value with NUL',
      'POST',
      blocksOf,
      () => `{"block_type":"text","content":{"text":"x"},"properties":{"note":"${NUL}"}}`,
      'properties.note',
    ),
    textCase(
      'properties key with a lone surrogate',
      'POST',
      blocksOf,
      () => `{"block_type":"text","content":{"text":"x"},"properties":{"${HIGH}":1}}`,
      'properties["\\ud800"]',
    ),
    textCase(
      'block_type with NUL',
      'POST',
      blocksOf,
      () => `{"block_type":"text${NUL}","content":{"text":"x"}}`,
      'block_type',
    ),
    textCase(
      'batch blocks[1].content.text with NUL',
      'POST',
      batchOf,
      () =>
        `{"blocks":[{"block_type":"text","content":{"text":"ok"}},{"block_type":"text","content":{"text":"${NUL}"}}]}`,
      'blocks[1].content.text',
    ),
    textCase(
      'PUT content.text with a surrogate',
      'PUT',
      blockUrl((o) => o.text),
      () => `{"content":{"text":"${LOW}"}}`,
      'content.text',
    ),
    textCase(
      'PUT properties nested value with NUL',
      'PUT',
      blockUrl((o) => o.text),
      () => `{"properties":{"a":{"b":"${NUL}"}}}`,
      'properties.a.b',
    ),
    textCase(
      'convert new_type with NUL',
      'POST',
      (fx) => `${BLOCKS}/${fx.a.text}/convert`,
      () => `{"new_type":"${NUL}"}`,
      'new_type',
    ),
    {
      name: 'GET ?page_id with NUL → 400 INVALID_TEXT on page_id',
      method: 'GET',
      url: () => `${BLOCKS}?page_id=%00`,
      status: 400,
      code: 'INVALID_TEXT',
      field: 'page_id',
    },
    invalid(
      'text content.text that is an object',
      'POST',
      blocksOf,
      () => ({ block_type: 'text', content: { text: { t: 1 } } }),
      'content.text',
    ),
    invalid(
      'text content.text of 3000 characters',
      'POST',
      blocksOf,
      () => ({ block_type: 'text', content: { text: long(3000) } }),
      'content.text',
    ),
    invalid('content that is a string', 'POST', blocksOf, () => ({ block_type: 'text', content: 'hello' }), 'content'),
    invalid(
      'content with an unknown field',
      'POST',
      blocksOf,
      () => ({ block_type: 'text', content: { text: 'x', bold: true } }),
      'content.bold',
    ),
    invalid(
      'heading level 4',
      'POST',
      blocksOf,
      () => ({ block_type: 'heading', content: { text: 'x', level: 4 } }),
      'content.level',
    ),
    invalid(
      'heading level "1"',
      'POST',
      blocksOf,
      () => ({ block_type: 'heading', content: { text: 'x', level: '1' } }),
      'content.level',
    ),
    invalid(
      'list items that is a string',
      'POST',
      blocksOf,
      () => ({ block_type: 'list', content: { items: 'a', listType: 'bullet' } }),
      'content.items',
    ),
    invalid(
      'list items[0] that is a number',
      'POST',
      blocksOf,
      () => ({ block_type: 'list', content: { items: [1], listType: 'bullet' } }),
      'content.items[0]',
    ),
    invalid(
      'list listType bogus',
      'POST',
      blocksOf,
      () => ({ block_type: 'list', content: { items: ['a'], listType: 'roman' } }),
      'content.listType',
    ),
    invalid(
      'task checked "yes"',
      'POST',
      blocksOf,
      () => ({ block_type: 'task', content: { text: 'x', checked: 'yes' } }),
      'content.checked',
    ),
    invalid(
      'link url javascript:',
      'POST',
      blocksOf,
      () => ({ block_type: 'link', content: { url: 'javascript:alert(1)' } }),
      'content.url',
    ),
    invalid(
      'link url that is a number',
      'POST',
      blocksOf,
      () => ({ block_type: 'link', content: { url: 12 } }),
      'content.url',
    ),
    invalid(
      'page_link linkedPageId not a UUID',
      'POST',
      blocksOf,
      () => ({ block_type: 'page_link', content: { linkedPageId: 'nope' } }),
      'content.linkedPageId',
    ),
    invalid('unknown block_type', 'POST', blocksOf, () => ({ block_type: 'table', content: {} }), 'block_type'),
    invalid(
      'properties that is an array',
      'POST',
      blocksOf,
      () => ({ block_type: 'text', content: { text: 'x' }, properties: [1] }),
      'properties',
    ),
    invalid(
      'position -1',
      'POST',
      blocksOf,
      () => ({ block_type: 'text', content: { text: 'x' }, position: -1 }),
      'position',
    ),
    invalid(
      'position "1"',
      'POST',
      blocksOf,
      () => ({ block_type: 'text', content: { text: 'x' }, position: '1' }),
      'position',
    ),
    invalid(
      'parent_block_id not a UUID',
      'POST',
      blocksOf,
      () => ({ block_type: 'text', content: { text: 'x' }, parent_block_id: 'b' }),
      'parent_block_id',
    ),
    invalid('batch with no blocks', 'POST', batchOf, () => ({ blocks: [] }), 'blocks'),
    invalid(
      'batch of 101 blocks',
      'POST',
      batchOf,
      () => ({ blocks: Array.from({ length: 101 }, () => ({ block_type: 'text', content: { text: 'x' } })) }),
      'blocks',
    ),
    invalid('batch blocks that is an object', 'POST', batchOf, () => ({ blocks: { block_type: 'text' } }), 'blocks'),
    invalid(
      'batch whose second item has 3000 characters',
      'POST',
      batchOf,
      () => ({
        blocks: [
          { block_type: 'text', content: { text: 'ok' } },
          { block_type: 'text', content: { text: long(3000) } },
        ],
      }),
      'blocks[1].content.text',
    ),
    invalid(
      'GET without page_id',
      'GET',
      () => BLOCKS,
      () => undefined,
      'page_id',
    ),
    invalid(
      'GET ?limit=501',
      'GET',
      (fx) => `${BLOCKS}?page_id=${fx.a.page}&limit=501`,
      () => undefined,
      'limit',
    ),
    invalid(
      'GET ?block_type=table',
      'GET',
      (fx) => `${BLOCKS}?page_id=${fx.a.page}&block_type=table`,
      () => undefined,
      'block_type',
    ),
    {
      name: 'GET ?page_id=not-a-uuid → 404 PAGE_NOT_FOUND',
      method: 'GET',
      url: () => `${BLOCKS}?page_id=not-a-uuid`,
      status: 404,
      code: 'PAGE_NOT_FOUND',
    },
    {
      name: 'PUT empty body → 400 EMPTY_UPDATE',
      method: 'PUT',
      url: blockUrl((o) => o.text),
      json: () => ({}),
      status: 400,
      code: 'EMPTY_UPDATE',
    },
    invalid(
      'PUT heading content with level 9',
      'PUT',
      blockUrl((o) => o.heading),
      () => ({ content: { text: 'x', level: 9 } }),
      'content.level',
    ),
    invalid(
      'PUT block_type bogus',
      'PUT',
      blockUrl((o) => o.text),
      () => ({ block_type: 'video' }),
      'block_type',
    ),
    invalid(
      'move new_position -1',
      'POST',
      (fx) => `${BLOCKS}/${fx.a.text}/move`,
      () => ({ new_position: -1 }),
      'new_position',
    ),
    invalid(
      'move new_position "0"',
      'POST',
      (fx) => `${BLOCKS}/${fx.a.text}/move`,
      () => ({ new_position: '0' }),
      'new_position',
    ),
    {
      name: 'move under itself → 400 CIRCULAR_REFERENCE',
      method: 'POST',
      url: (fx) => `${BLOCKS}/${fx.a.text}/move`,
      json: (fx) => ({ new_position: 0, parent_block_id: fx.a.text }),
      status: 400,
      code: 'CIRCULAR_REFERENCE',
    },
    invalid(
      'convert to an unknown type',
      'POST',
      (fx) => `${BLOCKS}/${fx.a.text}/convert`,
      () => ({ new_type: 'table' }),
      'new_type',
    ),
    invalid(
      'PUT convert new_type that is a number',
      'PUT',
      (fx) => `${BLOCKS}/${fx.a.text}/convert`,
      () => ({ new_type: 3 }),
      'new_type',
    ),
    invalid(
      'assign tag_id not a UUID',
      'POST',
      (fx) => `${BLOCKS}/${fx.a.text}/tags`,
      () => ({ tag_id: 'nope' }),
      'tag_id',
    ),
    {
      name: 'assign a tag already assigned → 409 TAG_ALREADY_ASSIGNED',
      method: 'POST',
      url: (fx) => `${BLOCKS}/${fx.a.text}/tags`,
      json: (fx) => ({ tag_id: fx.a.tag }),
      status: 409,
      code: 'TAG_ALREADY_ASSIGNED',
    },
    {
      name: 'unassign a tag that is not assigned → 404 TAG_NOT_ASSIGNED',
      method: 'DELETE',
      url: (fx) => `${BLOCKS}/${fx.a.text}/tags/${fx.a.spareTag}`,
      status: 404,
      code: 'TAG_NOT_ASSIGNED',
    },
    {
      name: 'GET /blocks/not-a-uuid → 404 BLOCK_NOT_FOUND',
      method: 'GET',
      url: () => `${BLOCKS}/not-a-uuid`,
      status: 404,
      code: 'BLOCK_NOT_FOUND',
    },
  ],
  [
    {
      name: 'GET /blocks/{id}',
      method: 'GET',
      path: (id) => `${BLOCKS}/${id}`,
      id: (fx) => fx.b.text,
      status: 404,
      code: 'BLOCK_NOT_FOUND',
    },
    {
      name: 'PUT /blocks/{id}',
      method: 'PUT',
      path: (id) => `${BLOCKS}/${id}`,
      id: (fx) => fx.b.text,
      json: () => ({ content: { text: 'stolen' } }),
      status: 404,
      code: 'BLOCK_NOT_FOUND',
    },
    {
      name: 'DELETE /blocks/{id}',
      method: 'DELETE',
      path: (id) => `${BLOCKS}/${id}`,
      id: (fx) => fx.b.heading,
      status: 404,
      code: 'BLOCK_NOT_FOUND',
    },
    {
      name: 'POST /blocks/{id}/move',
      method: 'POST',
      path: (id) => `${BLOCKS}/${id}/move`,
      id: (fx) => fx.b.list,
      json: () => ({ new_position: 0 }),
      status: 404,
      code: 'BLOCK_NOT_FOUND',
    },
    {
      name: 'POST /blocks/{id}/convert',
      method: 'POST',
      path: (id) => `${BLOCKS}/${id}/convert`,
      id: (fx) => fx.b.task,
      json: () => ({ new_type: 'text' }),
      status: 404,
      code: 'BLOCK_NOT_FOUND',
    },
    {
      name: 'PUT /blocks/{id}/convert',
      method: 'PUT',
      path: (id) => `${BLOCKS}/${id}/convert`,
      id: (fx) => fx.b.link,
      json: () => ({ new_type: 'heading' }),
      status: 404,
      code: 'BLOCK_NOT_FOUND',
    },
    {
      name: 'GET /blocks/{id}/embedding',
      method: 'GET',
      path: (id) => `${BLOCKS}/${id}/embedding`,
      id: (fx) => fx.b.text,
      status: 404,
      code: 'BLOCK_NOT_FOUND',
    },
    {
      name: 'GET /blocks/{id}/tags',
      method: 'GET',
      path: (id) => `${BLOCKS}/${id}/tags`,
      id: (fx) => fx.b.text,
      status: 404,
      code: 'BLOCK_NOT_FOUND',
    },
    {
      name: 'POST /blocks/{id}/tags (their block, my tag)',
      method: 'POST',
      path: (id) => `${BLOCKS}/${id}/tags`,
      id: (fx) => fx.b.heading,
      json: (fx) => ({ tag_id: fx.a.spareTag }),
      status: 404,
      code: 'BLOCK_NOT_FOUND',
    },
    {
      name: 'POST /blocks/{id}/tags (my block, their tag)',
      method: 'POST',
      path: (_id, fx) => `${BLOCKS}/${fx.a.heading}/tags`,
      id: (fx) => fx.b.spareTag,
      json: (_fx, id) => ({ tag_id: id }),
      status: 404,
      code: 'TAG_NOT_FOUND',
    },
    {
      name: 'DELETE /blocks/{id}/tags/{tag} (their block and tag)',
      method: 'DELETE',
      path: (id, fx) => `${BLOCKS}/${id}/tags/${fx.b.tag}`,
      id: (fx) => fx.b.text,
      status: 404,
      code: 'BLOCK_NOT_FOUND',
    },
    {
      name: 'DELETE /blocks/{id}/tags/{tag} (my block, their tag)',
      method: 'DELETE',
      path: (id, fx) => `${BLOCKS}/${fx.a.text}/tags/${id}`,
      id: (fx) => fx.b.tag,
      status: 404,
      code: 'TAG_NOT_ASSIGNED',
    },
    {
      name: 'GET /blocks/{id}/backlinks',
      method: 'GET',
      path: (id) => `${BLOCKS}/${id}/backlinks`,
      id: (fx) => fx.b.heading,
      status: 404,
      code: 'BLOCK_NOT_FOUND',
    },
    {
      name: 'GET /blocks?page_id=',
      method: 'GET',
      path: (id) => `${BLOCKS}?page_id=${id}`,
      id: (fx) => fx.b.page,
      status: 404,
      code: 'PAGE_NOT_FOUND',
    },
    {
      name: 'POST /blocks?page_id=',
      method: 'POST',
      path: (id) => `${BLOCKS}?page_id=${id}`,
      id: (fx) => fx.b.page,
      json: () => ({ block_type: 'text', content: { text: 'x' } }),
      status: 404,
      code: 'PAGE_NOT_FOUND',
    },
    {
      name: 'POST /blocks/batch?page_id=',
      method: 'POST',
      path: (id) => `${BLOCKS}/batch?page_id=${id}`,
      id: (fx) => fx.b.page,
      json: () => ({ blocks: [{ block_type: 'text', content: { text: 'x' } }] }),
      status: 404,
      code: 'PAGE_NOT_FOUND',
    },
    {
      name: 'POST /blocks with their parent_block_id',
      method: 'POST',
      path: (_id, fx) => `${BLOCKS}?page_id=${fx.a.page}`,
      id: (fx) => fx.b.text,
      json: (_fx, id) => ({ block_type: 'text', content: { text: 'x' }, parent_block_id: id }),
      status: 404,
      code: 'PARENT_BLOCK_NOT_FOUND',
    },
    {
      name: 'POST a page_link to their page',
      method: 'POST',
      path: (_id, fx) => `${BLOCKS}?page_id=${fx.a.page}`,
      id: (fx) => fx.b.page,
      json: (_fx, id) => ({ block_type: 'page_link', content: { linkedPageId: id } }),
      status: 404,
      code: 'LINKED_PAGE_NOT_FOUND',
    },
    {
      name: 'move my block under theirs',
      method: 'POST',
      path: (_id, fx) => `${BLOCKS}/${fx.a.task}/move`,
      id: (fx) => fx.b.text,
      json: (_fx, id) => ({ new_position: 0, parent_block_id: id }),
      status: 404,
      code: 'PARENT_BLOCK_NOT_FOUND',
    },
  ],
);

const tagUrl = (fx: Fixtures): string => `${TAGS_URL}/${fx.a.spareTag}`;
const tagsUrl = (): string => TAGS_URL;

family(
  'tags',
  [
    textCase('POST name with NUL', 'POST', tagsUrl, () => `{"name":"a${NUL}"}`, 'name'),
    textCase('POST name with a lone surrogate', 'POST', tagsUrl, () => `{"name":"${HIGH}"}`, 'name'),
    textCase(
      'POST description with NUL',
      'POST',
      tagsUrl,
      () => `{"name":"fresh","description":"${NUL}"}`,
      'description',
    ),
    textCase('POST color with a surrogate', 'POST', tagsUrl, () => `{"name":"fresh","color":"${LOW}"}`, 'color'),
    textCase('PUT name with NUL', 'PUT', tagUrl, () => `{"name":"${NUL}"}`, 'name'),
    textCase('PUT description with a surrogate', 'PUT', tagUrl, () => `{"description":"x${HIGH}"}`, 'description'),
    invalid('POST name empty', 'POST', tagsUrl, () => ({ name: '' }), 'name'),
    invalid('POST name only spaces', 'POST', tagsUrl, () => ({ name: '   ' }), 'name'),
    invalid('POST name of 101 characters', 'POST', tagsUrl, () => ({ name: long(101) }), 'name'),
    invalid('POST name that is a number', 'POST', tagsUrl, () => ({ name: 5 }), 'name'),
    invalid('POST name that is an array', 'POST', tagsUrl, () => ({ name: ['a'] }), 'name'),
    invalid('POST color not a colour', 'POST', tagsUrl, () => ({ name: 'fresh', color: 'blue-ish' }), 'color'),
    invalid('POST color that is a number', 'POST', tagsUrl, () => ({ name: 'fresh', color: 0xff0000 }), 'color'),
    invalid(
      'POST description of 501 characters',
      'POST',
      tagsUrl,
      () => ({ name: 'fresh', description: long(501) }),
      'description',
    ),
    invalid(
      'POST description that is an object',
      'POST',
      tagsUrl,
      () => ({ name: 'fresh', description: { a: 1 } }),
      'description',
    ),
    invalid('PUT name null', 'PUT', tagUrl, () => ({ name: null }), 'name'),
    invalid(
      'GET ?sort_by=bogus',
      'GET',
      () => `${TAGS_URL}?sort_by=bogus`,
      () => undefined,
      'sort_by',
    ),
    {
      name: 'GET ?sort_by with NUL → 400 INVALID_TEXT on sort_by',
      method: 'GET',
      url: () => `${TAGS_URL}?sort_by=name%00`,
      status: 400,
      code: 'INVALID_TEXT',
      field: 'sort_by',
    },
    {
      name: 'POST the same name in another case → 409 DUPLICATE_TAG',
      method: 'POST',
      url: tagsUrl,
      json: () => ({ name: 'SPARE' }),
      status: 409,
      code: 'DUPLICATE_TAG',
    },
    {
      name: 'POST the NFD spelling of an NFC name → 409 DUPLICATE_TAG',
      method: 'POST',
      url: tagsUrl,
      json: () => ({ name: CAFE_NFD }),
      status: 409,
      code: 'DUPLICATE_TAG',
    },
    {
      name: 'PUT rename onto the NFD spelling of another tag → 409 DUPLICATE_TAG',
      method: 'PUT',
      url: tagUrl,
      json: () => ({ name: CAFE_NFD.toUpperCase() }),
      status: 409,
      code: 'DUPLICATE_TAG',
    },
    {
      name: 'PUT empty body → 400 EMPTY_UPDATE',
      method: 'PUT',
      url: tagUrl,
      json: () => ({}),
      status: 400,
      code: 'EMPTY_UPDATE',
    },
    {
      name: 'GET /tags/not-a-uuid → 404 TAG_NOT_FOUND',
      method: 'GET',
      url: () => `${TAGS_URL}/not-a-uuid`,
      status: 404,
      code: 'TAG_NOT_FOUND',
    },
  ],
  [
    {
      name: 'GET /tags/{id}',
      method: 'GET',
      path: (id) => `${TAGS_URL}/${id}`,
      id: (fx) => fx.b.tag,
      status: 404,
      code: 'TAG_NOT_FOUND',
    },
    {
      name: 'PUT /tags/{id}',
      method: 'PUT',
      path: (id) => `${TAGS_URL}/${id}`,
      id: (fx) => fx.b.tag,
      json: () => ({ description: 'stolen' }),
      status: 404,
      code: 'TAG_NOT_FOUND',
    },
    {
      name: 'DELETE /tags/{id}',
      method: 'DELETE',
      path: (id) => `${TAGS_URL}/${id}`,
      id: (fx) => fx.b.spareTag,
      status: 404,
      code: 'TAG_NOT_FOUND',
    },
  ],
);

const linksUrl = (): string => LINKS_URL;

family(
  'links',
  [
    textCase(
      'POST link_type with NUL',
      'POST',
      linksUrl,
      (fx) => `{"source_block_id":"${fx.a.heading}","target_id":"${fx.a.task}","link_type":"mention${NUL}"}`,
      'link_type',
    ),
    textCase(
      'POST source_block_id with a surrogate',
      'POST',
      linksUrl,
      (fx) => `{"source_block_id":"${HIGH}","target_id":"${fx.a.task}"}`,
      'source_block_id',
    ),
    textCase(
      'POST target_id with NUL',
      'POST',
      linksUrl,
      (fx) => `{"source_block_id":"${fx.a.heading}","target_id":"${fx.a.task}${NUL}"}`,
      'target_id',
    ),
    invalid(
      'POST link_type unknown',
      'POST',
      linksUrl,
      (fx) => ({ source_block_id: fx.a.heading, target_id: fx.a.task, link_type: 'friend' }),
      'link_type',
    ),
    invalid(
      'POST link_type that is a number',
      'POST',
      linksUrl,
      (fx) => ({ source_block_id: fx.a.heading, target_id: fx.a.task, link_type: 1 }),
      'link_type',
    ),
    invalid(
      'POST source_block_id not a UUID',
      'POST',
      linksUrl,
      (fx) => ({ source_block_id: 'x', target_id: fx.a.task }),
      'source_block_id',
    ),
    invalid(
      'POST target_id that is a number',
      'POST',
      linksUrl,
      (fx) => ({ source_block_id: fx.a.heading, target_id: 7 }),
      'target_id',
    ),
    invalid('POST target_id missing', 'POST', linksUrl, (fx) => ({ source_block_id: fx.a.heading }), 'target_id'),
    invalid(
      'POST is_page_link "yes"',
      'POST',
      linksUrl,
      (fx) => ({ source_block_id: fx.a.heading, target_id: fx.a.task, is_page_link: 'yes' }),
      'is_page_link',
    ),
    {
      name: 'POST a self-link → 400 CIRCULAR_REFERENCE',
      method: 'POST',
      url: linksUrl,
      json: (fx) => ({ source_block_id: fx.a.task, target_id: fx.a.task }),
      status: 400,
      code: 'CIRCULAR_REFERENCE',
    },
    {
      name: 'POST a link closing a cycle → 400 CIRCULAR_REFERENCE',
      method: 'POST',
      url: linksUrl,
      json: (fx) => ({ source_block_id: fx.a.heading, target_id: fx.a.text }),
      status: 400,
      code: 'CIRCULAR_REFERENCE',
    },
    {
      name: 'POST the same link twice → 409 DUPLICATE_LINK',
      method: 'POST',
      url: linksUrl,
      json: (fx) => ({ source_block_id: fx.a.text, target_id: fx.a.heading }),
      status: 409,
      code: 'DUPLICATE_LINK',
    },
    invalid(
      'GET ?source_block_id=nope',
      'GET',
      () => `${LINKS_URL}?source_block_id=nope`,
      () => undefined,
      'source_block_id',
    ),
    invalid(
      'GET ?limit=1000',
      'GET',
      () => `${LINKS_URL}?limit=1000`,
      () => undefined,
      'limit',
    ),
    {
      name: 'GET ?target_id with NUL → 400 INVALID_TEXT on target_id',
      method: 'GET',
      url: () => `${LINKS_URL}?target_id=%00`,
      status: 400,
      code: 'INVALID_TEXT',
      field: 'target_id',
    },
    {
      name: 'GET /links/not-a-uuid → 404 LINK_NOT_FOUND',
      method: 'GET',
      url: () => `${LINKS_URL}/not-a-uuid`,
      status: 404,
      code: 'LINK_NOT_FOUND',
    },
  ],
  [
    {
      name: 'GET /links/{id}',
      method: 'GET',
      path: (id) => `${LINKS_URL}/${id}`,
      id: (fx) => fx.b.linkId,
      status: 404,
      code: 'LINK_NOT_FOUND',
    },
    {
      name: 'DELETE /links/{id}',
      method: 'DELETE',
      path: (id) => `${LINKS_URL}/${id}`,
      id: (fx) => fx.b.linkId,
      status: 404,
      code: 'LINK_NOT_FOUND',
    },
    {
      name: 'POST /links from their block',
      method: 'POST',
      path: () => LINKS_URL,
      id: (fx) => fx.b.text,
      json: (fx, id) => ({ source_block_id: id, target_id: fx.a.task }),
      status: 404,
      code: 'BLOCK_NOT_FOUND',
    },
    {
      name: 'POST /links to their block',
      method: 'POST',
      path: () => LINKS_URL,
      id: (fx) => fx.b.task,
      json: (fx, id) => ({ source_block_id: fx.a.list, target_id: id }),
      status: 404,
      code: 'LINK_TARGET_NOT_FOUND',
    },
    {
      name: 'POST /links to their page',
      method: 'POST',
      path: () => LINKS_URL,
      id: (fx) => fx.b.page,
      json: (fx, id) => ({ source_block_id: fx.a.list, target_id: id, is_page_link: true }),
      status: 404,
      code: 'LINK_TARGET_NOT_FOUND',
    },
  ],
);

const reg = (): string => `${AUTH}/register`;
const loginUrl = (): string => `${AUTH}/login`;
const FORM = 'application/x-www-form-urlencoded';

family('identity', [
  textCase(
    'register email with NUL',
    'POST',
    reg,
    () => `{"email":"x${NUL}@example.com","password":"${STRONG_PASSWORD}"}`,
    'email',
    'none',
  ),
  textCase(
    'register email with a surrogate',
    'POST',
    reg,
    () => `{"email":"${HIGH}@example.com","password":"${STRONG_PASSWORD}"}`,
    'email',
    'none',
  ),
  textCase(
    'register password with NUL',
    'POST',
    reg,
    () => `{"email":"${uniqueEmail()}","password":"${STRONG_PASSWORD}${NUL}"}`,
    'password',
    'none',
  ),
  textCase(
    'register password with a lone surrogate',
    'POST',
    reg,
    () => `{"email":"${uniqueEmail()}","password":"${STRONG_PASSWORD}${LOW}"}`,
    'password',
    'none',
  ),
  textCase(
    'register full_name with NUL',
    'POST',
    reg,
    () => `{"email":"${uniqueEmail()}","password":"${STRONG_PASSWORD}","full_name":"Ada${NUL}"}`,
    'full_name',
    'none',
  ),
  textCase(
    'register organization_name with a surrogate',
    'POST',
    reg,
    () => `{"email":"${uniqueEmail()}","password":"${STRONG_PASSWORD}","organization_name":"${HIGH}"}`,
    'organization_name',
    'none',
  ),
  invalid(
    'register email not an email',
    'POST',
    reg,
    () => ({ email: 'nope', password: STRONG_PASSWORD }),
    'email',
    'none',
  ),
  invalid(
    'register email that is a number',
    'POST',
    reg,
    () => ({ email: 5, password: STRONG_PASSWORD }),
    'email',
    'none',
  ),
  invalid(
    'register password that is an array',
    'POST',
    reg,
    () => ({ email: uniqueEmail(), password: [STRONG_PASSWORD] }),
    'password',
    'none',
  ),
  invalid(
    'register password of 129 characters',
    'POST',
    reg,
    () => ({ email: uniqueEmail(), password: `Aa1!${long(125)}` }),
    'password',
    'none',
  ),
  invalid(
    'register full_name of 201 characters',
    'POST',
    reg,
    () => ({ email: uniqueEmail(), password: STRONG_PASSWORD, full_name: long(201) }),
    'full_name',
    'none',
  ),
  invalid(
    'register organization_name empty',
    'POST',
    reg,
    () => ({ email: uniqueEmail(), password: STRONG_PASSWORD, organization_name: '' }),
    'organization_name',
    'none',
  ),
  {
    name: 'register a weak password → 400 WEAK_PASSWORD',
    method: 'POST',
    url: reg,
    json: () => ({ email: uniqueEmail(), password: 'password' }),
    as: 'none',
    status: 400,
    code: 'WEAK_PASSWORD',
  },
  {
    name: 'register the taken email upper-cased → 409 EMAIL_TAKEN',
    method: 'POST',
    url: reg,
    json: (fx) => ({ email: fx.a.email.toUpperCase(), password: STRONG_PASSWORD }),
    as: 'none',
    status: 409,
    code: 'EMAIL_TAKEN',
  },
  {
    name: 'register the NFD spelling of a taken NFC email → 409 EMAIL_TAKEN',
    method: 'POST',
    url: reg,
    json: () => ({ email: `${CAFE_NFD}@nfc.example.com`, password: STRONG_PASSWORD }),
    as: 'none',
    status: 409,
    code: 'EMAIL_TAKEN',
  },
  textCase(
    'login JSON email with NUL',
    'POST',
    loginUrl,
    (fx) => `{"email":"${fx.a.email}${NUL}","password":"${STRONG_PASSWORD}"}`,
    'email',
    'none',
  ),
  textCase(
    'login JSON email with a surrogate',
    'POST',
    loginUrl,
    (fx) => `{"email":"${HIGH}${fx.a.email}","password":"x"}`,
    'email',
    'none',
  ),
  textCase(
    'login JSON password with NUL',
    'POST',
    loginUrl,
    (fx) => `{"email":"${fx.a.email}","password":"${STRONG_PASSWORD}${NUL}"}`,
    'password',
    'none',
  ),
  textCase(
    'login JSON password with a lone surrogate',
    'POST',
    loginUrl,
    (fx) => `{"email":"${fx.a.email}","password":"${LOW}"}`,
    'password',
    'none',
  ),
  {
    name: 'login form username with NUL → 400 INVALID_TEXT on username',
    method: 'POST',
    url: loginUrl,
    raw: (fx) => `username=${encodeURIComponent(fx.a.email)}%00&password=${encodeURIComponent(STRONG_PASSWORD)}`,
    contentType: FORM,
    as: 'none',
    status: 400,
    code: 'INVALID_TEXT',
    field: 'username',
  },
  {
    name: 'login form password with NUL → 400 INVALID_TEXT on password',
    method: 'POST',
    url: loginUrl,
    raw: (fx) => `username=${encodeURIComponent(fx.a.email)}&password=${encodeURIComponent(STRONG_PASSWORD)}%00`,
    contentType: FORM,
    as: 'none',
    status: 400,
    code: 'INVALID_TEXT',
    field: 'password',
  },
  {
    name: 'login form (upper-case media type) password with NUL → 400 INVALID_TEXT on password',
    method: 'POST',
    url: loginUrl,
    raw: (fx) => `username=${encodeURIComponent(fx.a.email)}&password=%00`,
    contentType: 'APPLICATION/X-WWW-FORM-URLENCODED',
    as: 'none',
    status: 400,
    code: 'INVALID_TEXT',
    field: 'password',
  },
  {
    name: 'login form password with an encoded lone surrogate (WTF-8 %ED%A0%80) → 400 INVALID_TEXT on password',
    method: 'POST',
    url: loginUrl,
    // An unknown account, so that this case alone cannot change org A's rows.
    raw: () => `username=${encodeURIComponent(uniqueEmail('nobody'))}&password=%ED%A0%80`,
    contentType: FORM,
    as: 'none',
    status: 400,
    code: 'INVALID_TEXT',
    field: 'password',
  },
  invalid(
    'login JSON password that is a number',
    'POST',
    loginUrl,
    (fx) => ({ email: fx.a.email, password: 12345678 }),
    'password',
    'none',
  ),
  invalid('login JSON without password', 'POST', loginUrl, (fx) => ({ email: fx.a.email }), 'password', 'none'),
  invalid(
    'login JSON grant_type bogus',
    'POST',
    loginUrl,
    (fx) => ({ email: fx.a.email, password: 'x', grant_type: 'implicit' }),
    'grant_type',
    'none',
  ),
  textCase(
    'forgot-password email with NUL',
    'POST',
    () => `${AUTH}/forgot-password`,
    (fx) => `{"email":"${fx.a.email}${NUL}"}`,
    'email',
    'none',
  ),
  textCase(
    'forgot-password email with a surrogate',
    'POST',
    () => `${AUTH}/forgot-password`,
    (fx) => `{"email":"${fx.a.email}${HIGH}"}`,
    'email',
    'none',
  ),
  invalid(
    'forgot-password email that is an object',
    'POST',
    () => `${AUTH}/forgot-password`,
    () => ({ email: { $ne: '' } }),
    'email',
    'none',
  ),
  invalid(
    'forgot-password email of 400 characters',
    'POST',
    () => `${AUTH}/forgot-password`,
    () => ({ email: `${long(390)}@e.com` }),
    'email',
    'none',
  ),
  textCase(
    'reset-password token with NUL',
    'POST',
    () => `${AUTH}/reset-password`,
    () => `{"token":"pr_${NUL}","new_password":"${STRONG_PASSWORD}"}`,
    'token',
    'none',
  ),
  textCase(
    'reset-password new_password with a surrogate',
    'POST',
    () => `${AUTH}/reset-password`,
    () => `{"token":"pr_abc","new_password":"${HIGH}"}`,
    'new_password',
    'none',
  ),
  {
    name: 'reset-password with an unknown token → 400 INVALID_ONE_TIME_TOKEN',
    method: 'POST',
    url: () => `${AUTH}/reset-password`,
    json: () => ({ token: 'pr_nothing-like-a-real-token', new_password: 'An0ther-Horse-Battery!' }),
    as: 'none',
    status: 400,
    code: 'INVALID_ONE_TIME_TOKEN',
  },
  invalid(
    'reset-password revoke_api_keys "yes"',
    'POST',
    () => `${AUTH}/reset-password`,
    () => ({ token: 'pr_x', new_password: STRONG_PASSWORD, revoke_api_keys: 'yes' }),
    'revoke_api_keys',
    'none',
  ),
  invalid(
    'reset-password token of 600 characters',
    'POST',
    () => `${AUTH}/reset-password`,
    () => ({ token: long(600), new_password: STRONG_PASSWORD }),
    'token',
    'none',
  ),
  textCase(
    'verify-email token with NUL',
    'POST',
    () => `${AUTH}/verify-email`,
    () => `{"token":"ev_${NUL}"}`,
    'token',
    'none',
  ),
  textCase(
    'verify-email token with a surrogate',
    'POST',
    () => `${AUTH}/verify-email`,
    () => `{"token":"${LOW}"}`,
    'token',
    'none',
  ),
  invalid(
    'verify-email token that is a number',
    'POST',
    () => `${AUTH}/verify-email`,
    () => ({ token: 1 }),
    'token',
    'none',
  ),
  {
    name: 'verify-email with an unknown token → 400 INVALID_ONE_TIME_TOKEN',
    method: 'POST',
    url: () => `${AUTH}/verify-email`,
    json: () => ({ token: 'ev_unknown' }),
    as: 'none',
    status: 400,
    code: 'INVALID_ONE_TIME_TOKEN',
  },
  textCase(
    'refresh refresh_token with NUL',
    'POST',
    () => `${AUTH}/refresh`,
    (fx) => `{"refresh_token":"${fx.a.session.refresh_token}${NUL}"}`,
    'refresh_token',
    'none',
  ),
  textCase(
    'refresh refresh_token with a surrogate',
    'POST',
    () => `${AUTH}/refresh`,
    () => `{"refresh_token":"${HIGH}"}`,
    'refresh_token',
    'none',
  ),
  invalid(
    'refresh refresh_token that is an array',
    'POST',
    () => `${AUTH}/refresh`,
    (fx) => ({ refresh_token: [fx.a.session.refresh_token] }),
    'refresh_token',
    'none',
  ),
  {
    name: 'refresh with an unknown refresh token → 401 INVALID_REFRESH_TOKEN',
    method: 'POST',
    url: () => `${AUTH}/refresh`,
    json: () => ({ refresh_token: 'rt_unknown' }),
    as: 'none',
    status: 401,
    code: 'INVALID_REFRESH_TOKEN',
  },
  textCase(
    'change-password old_password with NUL',
    'POST',
    () => `${AUTH}/change-password`,
    () => `{"old_password":"${STRONG_PASSWORD}${NUL}","new_password":"An0ther-Horse-Battery!"}`,
    'old_password',
  ),
  textCase(
    'change-password new_password with a surrogate',
    'POST',
    () => `${AUTH}/change-password`,
    () => `{"old_password":"${STRONG_PASSWORD}","new_password":"An0ther-Horse${HIGH}"}`,
    'new_password',
  ),
  invalid(
    'change-password new_password that is a number',
    'POST',
    () => `${AUTH}/change-password`,
    () => ({ old_password: STRONG_PASSWORD, new_password: 12345678 }),
    'new_password',
  ),
  {
    name: 'change-password to a weak password → 400 WEAK_PASSWORD',
    method: 'POST',
    url: () => `${AUTH}/change-password`,
    json: () => ({ old_password: STRONG_PASSWORD, new_password: 'short' }),
    status: 400,
    code: 'WEAK_PASSWORD',
  },
  invalid(
    'logout ?scope=everything',
    'POST',
    () => `${AUTH}/logout?scope=everything`,
    () => undefined,
    'scope',
  ),
  {
    name: 'logout ?scope with NUL → 400 INVALID_TEXT on scope',
    method: 'POST',
    url: () => `${AUTH}/logout?scope=global%00`,
    status: 400,
    code: 'INVALID_TEXT',
    field: 'scope',
  },
  {
    name: 'GET /me with a NUL in a query value → 400 INVALID_TEXT',
    method: 'GET',
    url: () => `${AUTH}/me?x=%00`,
    status: 400,
    code: 'INVALID_TEXT',
    field: 'x',
  },
  {
    name: 'register with Text/Plain → 415 UNSUPPORTED_MEDIA_TYPE',
    method: 'POST',
    url: reg,
    raw: () => 'email=x',
    contentType: 'Text/Plain',
    as: 'none',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'register form-encoded → 415 UNSUPPORTED_MEDIA_TYPE',
    method: 'POST',
    url: reg,
    raw: () => `email=${uniqueEmail()}&password=${STRONG_PASSWORD}`,
    contentType: 'Application/X-Www-Form-Urlencoded',
    as: 'none',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
]);

const keysUrl = (): string => `${AUTH}/api-keys`;

family(
  'api keys',
  [
    textCase('name with NUL', 'POST', keysUrl, () => `{"name":"k${NUL}","scopes":["read"]}`, 'name'),
    textCase('name with a lone surrogate', 'POST', keysUrl, () => `{"name":"${HIGH}","scopes":["read"]}`, 'name'),
    textCase('scopes[0] with NUL', 'POST', keysUrl, () => `{"name":"k","scopes":["read${NUL}"]}`, 'scopes[0]'),
    invalid('name empty', 'POST', keysUrl, () => ({ name: '', scopes: ['read'] }), 'name'),
    invalid('name of 101 characters', 'POST', keysUrl, () => ({ name: long(101), scopes: ['read'] }), 'name'),
    invalid('name that is a number', 'POST', keysUrl, () => ({ name: 1, scopes: ['read'] }), 'name'),
    invalid('scopes that is a string', 'POST', keysUrl, () => ({ name: 'k', scopes: 'read' }), 'scopes'),
    invalid('scopes with a number', 'POST', keysUrl, () => ({ name: 'k', scopes: [1] }), 'scopes'),
    invalid('scopes with admin', 'POST', keysUrl, () => ({ name: 'k', scopes: ['admin'] }), 'scopes'),
    invalid('scopes empty', 'POST', keysUrl, () => ({ name: 'k', scopes: [] }), 'scopes'),
    invalid('scopes that is an object', 'POST', keysUrl, () => ({ name: 'k', scopes: { read: true } }), 'scopes'),
    invalid(
      'expires_in_days huge',
      'POST',
      keysUrl,
      () => ({ name: 'k', scopes: ['read'], expires_in_days: 99_999_999 }),
      'expires_in_days',
    ),
    invalid(
      'expires_in_days 1e308',
      'POST',
      keysUrl,
      () => ({ name: 'k', scopes: ['read'], expires_in_days: 1e308 }),
      'expires_in_days',
    ),
    invalid(
      'expires_in_days negative',
      'POST',
      keysUrl,
      () => ({ name: 'k', scopes: ['read'], expires_in_days: -1 }),
      'expires_in_days',
    ),
    invalid(
      'expires_in_days "30"',
      'POST',
      keysUrl,
      () => ({ name: 'k', scopes: ['read'], expires_in_days: '30' }),
      'expires_in_days',
    ),
    invalid(
      'expires_in_days 1.5',
      'POST',
      keysUrl,
      () => ({ name: 'k', scopes: ['read'], expires_in_days: 1.5 }),
      'expires_in_days',
    ),
    invalid(
      'expires_in_days null',
      'POST',
      keysUrl,
      () => ({ name: 'k', scopes: ['read'], expires_in_days: null }),
      'expires_in_days',
    ),
    {
      name: 'DELETE /api-keys/not-a-uuid → 404 API_KEY_NOT_FOUND',
      method: 'DELETE',
      url: () => `${AUTH}/api-keys/not-a-uuid`,
      status: 404,
      code: 'API_KEY_NOT_FOUND',
    },
  ],
  [
    {
      name: 'DELETE /api-keys/{id}',
      method: 'DELETE',
      path: (id) => `${AUTH}/api-keys/${id}`,
      id: (fx) => fx.b.apiKey,
      status: 404,
      code: 'API_KEY_NOT_FOUND',
    },
  ],
);

const adminRequired = (name: string, method: Method, url: string): Case => ({
  name: `${name} as a USER → 403 ADMIN_REQUIRED`,
  method,
  url: () => url,
  status: 403,
  code: 'ADMIN_REQUIRED',
});

family('admin', [
  adminRequired('GET /users', 'GET', `${AUTH}/users`),
  adminRequired('DELETE /users/{id}', 'DELETE', `${AUTH}/users/${randomUUID()}`),
  adminRequired('GET /stats', 'GET', `${AUTH}/stats`),
  adminRequired('POST /cleanup', 'POST', `${AUTH}/cleanup`),
  {
    name: 'DELETE /users/{id} of a user as a USER → 403 ADMIN_REQUIRED',
    method: 'DELETE',
    url: (fx) => `${AUTH}/users/${fx.b.session.user.id}`,
    status: 403,
    code: 'ADMIN_REQUIRED',
  },
  invalid(
    'GET /users?limit=0',
    'GET',
    () => `${AUTH}/users?limit=0`,
    () => undefined,
    'limit',
    'admin',
  ),
  invalid(
    'GET /users?limit=101',
    'GET',
    () => `${AUTH}/users?limit=101`,
    () => undefined,
    'limit',
    'admin',
  ),
  invalid(
    'GET /users?offset=-5',
    'GET',
    () => `${AUTH}/users?offset=-5`,
    () => undefined,
    'offset',
    'admin',
  ),
  invalid(
    'GET /users?offset=abc',
    'GET',
    () => `${AUTH}/users?offset=abc`,
    () => undefined,
    'offset',
    'admin',
  ),
  {
    name: 'GET /users?limit with NUL → 400 INVALID_TEXT on limit',
    method: 'GET',
    url: () => `${AUTH}/users?limit=1%00`,
    as: 'admin',
    status: 400,
    code: 'INVALID_TEXT',
    field: 'limit',
  },
  {
    name: 'DELETE /users/not-a-uuid → 404 USER_NOT_FOUND',
    method: 'DELETE',
    url: () => `${AUTH}/users/not-a-uuid`,
    as: 'admin',
    status: 404,
    code: 'USER_NOT_FOUND',
  },
  {
    name: 'DELETE /users/{random uuid} → 404 USER_NOT_FOUND',
    method: 'DELETE',
    url: () => `${AUTH}/users/${randomUUID()}`,
    as: 'admin',
    status: 404,
    code: 'USER_NOT_FOUND',
  },
]);

describe('one refused request, one row', () => {
  it('change-password refused as WEAK_PASSWORD leaves the account row (lockout bookkeeping too) as it was', async () => {
    const before = (await rowsOf(f.a)).users;
    expectCase(
      await send({
        method: 'POST',
        url: () => `${AUTH}/change-password`,
        json: () => ({ old_password: STRONG_PASSWORD, new_password: 'short' }),
      }),
      { status: 400, code: 'WEAK_PASSWORD' },
    );
    expect((await rowsOf(f.a)).users).toEqual(before);
  });
});

describe('normalisation that accepts', () => {
  it('a password typed in NFD signs in like its NFC spelling', async () => {
    const email = uniqueEmail('nfc');
    const password = `Caf\u00e9-Horse-Battery-9`;
    await registerAndLogin(t.app, { email, password });
    const res = await t.app.inject({
      method: 'POST',
      url: `${AUTH}/login`,
      payload: { email, password: password.normalize('NFD') },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('the whole matrix', () => {
  it('ran at least 60 cases and none answered 5xx', () => {
    expect(caseCount).toBeGreaterThanOrEqual(60);
    expect(fiveHundreds).toEqual([]);
  });
});
