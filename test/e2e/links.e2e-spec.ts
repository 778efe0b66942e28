import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addBlock,
  assignTag,
  BacklinkJson,
  BLOCKS_URL,
  ContentBlockJson,
  createLink,
  createTag,
  LINKS_URL,
  LinkJson,
} from '../factories/content';
import { createPage, PageJson, PAGES } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, TestApp } from '../support/app';
import { Reply, send } from '../support/http';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const MISSING = '00000000-0000-4000-8000-000000000000';

const errorOf = (res: Reply): [number, string] => [res.status, res.body?.error_code];

describe('links API', () => {
  let t: TestApp;
  let token: string;
  let source: PageJson;
  let target: PageJson;
  const org = `org-links-${Date.now()}`;

  const call = (method: Method, url: string, payload?: unknown, as = token): Promise<Reply> =>
    send(t.app, method, url, { token: as, payload });
  const db = (): DataSource => t.app.get(DataSource);
  const block = (text = 'text', pageId = source.page_id, as = token): Promise<ContentBlockJson> =>
    addBlock(t.app, as, pageId, { content: { text } });
  const link = (
    from: string,
    to: string,
    extra: { link_type?: string; is_page_link?: boolean } = {},
    as = token,
  ): Promise<LinkJson> => createLink(t.app, as, { source_block_id: from, target_id: to, ...extra });
  const tryLink = (from: string, to: string, extra: Record<string, unknown> = {}, as = token): Promise<Reply> =>
    call('POST', LINKS_URL, { source_block_id: from, target_id: to, ...extra }, as);
  const linkCount = async (orgId: string): Promise<number> => {
    const rows: Array<{ n: number }> = await db().query(
      'SELECT count(*)::int AS n FROM links WHERE organization_id = $1',
      [orgId],
    );
    return rows[0].n;
  };
  const backlinks = async (kind: 'pages' | 'blocks', id: string, as = token) => {
    const res = await call('GET', `${kind === 'pages' ? PAGES : BLOCKS_URL}/${id}/backlinks`, undefined, as);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(res.body.backlinks.length);
    return res.body as { backlinks: BacklinkJson[]; total: number };
  };
  /** A token with pages of an organization of its own, so that lists and counts start empty. */
  const freshOrg = async (suffix: string): Promise<{ as: string; orgId: string; page: PageJson }> => {
    const orgId = `${org}-${suffix}`;
    const as = await signToken({ org: orgId, user: `user-${suffix}` });
    return { as, orgId, page: await createPage(t.app, as, { title: suffix }) };
  };

  beforeAll(async () => {
    t = await bootApp();
    token = await signToken({ org, user: 'alice' });
    source = await createPage(t.app, token, { title: 'Source' });
    target = await createPage(t.app, token, { title: 'Target' });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('create and read', () => {
    it('links a block to a page with every field, and reads it back', async () => {
      const from = await block('to a page');
      const res = await call('POST', LINKS_URL, {
        source_block_id: from.block_id,
        target_id: target.page_id,
        organization_id: 'someone-else',
      });
      expect(res.status).toBe(201);
      const created = res.body as LinkJson;
      expect(Object.keys(created).sort()).toEqual([
        'created_at',
        'is_page_link',
        'link_id',
        'link_type',
        'organization_id',
        'source_block_id',
        'target_id',
      ]);
      expect(created).toMatchObject({
        source_block_id: from.block_id,
        target_id: target.page_id,
        link_type: 'reference',
        is_page_link: true,
        organization_id: org,
      });
      expect(created.link_id).toMatch(UUID_V7);
      expect(created.created_at).toMatch(ISO_UTC);
      const fetched = await call('GET', `${LINKS_URL}/${created.link_id}`);
      expect([fetched.status, fetched.body]).toEqual([200, created]);
      const upper = await call('GET', `${LINKS_URL}/${created.link_id.toUpperCase()}`);
      expect(upper.body).toEqual(created);

      const explicit = await link(from.block_id, target.page_id, { is_page_link: true, link_type: 'embed' });
      expect(explicit).toMatchObject({ is_page_link: true, link_type: 'embed', target_id: target.page_id });
    });

    it('links a block to another block, with each link type', async () => {
      const [a, b] = [await block('a'), await block('b', target.page_id)];
      const ref = await link(a.block_id, b.block_id.toUpperCase());
      expect(ref).toMatchObject({
        source_block_id: a.block_id,
        target_id: b.block_id,
        link_type: 'reference',
        is_page_link: false,
        organization_id: org,
      });
      const embed = await link(a.block_id, b.block_id, { link_type: 'embed', is_page_link: false });
      expect(embed).toMatchObject({ link_type: 'embed', is_page_link: false });
      const mention = await link(a.block_id, b.block_id, { link_type: 'mention' });
      expect(mention).toMatchObject({ link_type: 'mention', is_page_link: false });

      for (const linkType of ['foo', 'Reference', '', 3, null]) {
        const res = await tryLink(a.block_id, b.block_id, { link_type: linkType });
        expect(errorOf(res), String(linkType)).toEqual([400, 'VALIDATION_FAILED']);
        expect(res.body.errors[0].field).toBe('link_type');
      }
      const listed = await call('GET', `${LINKS_URL}?source_block_id=${a.block_id}`);
      expect(listed.body.links.map((l: LinkJson) => l.link_type)).toEqual(['reference', 'embed', 'mention']);
    });

    it('refuses the same (source, target, type) twice, but not the same pair with another type', async () => {
      const [a, b] = [await block('dup a'), await block('dup b')];
      await link(a.block_id, b.block_id);
      for (const extra of [{}, { link_type: 'reference' }, { is_page_link: false }]) {
        expect(errorOf(await tryLink(a.block_id, b.block_id, extra)), JSON.stringify(extra)).toEqual([
          409,
          'DUPLICATE_LINK',
        ]);
      }
      expect(errorOf(await tryLink(a.block_id.toUpperCase(), b.block_id.toUpperCase()))).toEqual([
        409,
        'DUPLICATE_LINK',
      ]);
      expect((await tryLink(a.block_id, b.block_id, { link_type: 'mention' })).status).toBe(201);
      expect(errorOf(await tryLink(a.block_id, b.block_id, { link_type: 'mention' }))).toEqual([409, 'DUPLICATE_LINK']);

      await link(a.block_id, target.page_id);
      expect(errorOf(await tryLink(a.block_id, target.page_id))).toEqual([409, 'DUPLICATE_LINK']);
      expect((await tryLink(a.block_id, target.page_id, { link_type: 'embed' })).status).toBe(201);
      const rows = await db().query('SELECT link_type FROM links WHERE source_block_id = $1 ORDER BY link_type', [
        a.block_id,
      ]);
      expect(rows.map((r: { link_type: string }) => r.link_type)).toEqual([
        'embed',
        'mention',
        'reference',
        'reference',
      ]);
    });

    it('answers 404 when the source or the target does not exist, or is of the wrong kind', async () => {
      const a = await block('ends');
      const b = await block('other end');
      const before = await linkCount(org);
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ source_block_id: MISSING, target_id: target.page_id }, 'BLOCK_NOT_FOUND'],
        [{ source_block_id: source.page_id, target_id: target.page_id }, 'BLOCK_NOT_FOUND'],
        [{ source_block_id: a.block_id, target_id: MISSING }, 'LINK_TARGET_NOT_FOUND'],
        [{ source_block_id: a.block_id, target_id: b.block_id, is_page_link: true }, 'LINK_TARGET_NOT_FOUND'],
        [{ source_block_id: a.block_id, target_id: target.page_id, is_page_link: false }, 'LINK_TARGET_NOT_FOUND'],
      ];
      for (const [body, code] of cases) {
        expect(errorOf(await call('POST', LINKS_URL, body)), JSON.stringify(body)).toEqual([404, code]);
      }
      expect(await linkCount(org)).toBe(before);
    });
  });

  describe('cycles', () => {
    it('refuses a self-link', async () => {
      const a = await block('self');
      for (const linkType of ['reference', 'embed', 'mention']) {
        expect(errorOf(await tryLink(a.block_id, a.block_id, { link_type: linkType }))).toEqual([
          400,
          'CIRCULAR_REFERENCE',
        ]);
      }
      expect(errorOf(await tryLink(a.block_id, a.block_id.toUpperCase()))).toEqual([400, 'CIRCULAR_REFERENCE']);
      const rows = await db().query('SELECT count(*)::int AS n FROM links WHERE source_block_id = $1', [a.block_id]);
      expect(rows).toEqual([{ n: 0 }]);
    });

    it('refuses a link that closes a cycle of any length, whatever the link types', async () => {
      const [a, b, c, d] = [await block('A'), await block('B'), await block('C', target.page_id), await block('D')];
      await link(a.block_id, b.block_id);
      await link(b.block_id, c.block_id, { link_type: 'mention' });
      expect(errorOf(await tryLink(b.block_id, a.block_id))).toEqual([400, 'CIRCULAR_REFERENCE']);
      expect(errorOf(await tryLink(c.block_id, a.block_id))).toEqual([400, 'CIRCULAR_REFERENCE']);
      expect(errorOf(await tryLink(c.block_id, a.block_id, { link_type: 'embed' }))).toEqual([
        400,
        'CIRCULAR_REFERENCE',
      ]);
      expect(errorOf(await tryLink(c.block_id, b.block_id))).toEqual([400, 'CIRCULAR_REFERENCE']);
      // Links to pages never form a cycle of block links.
      expect((await tryLink(c.block_id, source.page_id)).status).toBe(201);
      expect((await tryLink(c.block_id, target.page_id)).status).toBe(201);
      // A longer detour: A→B→C→D, then D→A closes a cycle of four.
      await link(c.block_id, d.block_id);
      expect(errorOf(await tryLink(d.block_id, a.block_id))).toEqual([400, 'CIRCULAR_REFERENCE']);
      // A shortcut in the same direction is not a cycle.
      expect((await tryLink(a.block_id, d.block_id)).status).toBe(201);

      // Once B→C is gone, C→A no longer closes anything.
      const bc = await call('GET', `${LINKS_URL}?source_block_id=${b.block_id}&target_id=${c.block_id}`);
      expect(bc.body.total).toBe(1);
      expect((await call('DELETE', `${LINKS_URL}/${bc.body.links[0].link_id}`)).status).toBe(204);
      expect((await tryLink(c.block_id, a.block_id)).status).toBe(201);
      expect(errorOf(await tryLink(b.block_id, c.block_id))).toEqual([400, 'CIRCULAR_REFERENCE']);
    });
  });

  describe('list', () => {
    it('filters by source and target, with totals and pagination', async () => {
      const { as, page } = await freshOrg('list');
      const other = await createPage(t.app, as, { title: 'other' });
      const [s1, s2] = [await block('s1', page.page_id, as), await block('s2', page.page_id, as)];
      const t1 = await block('t1', other.page_id, as);
      const l1 = await link(s1.block_id, other.page_id, {}, as);
      const l2 = await link(s1.block_id, t1.block_id, {}, as);
      const l3 = await link(s2.block_id, other.page_id, {}, as);
      const l4 = await link(s2.block_id, t1.block_id, { link_type: 'mention' }, as);
      const ids = (res: Reply): string[] => res.body.links.map((l: LinkJson) => l.link_id);

      const all = await call('GET', LINKS_URL, undefined, as);
      expect(all.status).toBe(200);
      expect(all.body).toEqual({ links: [l1, l2, l3, l4], total: 4, limit: 50, offset: 0 });
      const fromS1 = await call('GET', `${LINKS_URL}?source_block_id=${s1.block_id}`, undefined, as);
      expect([ids(fromS1), fromS1.body.total]).toEqual([[l1.link_id, l2.link_id], 2]);
      const toPage = await call('GET', `${LINKS_URL}?target_id=${other.page_id}`, undefined, as);
      expect([ids(toPage), toPage.body.total]).toEqual([[l1.link_id, l3.link_id], 2]);
      const toBlock = await call('GET', `${LINKS_URL}?target_id=${t1.block_id.toUpperCase()}`, undefined, as);
      expect([ids(toBlock), toBlock.body.total]).toEqual([[l2.link_id, l4.link_id], 2]);
      const both = await call(
        'GET',
        `${LINKS_URL}?source_block_id=${s2.block_id}&target_id=${t1.block_id}`,
        undefined,
        as,
      );
      expect(both.body).toEqual({ links: [l4], total: 1, limit: 50, offset: 0 });
      const none = await call('GET', `${LINKS_URL}?source_block_id=${t1.block_id}`, undefined, as);
      expect(none.body).toEqual({ links: [], total: 0, limit: 50, offset: 0 });

      const paged = await call('GET', `${LINKS_URL}?limit=2&offset=1`, undefined, as);
      expect(paged.body).toEqual({ links: [l2, l3], total: 4, limit: 2, offset: 1 });
      const past = await call('GET', `${LINKS_URL}?limit=2&offset=10`, undefined, as);
      expect(past.body).toEqual({ links: [], total: 4, limit: 2, offset: 10 });
      for (const query of ['limit=0', 'limit=101', 'offset=-1', 'limit=x']) {
        expect(errorOf(await call('GET', `${LINKS_URL}?${query}`, undefined, as)), query).toEqual([
          400,
          'VALIDATION_FAILED',
        ]);
      }
    });
  });

  describe('delete', () => {
    it('deletes a link once, then answers 404', async () => {
      const [a, b] = [await block('del a'), await block('del b')];
      const l = await link(a.block_id, b.block_id);
      const kept = await link(a.block_id, target.page_id);
      const res = await call('DELETE', `${LINKS_URL}/${l.link_id}`);
      expect(res.status).toBe(204);
      expect(res.body).toBeUndefined();
      expect(errorOf(await call('GET', `${LINKS_URL}/${l.link_id}`))).toEqual([404, 'LINK_NOT_FOUND']);
      expect(errorOf(await call('DELETE', `${LINKS_URL}/${l.link_id}`))).toEqual([404, 'LINK_NOT_FOUND']);
      expect(errorOf(await call('DELETE', `${LINKS_URL}/${MISSING}`))).toEqual([404, 'LINK_NOT_FOUND']);
      expect((await call('GET', `${LINKS_URL}/${kept.link_id}`)).status).toBe(200);
      // Both blocks survive the link.
      expect((await call('GET', `${BLOCKS_URL}/${a.block_id}`)).status).toBe(200);
      expect((await call('GET', `${BLOCKS_URL}/${b.block_id}`)).status).toBe(200);
    });
  });

  describe('backlinks', () => {
    it('lists the links to a page with a preview of each source block', async () => {
      const { as, page } = await freshOrg('backlinks');
      const goal = await createPage(t.app, as, { title: 'goal' });
      const sources: Array<[Record<string, unknown>, string]> = [
        [{ block_type: 'text', content: { text: 'See the roadmap' } }, 'See the roadmap'],
        [{ block_type: 'heading', content: { text: 'Plans', level: 2 } }, 'Plans'],
        [{ block_type: 'list', content: { items: ['one', 'two', 'three'], listType: 'bullet' } }, 'one\ntwo\nthree'],
        [{ block_type: 'task', content: { text: 'Ship it', checked: true } }, 'Ship it'],
        [
          { block_type: 'link', content: { url: 'https://example.com/x', text: 'Example' } },
          'Example https://example.com/x',
        ],
        [{ block_type: 'page_link', content: { linkedPageId: goal.page_id, displayText: 'Go there' } }, 'Go there'],
      ];
      const expected: BacklinkJson[] = [];
      for (const [body, preview] of sources) {
        const b = await addBlock(t.app, as, page.page_id, body);
        // A page_link block makes its own 'mention' link to the page it names.
        const l =
          body.block_type === 'page_link'
            ? (await call('GET', `${LINKS_URL}?source_block_id=${b.block_id}`, undefined, as)).body.links[0]
            : await link(b.block_id, goal.page_id, { link_type: 'mention' }, as);
        expected.push({
          link_id: l.link_id,
          link_type: 'mention',
          source_block_id: b.block_id,
          source_page_id: page.page_id,
          source_block_type: body.block_type as string,
          source_content_preview: preview,
          created_at: l.created_at,
        });
      }
      // A link to one of the page's blocks is not a backlink of the page.
      const onGoal = await block('on goal', goal.page_id, as);
      const toBlock = await link(expected[0].source_block_id, onGoal.block_id, {}, as);

      expect(await backlinks('pages', goal.page_id, as)).toEqual({ backlinks: expected, total: 6 });
      expect(await backlinks('pages', page.page_id, as)).toEqual({ backlinks: [], total: 0 });
      const ofBlock = await backlinks('blocks', onGoal.block_id, as);
      expect(ofBlock).toEqual({
        backlinks: [
          {
            link_id: toBlock.link_id,
            link_type: 'reference',
            source_block_id: expected[0].source_block_id,
            source_page_id: page.page_id,
            source_block_type: 'text',
            source_content_preview: 'See the roadmap',
            created_at: toBlock.created_at,
          },
        ],
        total: 1,
      });
      expect(await backlinks('blocks', expected[0].source_block_id, as)).toEqual({ backlinks: [], total: 0 });

      // The preview follows the source block's current text.
      const edited = await call(
        'PUT',
        `${BLOCKS_URL}/${expected[0].source_block_id}`,
        { content: { text: 'Edited' } },
        as,
      );
      expect(edited.status).toBe(200);
      expect((await backlinks('blocks', onGoal.block_id, as)).backlinks[0].source_content_preview).toBe('Edited');
    });

    it('shortens a long text to a prefix for the preview', async () => {
      const long = `${'word '.repeat(200)}end`;
      const from = await block(long);
      const to = await block('short');
      await link(from.block_id, to.block_id);
      const [only] = (await backlinks('blocks', to.block_id)).backlinks;
      expect(only.source_content_preview.length).toBeGreaterThanOrEqual(100);
      expect(only.source_content_preview.length).toBeLessThan(long.length);
      expect(long.startsWith(only.source_content_preview)).toBe(true);
    });

    it('answers 404 for the backlinks of something that does not exist', async () => {
      expect(errorOf(await call('GET', `${PAGES}/${MISSING}/backlinks`))).toEqual([404, 'PAGE_NOT_FOUND']);
      expect(errorOf(await call('GET', `${BLOCKS_URL}/${MISSING}/backlinks`))).toEqual([404, 'BLOCK_NOT_FOUND']);
    });
  });

  describe('cascades', () => {
    it('deleting the source block removes its links, and deleting a target block the links to it', async () => {
      const [a, b, c, d] = [await block('cas a'), await block('cas b'), await block('cas c'), await block('cas d')];
      const child = await addBlock(t.app, token, source.page_id, {
        content: { text: 'child of a' },
        parent_block_id: a.block_id,
      });
      const fromA = await link(a.block_id, b.block_id);
      const fromAToPage = await link(a.block_id, target.page_id);
      const fromChild = await link(child.block_id, c.block_id);
      const toA = await link(c.block_id, a.block_id);
      const toChild = await link(d.block_id, child.block_id);
      const cToB = await link(c.block_id, b.block_id);

      expect((await call('DELETE', `${BLOCKS_URL}/${a.block_id}`)).status).toBe(204);
      for (const gone of [fromA, fromAToPage, fromChild, toA, toChild]) {
        expect(errorOf(await call('GET', `${LINKS_URL}/${gone.link_id}`))).toEqual([404, 'LINK_NOT_FOUND']);
      }
      expect((await call('GET', `${LINKS_URL}/${cToB.link_id}`)).status).toBe(200);

      expect((await call('DELETE', `${BLOCKS_URL}/${b.block_id}`)).status).toBe(204);
      expect(errorOf(await call('GET', `${LINKS_URL}/${cToB.link_id}`))).toEqual([404, 'LINK_NOT_FOUND']);
      expect((await call('GET', `${BLOCKS_URL}/${c.block_id}`)).status).toBe(200);
      expect((await call('GET', `${BLOCKS_URL}/${child.block_id}`)).status).toBe(404);
      const rows = await db().query(
        `SELECT count(*)::int AS n FROM links
         WHERE source_block_id = ANY($1::uuid[]) OR target_block_id = ANY($1::uuid[])`,
        [[a.block_id, b.block_id, child.block_id]],
      );
      expect(rows).toEqual([{ n: 0 }]);
    });

    it('purging a page removes its blocks, the links from and to them, and their tag assignments', async () => {
      const { as, orgId, page: doomed } = await freshOrg('purge');
      const sub = await createPage(t.app, as, { title: 'doomed child', parent_page_id: doomed.page_id });
      const keep = await createPage(t.app, as, { title: 'keep' });
      const tag = await createTag(t.app, as, { name: 'Purged' });
      const x1 = await block('x1', doomed.page_id, as);
      const x2 = await addBlock(t.app, as, doomed.page_id, { content: { text: 'x2' }, parent_block_id: x1.block_id });
      const s1 = await block('s1', sub.page_id, as);
      const [k1, k2] = [await block('k1', keep.page_id, as), await block('k2', keep.page_id, as)];
      for (const b of [x1, x2, s1, k1]) await assignTag(t.app, as, b.block_id, tag.tag_id);
      const survivors = [await link(k1.block_id, k2.block_id, {}, as), await link(k2.block_id, keep.page_id, {}, as)];
      for (const [from, to] of [
        [x1.block_id, k1.block_id],
        [x2.block_id, keep.page_id],
        [k1.block_id, x2.block_id],
        [k2.block_id, doomed.page_id],
        [k2.block_id, sub.page_id],
        [s1.block_id, k2.block_id],
        [k1.block_id, s1.block_id],
        [x1.block_id, s1.block_id],
      ]) {
        await link(from, to, {}, as);
      }
      expect(await linkCount(orgId)).toBe(10);

      expect((await call('DELETE', `${PAGES}/${doomed.page_id}`, undefined, as)).status).toBe(204);
      expect((await call('DELETE', `${PAGES}/${doomed.page_id}?permanent=true`, undefined, as)).status).toBe(204);

      const all = await call('GET', LINKS_URL, undefined, as);
      expect(all.body).toMatchObject({ links: survivors, total: 2 });
      const remaining = await db().query('SELECT block_id FROM blocks WHERE organization_id = $1 ORDER BY block_id', [
        orgId,
      ]);
      expect(remaining.map((r: { block_id: string }) => r.block_id)).toEqual([k1.block_id, k2.block_id].sort());
      const assignments = await db().query('SELECT block_id FROM block_tags WHERE organization_id = $1', [orgId]);
      expect(assignments).toEqual([{ block_id: k1.block_id }]);
      const tagNow = await call('GET', `/api/v1/ocean/tags/${tag.tag_id}`, undefined, as);
      expect(tagNow.body.usage_count).toBe(1);
      expect(await backlinks('blocks', k1.block_id, as)).toEqual({ backlinks: [], total: 0 });
      expect((await backlinks('pages', keep.page_id, as)).backlinks.map((b) => b.source_block_id)).toEqual([
        k2.block_id,
      ]);

      // Nothing anywhere points at a row that is gone.
      const [orphans] = await db().query(`SELECT
        (SELECT count(*)::int FROM blocks b
          WHERE NOT EXISTS (SELECT 1 FROM pages p WHERE p.page_id = b.page_id)) AS blocks,
        (SELECT count(*)::int FROM links l
          WHERE NOT EXISTS (SELECT 1 FROM blocks b WHERE b.block_id = l.source_block_id)
             OR (l.target_block_id IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.block_id = l.target_block_id))
             OR (l.target_page_id IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.page_id = l.target_page_id))) AS links,
        (SELECT count(*)::int FROM block_tags a
          WHERE NOT EXISTS (SELECT 1 FROM blocks b WHERE b.block_id = a.block_id)
             OR NOT EXISTS (SELECT 1 FROM tags t WHERE t.tag_id = a.tag_id)) AS block_tags`);
      expect(orphans).toEqual({ blocks: 0, links: 0, block_tags: 0 });
      const gone = await db().query(`SELECT count(*)::int AS n FROM blocks WHERE page_id = ANY($1::uuid[])`, [
        [doomed.page_id, sub.page_id],
      ]);
      expect(gone).toEqual([{ n: 0 }]);
    });
  });

  describe('concurrency', () => {
    it('lets no set of parallel creations close a cycle: a ring of ten gets exactly nine links', async () => {
      const { as, orgId, page } = await freshOrg('ring');
      const res = await call(
        'POST',
        `${BLOCKS_URL}/batch?page_id=${page.page_id}`,
        { blocks: Array.from({ length: 10 }, (_, i) => ({ block_type: 'text', content: { text: `X${i}` } })) },
        as,
      );
      const ring: ContentBlockJson[] = res.body.blocks;
      const results = await Promise.all(ring.map((b, i) => tryLink(b.block_id, ring[(i + 1) % 10].block_id, {}, as)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([...Array(9).fill(201), 400]);
      expect(results.find((r) => r.status === 400)!.body.error_code).toBe('CIRCULAR_REFERENCE');
      expect(await linkCount(orgId)).toBe(9);

      const cycles = await db().query(
        `WITH RECURSIVE walk(start, node, depth) AS (
           SELECT source_block_id, target_block_id, 1 FROM links
           WHERE organization_id = $1 AND target_block_id IS NOT NULL
           UNION ALL
           SELECT w.start, l.target_block_id, w.depth + 1 FROM walk w
           JOIN links l ON l.organization_id = $1 AND l.source_block_id = w.node
           WHERE l.target_block_id IS NOT NULL AND w.node <> w.start AND w.depth < 50
         )
         SELECT count(*)::int AS n FROM walk WHERE node = start`,
        [orgId],
      );
      expect(cycles).toEqual([{ n: 0 }]);
    });

    it('creates one of two opposite links raced in parallel, and one of many parallel duplicates', async () => {
      const { as, orgId, page } = await freshOrg('pairs');
      const pairs: Array<[ContentBlockJson, ContentBlockJson]> = [];
      for (let i = 0; i < 5; i++)
        pairs.push([await block(`p${i}`, page.page_id, as), await block(`q${i}`, page.page_id, as)]);
      const results = await Promise.all(
        pairs.flatMap(([p, q]) => [tryLink(p.block_id, q.block_id, {}, as), tryLink(q.block_id, p.block_id, {}, as)]),
      );
      for (let i = 0; i < 5; i++) {
        const pair = [results[2 * i].status, results[2 * i + 1].status].sort();
        expect(pair, `pair ${i}`).toEqual([201, 400]);
      }
      expect(await linkCount(orgId)).toBe(5);

      const [a, b] = [await block('dup a', page.page_id, as), await block('dup b', page.page_id, as)];
      const dups = await Promise.all(Array.from({ length: 10 }, () => tryLink(a.block_id, b.block_id, {}, as)));
      expect(dups.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
      for (const r of dups.filter((x) => x.status === 409)) expect(r.body.error_code).toBe('DUPLICATE_LINK');
      expect(await linkCount(orgId)).toBe(6);
    });
  });

  describe('tenant isolation', () => {
    it('never shows, links to or deletes another organization’s links, blocks and pages', async () => {
      const { as: theirs, page: theirPage } = await freshOrg('theirs');
      const theirBlock = await block('theirs', theirPage.page_id, theirs);
      const theirLink = await link(theirBlock.block_id, theirPage.page_id, {}, theirs);
      const mine = await block('mine');
      const myLink = await link(mine.block_id, target.page_id, { link_type: 'embed' });

      expect(errorOf(await call('GET', `${LINKS_URL}/${theirLink.link_id}`))).toEqual([404, 'LINK_NOT_FOUND']);
      expect(errorOf(await call('DELETE', `${LINKS_URL}/${theirLink.link_id}`))).toEqual([404, 'LINK_NOT_FOUND']);
      expect(errorOf(await call('GET', `${LINKS_URL}/${myLink.link_id}`, undefined, theirs))).toEqual([
        404,
        'LINK_NOT_FOUND',
      ]);
      expect(errorOf(await call('DELETE', `${LINKS_URL}/${myLink.link_id}`, undefined, theirs))).toEqual([
        404,
        'LINK_NOT_FOUND',
      ]);

      const attempts: Array<[Record<string, unknown>, string]> = [
        [{ source_block_id: mine.block_id, target_id: theirPage.page_id }, 'LINK_TARGET_NOT_FOUND'],
        [{ source_block_id: mine.block_id, target_id: theirPage.page_id, is_page_link: true }, 'LINK_TARGET_NOT_FOUND'],
        [{ source_block_id: mine.block_id, target_id: theirBlock.block_id }, 'LINK_TARGET_NOT_FOUND'],
        [{ source_block_id: theirBlock.block_id, target_id: target.page_id }, 'BLOCK_NOT_FOUND'],
        [{ source_block_id: theirBlock.block_id, target_id: theirPage.page_id, link_type: 'embed' }, 'BLOCK_NOT_FOUND'],
      ];
      for (const [body, code] of attempts) {
        expect(errorOf(await call('POST', LINKS_URL, body)), JSON.stringify(body)).toEqual([404, code]);
      }

      const bySource = await call('GET', `${LINKS_URL}?source_block_id=${theirBlock.block_id}`);
      expect(bySource.body).toMatchObject({ links: [], total: 0 });
      const byTarget = await call('GET', `${LINKS_URL}?target_id=${theirPage.page_id}`);
      expect(byTarget.body).toMatchObject({ links: [], total: 0 });
      const everything = await call('GET', `${LINKS_URL}?limit=100`);
      expect(everything.body.links.every((l: LinkJson) => l.organization_id === org)).toBe(true);
      expect(everything.body.links.map((l: LinkJson) => l.link_id)).not.toContain(theirLink.link_id);

      expect(errorOf(await call('GET', `${PAGES}/${theirPage.page_id}/backlinks`))).toEqual([404, 'PAGE_NOT_FOUND']);
      expect(errorOf(await call('GET', `${BLOCKS_URL}/${theirBlock.block_id}/backlinks`))).toEqual([
        404,
        'BLOCK_NOT_FOUND',
      ]);
      expect(errorOf(await call('GET', `${PAGES}/${target.page_id}/backlinks`, undefined, theirs))).toEqual([
        404,
        'PAGE_NOT_FOUND',
      ]);

      // Their side is untouched and still sees exactly its own link.
      expect((await call('GET', `${LINKS_URL}/${theirLink.link_id}`, undefined, theirs)).body).toEqual(theirLink);
      expect((await call('GET', LINKS_URL, undefined, theirs)).body).toMatchObject({ links: [theirLink], total: 1 });
      expect((await backlinks('pages', theirPage.page_id, theirs)).backlinks.map((b) => b.link_id)).toEqual([
        theirLink.link_id,
      ]);
      expect((await call('GET', `${LINKS_URL}/${myLink.link_id}`)).body).toEqual(myLink);
    });
  });

  describe('bad input', () => {
    it('refuses ids that are not UUIDs and malformed fields in the body', async () => {
      const a = await block('bad');
      const before = await linkCount(org);
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ source_block_id: 'abc', target_id: target.page_id }, 'source_block_id'],
        [{ source_block_id: a.block_id, target_id: 'abc' }, 'target_id'],
        [{ source_block_id: 42, target_id: target.page_id }, 'source_block_id'],
        [{ target_id: target.page_id }, 'source_block_id'],
        [{ source_block_id: a.block_id }, 'target_id'],
        [{ source_block_id: a.block_id, target_id: `${target.page_id}0` }, 'target_id'],
        [{ source_block_id: a.block_id, target_id: target.page_id, is_page_link: 'yes' }, 'is_page_link'],
        [{ source_block_id: a.block_id, target_id: target.page_id, is_page_link: null }, 'is_page_link'],
      ];
      for (const [body, field] of cases) {
        const res = await call('POST', LINKS_URL, body);
        expect(errorOf(res), JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect(await linkCount(org)).toBe(before);
    });

    it('refuses filters that are not UUIDs', async () => {
      for (const query of ['source_block_id=abc', 'target_id=abc', `target_id=${MISSING}1`, 'source_block_id=']) {
        const res = await call('GET', `${LINKS_URL}?${query}`);
        expect(errorOf(res), query).toEqual([400, 'VALIDATION_FAILED']);
      }
    });

    it('answers 404 for path ids that are not UUIDs', async () => {
      const cases: Array<[Method, string, string]> = [
        ['GET', `${LINKS_URL}/abc`, 'LINK_NOT_FOUND'],
        ['DELETE', `${LINKS_URL}/abc`, 'LINK_NOT_FOUND'],
        ['GET', `${LINKS_URL}/${MISSING}x`, 'LINK_NOT_FOUND'],
        ['GET', `${PAGES}/abc/backlinks`, 'PAGE_NOT_FOUND'],
        ['GET', `${BLOCKS_URL}/abc/backlinks`, 'BLOCK_NOT_FOUND'],
      ];
      for (const [method, url, code] of cases) {
        expect(errorOf(await call(method, url)), `${method} ${url}`).toEqual([404, code]);
      }
    });

    it('refuses broken JSON and other content types', async () => {
      const a = await block('json');
      const send = (payload: string, contentType: string) =>
        t.app.inject({
          method: 'POST',
          url: LINKS_URL,
          headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
          payload,
        });
      const broken = await send(`{"source_block_id": "${a.block_id}", "target_id": `, 'application/json');
      expect([broken.statusCode, broken.json().error_code]).toEqual([400, 'INVALID_JSON']);
      const text = await send(`source_block_id=${a.block_id}&target_id=${target.page_id}`, 'text/plain');
      expect(text.statusCode).toBe(415);
      const rows = await db().query('SELECT count(*)::int AS n FROM links WHERE source_block_id = $1', [a.block_id]);
      expect(rows).toEqual([{ n: 0 }]);
    });
  });
});
