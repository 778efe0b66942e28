import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockJson, BLOCKS, createBlock } from '../factories/blocks';
import { createPage } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, TestApp } from '../support/app';
import { send } from '../support/http';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

describe('blocks API', () => {
  let t: TestApp;
  let token: string;
  let otherToken: string;
  let pageId: string;
  const org = `org-blocks-${Date.now()}`;

  const call = (method: Method, url: string, payload?: unknown, as = token, headers: Record<string, string> = {}) =>
    send(t.app, method, url, { token: as, payload, headers });
  const listBlocks = async (page: string, query = '', as = token): Promise<{ blocks: BlockJson[]; total: number }> => {
    const res = await call('GET', `${BLOCKS}?page_id=${page}${query}`, undefined, as);
    expect(res.status).toBe(200);
    return res.body;
  };
  const texts = async (page: string, query = ''): Promise<string[]> =>
    (await listBlocks(page, query)).blocks.map((b) => b.content.text as string);
  const freshPage = async (as = token) => (await createPage(t.app, as, { title: 'doc' })).page_id;

  beforeAll(async () => {
    t = await bootApp();
    token = await signToken({ org, user: 'alice' });
    otherToken = await signToken({ org: `${org}-other`, user: 'mallory' });
    pageId = await freshPage();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('content per type', () => {
    const valid: Array<[string, Record<string, unknown>]> = [
      ['text', { text: 'plain' }],
      ['heading', { text: 'Title', level: 2 }],
      ['list', { items: ['a', 'b'], listType: 'numbered' }],
      ['task', { text: 'do it', checked: true }],
      ['link', { url: 'https://example.com/x', text: 'example' }],
    ];
    for (const [type, content] of valid) {
      it(`accepts a ${type} block`, async () => {
        const res = await call('POST', `${BLOCKS}?page_id=${pageId}`, { block_type: type, content });
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({
          block_type: type,
          content,
          page_id: pageId,
          organization_id: org,
          user_id: 'alice',
        });
        expect(res.headers.etag).toBe('"1"');
      });
    }

    it('accepts a page_link to a page of the same organization only', async () => {
      const target = await createPage(t.app, token, { title: 'target' });
      const ok = await call('POST', `${BLOCKS}?page_id=${pageId}`, {
        block_type: 'page_link',
        content: { linkedPageId: target.page_id, displayText: 'see' },
      });
      expect(ok.status).toBe(201);
      const foreign = await createPage(t.app, otherToken, { title: 'theirs' });
      const refused = await call('POST', `${BLOCKS}?page_id=${pageId}`, {
        block_type: 'page_link',
        content: { linkedPageId: foreign.page_id },
      });
      expect([refused.status, refused.body.error_code]).toEqual([404, 'LINKED_PAGE_NOT_FOUND']);
    });

    const invalid: Array<[string, unknown, string]> = [
      ['nope', { text: 'x' }, 'block_type'],
      ['text', { text: 5 }, 'content.text'],
      ['text', { text: 'x'.repeat(2001) }, 'content.text'],
      ['text', { text: 'x', extra: 1 }, 'content.extra'],
      ['text', {}, 'content.text'],
      ['text', 'just a string', 'content'],
      ['heading', { text: 'x', level: 4 }, 'content.level'],
      ['list', { items: 'a', listType: 'bullet' }, 'content.items'],
      ['list', { items: ['a', 3], listType: 'bullet' }, 'content.items[1]'],
      ['list', { items: ['a'], listType: 'dots' }, 'content.listType'],
      ['task', { text: 'x', checked: 'yes' }, 'content.checked'],
      ['link', { url: 'javascript:alert(1)' }, 'content.url'],
      ['link', { url: 'ftp://example.com' }, 'content.url'],
      ['page_link', { linkedPageId: 'not-a-uuid' }, 'content.linkedPageId'],
    ];
    for (const [type, content, field] of invalid) {
      it(`refuses ${type} ${JSON.stringify(content).slice(0, 40)} naming ${field}`, async () => {
        const before = (await listBlocks(pageId)).total;
        const res = await call('POST', `${BLOCKS}?page_id=${pageId}`, { block_type: type, content });
        expect(res.status).toBe(400);
        expect(res.body.error_code).toBe('VALIDATION_FAILED');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
        expect((await listBlocks(pageId)).total).toBe(before);
      });
    }

    it('caps properties at 64 KiB and ignores a client-sent properties.tags', async () => {
      const big = await call('POST', `${BLOCKS}?page_id=${pageId}`, {
        block_type: 'text',
        content: { text: 'x' },
        properties: { blob: 'x'.repeat(70 * 1024) },
      });
      expect([big.status, big.body.errors?.[0]?.field]).toEqual([400, 'properties']);
      const tagged = await call('POST', `${BLOCKS}?page_id=${pageId}`, {
        block_type: 'text',
        content: { text: 'x' },
        properties: { color: 'red', tags: ['forged'] },
      });
      expect(tagged.body.properties).toEqual({ color: 'red', tags: [] });
    });
  });

  describe('ordering', () => {
    it('inserts at a position among siblings and lists in document order', async () => {
      const page = await freshPage();
      const a = await createBlock(t.app, token, page, { content: { text: 'a' } });
      const c = await createBlock(t.app, token, page, { content: { text: 'c' } });
      const b = await createBlock(t.app, token, page, { content: { text: 'b' }, position: 1 });
      expect([a.position, c.position, b.position]).toEqual([0, 1, 1]);
      const a1 = await createBlock(t.app, token, page, { content: { text: 'a.1' }, parent_block_id: a.block_id });
      await createBlock(t.app, token, page, { content: { text: 'a.1.x' }, parent_block_id: a1.block_id });
      await createBlock(t.app, token, page, { content: { text: 'a.0' }, parent_block_id: a.block_id, position: 0 });
      await createBlock(t.app, token, page, { content: { text: 'c.1' }, parent_block_id: c.block_id });
      await createBlock(t.app, token, page, { content: { text: 'first' }, position: 0 });

      expect(await texts(page)).toEqual(['first', 'a', 'a.0', 'a.1', 'a.1.x', 'b', 'c', 'c.1']);
      const listed = await listBlocks(page);
      expect(listed.blocks.map((x) => x.position)).toEqual([0, 1, 0, 1, 0, 2, 3, 0]);
      expect(await texts(page, `&parent_block_id=${a.block_id}`)).toEqual(['a.0', 'a.1']);
      expect(await texts(page, '&parent_block_id=null')).toEqual(['first', 'a', 'b', 'c']);
      const paged = await call('GET', `${BLOCKS}?page_id=${page}&limit=3&offset=2`);
      expect(paged.body).toMatchObject({ total: 8, limit: 3, offset: 2 });
      expect(paged.body.blocks.map((x: BlockJson) => x.content.text)).toEqual(['a.0', 'a.1', 'a.1.x']);
    });

    it('filters by block_type', async () => {
      const page = await freshPage();
      await createBlock(t.app, token, page, { block_type: 'heading', content: { text: 'H', level: 1 } });
      await createBlock(t.app, token, page, { content: { text: 'p' } });
      const headings = await listBlocks(page, '&block_type=heading');
      expect(headings.blocks.map((b) => b.block_type)).toEqual(['heading']);
      expect(headings.total).toBe(1);
    });

    it('refuses a parent block of another page', async () => {
      const page = await freshPage();
      const elsewhere = await createBlock(t.app, token, await freshPage());
      const res = await call('POST', `${BLOCKS}?page_id=${page}`, {
        block_type: 'text',
        content: { text: 'x' },
        parent_block_id: elsewhere.block_id,
      });
      expect([res.status, res.body.error_code]).toEqual([404, 'PARENT_BLOCK_NOT_FOUND']);
    });
  });

  describe('batch', () => {
    it('creates all blocks in order with dense positions', async () => {
      const page = await freshPage();
      await createBlock(t.app, token, page, { content: { text: 'existing' } });
      const blocks = Array.from({ length: 100 }, (_, i) => ({ block_type: 'text', content: { text: `b${i}` } }));
      const res = await call('POST', `${BLOCKS}/batch?page_id=${page}`, { blocks });
      expect(res.status).toBe(201);
      expect(res.body.total).toBe(100);
      expect(res.body.blocks.map((b: BlockJson) => b.position)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      const listed = await listBlocks(page, '&limit=500');
      expect(listed.total).toBe(101);
      expect(listed.blocks.map((b) => b.position)).toEqual(Array.from({ length: 101 }, (_, i) => i));
    });

    it('honours positions inside a batch', async () => {
      const page = await freshPage();
      const res = await call('POST', `${BLOCKS}/batch?page_id=${page}`, {
        blocks: [
          { block_type: 'text', content: { text: 'x' } },
          { block_type: 'text', content: { text: 'y' } },
          { block_type: 'text', content: { text: 'first' }, position: 0 },
          { block_type: 'text', content: { text: 'mid' }, position: 2 },
        ],
      });
      expect(res.status).toBe(201);
      expect(await texts(page)).toEqual(['first', 'x', 'mid', 'y']);
    });

    it('is all or nothing', async () => {
      const page = await freshPage();
      const res = await call('POST', `${BLOCKS}/batch?page_id=${page}`, {
        blocks: [
          { block_type: 'text', content: { text: 'fine' } },
          { block_type: 'heading', content: { text: 'bad', level: 9 } },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('blocks[1].content.level');
      expect((await listBlocks(page)).total).toBe(0);
      const linkFail = await call('POST', `${BLOCKS}/batch?page_id=${page}`, {
        blocks: [
          { block_type: 'text', content: { text: 'fine' } },
          { block_type: 'page_link', content: { linkedPageId: '00000000-0000-4000-8000-000000000000' } },
        ],
      });
      expect(linkFail.status).toBe(404);
      expect((await listBlocks(page)).total).toBe(0);
      for (const blocks of [[], Array.from({ length: 101 }, () => ({ block_type: 'text', content: { text: 'x' } }))]) {
        const sized = await call('POST', `${BLOCKS}/batch?page_id=${page}`, { blocks });
        expect(sized.status).toBe(400);
      }
      expect((await listBlocks(page)).total).toBe(0);
    });
  });

  describe('update, convert and If-Match', () => {
    it('updates content and properties partially, bumping version and updated_at', async () => {
      const block = await createBlock(t.app, token, pageId, { content: { text: 'v1' }, properties: { a: 1 } });
      await new Promise((r) => setTimeout(r, 5));
      const res = await call('PUT', `${BLOCKS}/${block.block_id}`, { content: { text: 'v2' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ content: { text: 'v2' }, properties: { a: 1, tags: [] }, version: 2 });
      expect(Date.parse(res.body.updated_at)).toBeGreaterThan(Date.parse(block.updated_at));
      expect(res.headers.etag).toBe('"2"');
      const empty = await call('PUT', `${BLOCKS}/${block.block_id}`, {});
      expect([empty.status, empty.body.error_code]).toEqual([400, 'EMPTY_UPDATE']);
      const wrong = await call('PUT', `${BLOCKS}/${block.block_id}`, { content: { text: 1 } });
      expect(wrong.status).toBe(400);
      expect((await call('GET', `${BLOCKS}/${block.block_id}`)).body.content).toEqual({ text: 'v2' });
    });

    it('refuses a stale If-Match with 409 and accepts the current one', async () => {
      const block = await createBlock(t.app, token, pageId);
      const first = await call('PUT', `${BLOCKS}/${block.block_id}`, { content: { text: 'one' } }, token, {
        'if-match': '"1"',
      });
      expect(first.status).toBe(200);
      const stale = await call('PUT', `${BLOCKS}/${block.block_id}`, { content: { text: 'two' } }, token, {
        'if-match': '"1"',
      });
      expect([stale.status, stale.body.error_code]).toEqual([409, 'STALE_VERSION']);
      const weak = await call('PUT', `${BLOCKS}/${block.block_id}`, { content: { text: 'two' } }, token, {
        'if-match': 'W/"2"',
      });
      expect(weak.status).toBe(200);
      expect((await call('GET', `${BLOCKS}/${block.block_id}`)).body.content.text).toBe('two');
    });

    it('reorders through PUT position', async () => {
      const page = await freshPage();
      const a = await createBlock(t.app, token, page, { content: { text: 'a' } });
      await createBlock(t.app, token, page, { content: { text: 'b' } });
      await createBlock(t.app, token, page, { content: { text: 'c' } });
      const res = await call('PUT', `${BLOCKS}/${a.block_id}`, { position: 2 });
      expect(res.body.position).toBe(2);
      expect(await texts(page)).toEqual(['b', 'c', 'a']);
    });

    const conversions: Array<[string, Record<string, unknown>, string, Record<string, unknown>]> = [
      ['text', { text: 'hi' }, 'heading', { text: 'hi', level: 1 }],
      ['text', { text: 'hi' }, 'task', { text: 'hi', checked: false }],
      ['heading', { text: 'T', level: 3 }, 'text', { text: 'T' }],
      ['task', { text: 'job', checked: true }, 'heading', { text: 'job', level: 1 }],
      ['list', { items: ['one', 'two'], listType: 'numbered' }, 'text', { text: 'one\ntwo' }],
      ['text', { text: 'l1\nl2\nl3' }, 'list', { items: ['l1', 'l2', 'l3'], listType: 'bullet' }],
      ['link', { url: 'https://ex.com/a', text: 'ex' }, 'text', { text: 'https://ex.com/a' }],
      ['text', { text: 'https://ex.com/b' }, 'link', { url: 'https://ex.com/b' }],
    ];
    for (const [from, content, to, expected] of conversions) {
      it(`converts ${from} to ${to} keeping the text`, async () => {
        const block = await createBlock(t.app, token, pageId, { block_type: from, content });
        const res = await call('POST', `${BLOCKS}/${block.block_id}/convert`, { new_type: to });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ block_type: to, content: expected });
      });
    }

    it('converts a page_link to text keeping its display text, via PUT too', async () => {
      const target = await createPage(t.app, token, { title: 'linked' });
      const block = await createBlock(t.app, token, pageId, {
        block_type: 'page_link',
        content: { linkedPageId: target.page_id, displayText: 'Go there' },
      });
      const res = await call('PUT', `${BLOCKS}/${block.block_id}/convert`, { new_type: 'text' });
      expect(res.body).toMatchObject({ block_type: 'text', content: { text: 'Go there' } });
    });

    it('refuses a conversion that would lose what the target needs', async () => {
      const block = await createBlock(t.app, token, pageId, { content: { text: 'not a url' } });
      const res = await call('POST', `${BLOCKS}/${block.block_id}/convert`, { new_type: 'link' });
      expect([res.status, res.body.error_code]).toEqual([400, 'INVALID_CONVERSION']);
      const unknown = await call('POST', `${BLOCKS}/${block.block_id}/convert`, { new_type: 'video' });
      expect(unknown.status).toBe(400);
      expect((await call('GET', `${BLOCKS}/${block.block_id}`)).body).toMatchObject({ block_type: 'text', version: 1 });
    });
  });

  describe('move', () => {
    it('moves among siblings and under another block, keeping positions dense', async () => {
      const page = await freshPage();
      const a = await createBlock(t.app, token, page, { content: { text: 'a' } });
      const b = await createBlock(t.app, token, page, { content: { text: 'b' } });
      const c = await createBlock(t.app, token, page, { content: { text: 'c' } });
      const first = await call('POST', `${BLOCKS}/${c.block_id}/move`, { new_position: 0 });
      expect(first.body.position).toBe(0);
      expect(await texts(page)).toEqual(['c', 'a', 'b']);
      const nested = await call('POST', `${BLOCKS}/${b.block_id}/move`, {
        new_position: 0,
        parent_block_id: a.block_id,
      });
      expect(nested.body).toMatchObject({ parent_block_id: a.block_id, position: 0 });
      expect(await texts(page)).toEqual(['c', 'a', 'b']);
      expect(await texts(page, '&parent_block_id=null')).toEqual(['c', 'a']);
      const out = await call('POST', `${BLOCKS}/${b.block_id}/move`, { new_position: 99, parent_block_id: null });
      expect(out.body).toMatchObject({ parent_block_id: null, position: 2 });
      expect((await listBlocks(page)).blocks.map((x) => x.position)).toEqual([0, 1, 2]);
    });

    it('refuses to move a block under itself or a descendant', async () => {
      const page = await freshPage();
      const a = await createBlock(t.app, token, page, { content: { text: 'a' } });
      const b = await createBlock(t.app, token, page, { content: { text: 'b' }, parent_block_id: a.block_id });
      const c = await createBlock(t.app, token, page, { content: { text: 'c' }, parent_block_id: b.block_id });
      for (const target of [a, b, c]) {
        const res = await call('POST', `${BLOCKS}/${a.block_id}/move`, {
          new_position: 0,
          parent_block_id: target.block_id,
        });
        expect([res.status, res.body.error_code]).toEqual([400, 'CIRCULAR_REFERENCE']);
      }
      const otherPage = await createBlock(t.app, token, await freshPage());
      const across = await call('POST', `${BLOCKS}/${a.block_id}/move`, {
        new_position: 0,
        parent_block_id: otherPage.block_id,
      });
      expect(across.status).toBe(404);
      const bad = await call('POST', `${BLOCKS}/${a.block_id}/move`, { new_position: -1 });
      expect(bad.status).toBe(400);
      const missing = await call('POST', `${BLOCKS}/${a.block_id}/move`, {});
      expect(missing.status).toBe(400);
    });
  });

  describe('delete', () => {
    it('deletes a block with its descendants, their links and tag assignments, leaving no orphan', async () => {
      const page = await freshPage();
      const parent = await createBlock(t.app, token, page, { content: { text: 'parent' } });
      const child = await createBlock(t.app, token, page, {
        content: { text: 'child' },
        parent_block_id: parent.block_id,
      });
      const grandchild = await createBlock(t.app, token, page, {
        content: { text: 'grandchild' },
        parent_block_id: child.block_id,
      });
      const keep = await createBlock(t.app, token, page, { content: { text: 'keep' } });
      const tag = await call('POST', '/api/v1/ocean/tags', { name: `t-${Date.now()}` });
      for (const b of [parent, child, grandchild, keep]) {
        expect((await call('POST', `${BLOCKS}/${b.block_id}/tags`, { tag_id: tag.body.tag_id })).status).toBe(200);
      }
      const links = [
        [keep.block_id, grandchild.block_id],
        [child.block_id, keep.block_id],
        [grandchild.block_id, page],
      ];
      for (const [source, target] of links) {
        expect((await call('POST', '/api/v1/ocean/links', { source_block_id: source, target_id: target })).status).toBe(
          201,
        );
      }
      const del = await call('DELETE', `${BLOCKS}/${parent.block_id}`);
      expect(del.status).toBe(204);
      expect(await texts(page)).toEqual(['keep']);
      expect((await listBlocks(page)).blocks[0].position).toBe(0);
      const ds = t.app.get(DataSource);
      const gone = [parent.block_id, child.block_id, grandchild.block_id];
      const [blocks] = await ds.query(`SELECT count(*)::int AS n FROM blocks WHERE block_id = ANY($1::uuid[])`, [gone]);
      const [linkRows] = await ds.query(
        `SELECT count(*)::int AS n FROM links WHERE source_block_id = ANY($1::uuid[]) OR target_block_id = ANY($1::uuid[])`,
        [gone],
      );
      const [tagRows] = await ds.query(`SELECT count(*)::int AS n FROM block_tags WHERE block_id = ANY($1::uuid[])`, [
        gone,
      ]);
      expect([blocks.n, linkRows.n, tagRows.n]).toEqual([0, 0, 0]);
      const tagAfter = await call('GET', `/api/v1/ocean/tags/${tag.body.tag_id}`);
      expect(tagAfter.body.usage_count).toBe(1);
      expect((await call('GET', `${BLOCKS}/${parent.block_id}`)).status).toBe(404);
    });
  });

  it('reports the embedding state and searchable text', async () => {
    const block = await createBlock(t.app, token, pageId, {
      block_type: 'list',
      content: { items: ['x', 'y'], listType: 'bullet' },
    });
    const res = await call('GET', `${BLOCKS}/${block.block_id}/embedding`);
    expect(res.body).toEqual({
      block_id: block.block_id,
      has_embedding: false,
      vector_id: null,
      vector_dimensions: null,
      model: null,
      searchable_text: 'x\ny',
      status: 'not_configured',
      attempts: 0,
      last_error: null,
      embedded_at: null,
    });
  });

  describe('tenant isolation', () => {
    it('another organization’s block or page is a 404 everywhere and stays unchanged', async () => {
      const theirPage = await freshPage(otherToken);
      const theirs = await createBlock(t.app, otherToken, theirPage, { content: { text: 'secret' } });
      const id = theirs.block_id;
      const attempts: Array<[Method, string, unknown?]> = [
        ['GET', `${BLOCKS}/${id}`],
        ['PUT', `${BLOCKS}/${id}`, { content: { text: 'pwned' } }],
        ['DELETE', `${BLOCKS}/${id}`],
        ['POST', `${BLOCKS}/${id}/move`, { new_position: 0 }],
        ['POST', `${BLOCKS}/${id}/convert`, { new_type: 'heading' }],
        ['PUT', `${BLOCKS}/${id}/convert`, { new_type: 'heading' }],
        ['GET', `${BLOCKS}/${id}/embedding`],
        ['GET', `${BLOCKS}/${id}/tags`],
        ['GET', `${BLOCKS}/${id}/backlinks`],
        ['POST', `${BLOCKS}/${id}/tags`, { tag_id: '00000000-0000-4000-8000-000000000000' }],
        ['DELETE', `${BLOCKS}/${id}/tags/00000000-0000-4000-8000-000000000000`],
      ];
      for (const [method, url, payload] of attempts) {
        const res = await call(method, url, payload);
        expect([method, url, res.status, res.body.error_code]).toEqual([method, url, 404, 'BLOCK_NOT_FOUND']);
      }
      for (const [method, url, payload] of [
        ['GET', `${BLOCKS}?page_id=${theirPage}`],
        ['POST', `${BLOCKS}?page_id=${theirPage}`, { block_type: 'text', content: { text: 'x' } }],
        ['POST', `${BLOCKS}/batch?page_id=${theirPage}`, { blocks: [{ block_type: 'text', content: { text: 'x' } }] }],
      ] as Array<[Method, string, unknown?]>) {
        const res = await call(method, url, payload);
        expect([url, res.status, res.body.error_code]).toEqual([url, 404, 'PAGE_NOT_FOUND']);
      }
      const mine = await createBlock(t.app, token, pageId);
      const under = await call('POST', `${BLOCKS}/${mine.block_id}/move`, { new_position: 0, parent_block_id: id });
      expect(under.status).toBe(404);
      const after = await call('GET', `${BLOCKS}/${id}`, undefined, otherToken);
      expect(after.body).toMatchObject({ content: { text: 'secret' }, version: 1, block_type: 'text' });
      expect((await listBlocks(theirPage, '', otherToken)).total).toBe(1);
    });
  });

  describe('bad input', () => {
    it('answers 404 for ids that are not UUIDs and 400 for malformed queries', async () => {
      for (const url of [`${BLOCKS}/nope`, `${BLOCKS}/nope/embedding`, `${BLOCKS}?page_id=nope`]) {
        expect((await call('GET', url)).status).toBe(404);
      }
      expect((await call('GET', BLOCKS)).status).toBe(400);
      for (const q of ['&limit=0', '&limit=501', '&offset=-1', '&block_type=video', '&parent_block_id=xyz']) {
        const res = await call('GET', `${BLOCKS}?page_id=${pageId}${q}`);
        expect([q, res.status]).toEqual([q, 400]);
      }
      const ok = await call('GET', `${BLOCKS}?page_id=${pageId}&limit=500`);
      expect(ok.status).toBe(200);
    });

    it('refuses broken bodies without creating anything', async () => {
      const page = await freshPage();
      const broken = await t.app.inject({
        method: 'POST',
        url: `${BLOCKS}?page_id=${page}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: '{"block_type": "text", "content": {',
      });
      expect(broken.statusCode).toBe(400);
      const proto = await t.app.inject({
        method: 'POST',
        url: `${BLOCKS}?page_id=${page}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: '{"block_type": "text", "content": {"text": "x", "__proto__": {"admin": true}}}',
      });
      expect([proto.statusCode, proto.json().error_code]).toEqual([400, 'FORBIDDEN_KEY']);
      expect((await listBlocks(page)).total).toBe(0);
    });
  });

  describe('concurrency', () => {
    it('50 parallel inserts and 50 parallel moves on one page keep dense, unique positions', async () => {
      const page = await freshPage();
      const created = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          call('POST', `${BLOCKS}?page_id=${page}`, {
            block_type: 'text',
            content: { text: `p${i}` },
            ...(i % 3 === 0 ? { position: 0 } : {}),
          }),
        ),
      );
      expect(created.map((r) => r.status)).toEqual(created.map(() => 201));
      const moved = await Promise.all(
        created.map((r, i) => call('POST', `${BLOCKS}/${r.body.block_id}/move`, { new_position: (i * 13) % 50 })),
      );
      expect(moved.map((r) => r.status)).toEqual(moved.map(() => 200));
      const listed = await listBlocks(page, '&limit=500');
      expect(listed.total).toBe(50);
      expect(listed.blocks.map((b) => b.position)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      expect(new Set(listed.blocks.map((b) => b.block_id)).size).toBe(50);
    });
  });
});
