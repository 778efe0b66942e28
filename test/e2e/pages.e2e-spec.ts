import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { createPage, PageJson, PAGES } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, TestApp } from '../support/app';
import { Reply, send } from '../support/http';

describe('pages API', () => {
  let t: TestApp;
  let token: string;
  let otherToken: string;
  const org = `org-pages-${Date.now()}`;

  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    as = token,
  ): Promise<Reply> => send(t.app, method, url, { token: as, payload });
  const list = async (query = '', as = token): Promise<{ pages: PageJson[]; total: number }> => {
    const res = await call('GET', `${PAGES}${query}`, undefined, as);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await bootApp();
    token = await signToken({ org, user: 'alice' });
    otherToken = await signToken({ org: `${org}-other`, user: 'mallory' });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('create and get', () => {
    it('creates a root page with every field and reads it back', async () => {
      const created = await call('POST', PAGES, {
        title: 'Roadmap',
        icon: '🗺️',
        cover_image: 'https://example.com/c.png',
        metadata: { team: 'core', nested: { ok: true } },
      });
      expect(created.status).toBe(201);
      const page = created.body as PageJson;
      expect(page).toMatchObject({
        organization_id: org,
        user_id: 'alice',
        title: 'Roadmap',
        icon: '🗺️',
        cover_image: 'https://example.com/c.png',
        parent_page_id: null,
        is_archived: false,
        is_favorite: false,
        metadata: { team: 'core', nested: { ok: true } },
      });
      expect(page.page_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
      expect(page.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const fetched = await call('GET', `${PAGES}/${page.page_id}`);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(page);
      const upper = await call('GET', `${PAGES}/${page.page_id.toUpperCase()}`);
      expect(upper.body.page_id).toBe(page.page_id);
    });

    it('appends children last among their siblings with dense positions', async () => {
      const parent = await createPage(t.app, token, { title: 'Parent' });
      const kids = [];
      for (const title of ['a', 'b', 'c'])
        kids.push(await createPage(t.app, token, { title, parent_page_id: parent.page_id }));
      expect(kids.map((k) => k.position)).toEqual([0, 1, 2]);
      const listed = await list(`?parent_page_id=${parent.page_id}`);
      expect(listed.pages.map((p) => [p.title, p.position])).toEqual([
        ['a', 0],
        ['b', 1],
        ['c', 2],
      ]);
      expect(listed.total).toBe(3);
    });

    it('refuses a parent that does not exist or belongs to another organization', async () => {
      const foreign = await createPage(t.app, otherToken, { title: 'Theirs' });
      const res = await call('POST', PAGES, { title: 'x', parent_page_id: foreign.page_id });
      expect([res.status, res.body.error_code]).toEqual([404, 'PARENT_PAGE_NOT_FOUND']);
      const missing = await call('POST', PAGES, { title: 'x', parent_page_id: '00000000-0000-4000-8000-000000000000' });
      expect(missing.status).toBe(404);
    });
  });

  describe('list', () => {
    it('filters root pages, favorites and paginates with a total', async () => {
      const o = await signToken({ org: `${org}-list`, user: 'lister' });
      const root = [];
      for (let i = 0; i < 5; i++) root.push(await createPage(t.app, o, { title: `r${i}` }));
      await createPage(t.app, o, { title: 'child', parent_page_id: root[0].page_id });
      await call('PUT', `${PAGES}/${root[3].page_id}`, { is_favorite: true }, o);

      const roots = await list('?parent_page_id=null', o);
      expect(roots.pages.map((p) => p.title)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
      const all = await list('', o);
      expect(all.total).toBe(6);
      expect(all.pages.map((p) => p.title)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'child']);
      const page2 = await call('GET', `${PAGES}?parent_page_id=null&limit=2&offset=2`, undefined, o);
      expect(page2.body).toMatchObject({ total: 5, limit: 2, offset: 2 });
      expect(page2.body.pages.map((p: PageJson) => [p.title, p.position])).toEqual([
        ['r2', 2],
        ['r3', 3],
      ]);
      const past = await call('GET', `${PAGES}?limit=10&offset=50`, undefined, o);
      expect(past.body).toMatchObject({ pages: [], total: 6, offset: 50 });
      const favorites = await list('?is_favorite=true', o);
      expect(favorites.pages.map((p) => [p.title, p.position])).toEqual([['r3', 3]]);
    });
  });

  describe('update', () => {
    it('changes only the fields sent and bumps updated_at', async () => {
      const page = await createPage(t.app, token, { title: 'Before', icon: 'x', metadata: { a: 1 } });
      await new Promise((r) => setTimeout(r, 5));
      const res = await call('PUT', `${PAGES}/${page.page_id}`, { title: 'After', is_favorite: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ title: 'After', icon: 'x', is_favorite: true, metadata: { a: 1 } });
      expect(Date.parse(res.body.updated_at)).toBeGreaterThan(Date.parse(page.updated_at));
      const cleared = await call('PUT', `${PAGES}/${page.page_id}`, { icon: null, metadata: { b: 2 } });
      expect(cleared.body).toMatchObject({ icon: null, metadata: { b: 2 }, title: 'After' });
      for (const body of [{ title: null }, { is_favorite: null }, { metadata: null }, { title: '' }]) {
        const refused = await call('PUT', `${PAGES}/${page.page_id}`, body);
        expect([refused.status, refused.body.error_code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      const unchanged = await call('GET', `${PAGES}/${page.page_id}`);
      expect(unchanged.body).toEqual(cleared.body);
    });
  });

  describe('archive, restore and permanent delete', () => {
    it('hides an archived page and its subtree, and restores both', async () => {
      const o = await signToken({ org: `${org}-trash`, user: 'u' });
      const top = await createPage(t.app, o, { title: 'top' });
      const mid = await createPage(t.app, o, { title: 'mid', parent_page_id: top.page_id });
      const leaf = await createPage(t.app, o, { title: 'leaf', parent_page_id: mid.page_id });
      await createPage(t.app, o, { title: 'other' });

      const del = await call('DELETE', `${PAGES}/${mid.page_id}`, undefined, o);
      expect(del.status).toBe(204);
      expect((await list('', o)).pages.map((p) => p.title)).toEqual(['top', 'other']);
      expect((await list(`?parent_page_id=${mid.page_id}`, o)).total).toBe(0);
      const trash = await list('?is_archived=true', o);
      expect(trash.pages.map((p) => [p.title, p.is_archived])).toEqual([['mid', true]]);
      // Still readable directly, and archiving twice is harmless.
      expect((await call('GET', `${PAGES}/${leaf.page_id}`, undefined, o)).status).toBe(200);
      expect((await call('DELETE', `${PAGES}/${mid.page_id}`, undefined, o)).status).toBe(204);
      // No new child under an archived page.
      const under = await call('POST', PAGES, { title: 'x', parent_page_id: leaf.page_id }, o);
      expect([under.status, under.body.error_code]).toEqual([409, 'PAGE_ARCHIVED']);

      const restored = await call('POST', `${PAGES}/${mid.page_id}/restore`, undefined, o);
      expect(restored.status).toBe(200);
      expect(restored.body).toMatchObject({ is_archived: false, parent_page_id: top.page_id });
      expect((await list('', o)).pages.map((p) => p.title)).toEqual(['top', 'other', 'mid', 'leaf']);
    });

    it('archives and restores through PUT is_archived', async () => {
      const page = await createPage(t.app, token, { title: 'via put' });
      const archived = await call('PUT', `${PAGES}/${page.page_id}`, { is_archived: true });
      expect(archived.body.is_archived).toBe(true);
      const restored = await call('PUT', `${PAGES}/${page.page_id}`, { is_archived: false });
      expect(restored.body.is_archived).toBe(false);
    });

    it('restoring a page whose ancestor is still archived brings it back at the root', async () => {
      const o = await signToken({ org: `${org}-restore`, user: 'u' });
      const a = await createPage(t.app, o, { title: 'a' });
      const b = await createPage(t.app, o, { title: 'b', parent_page_id: a.page_id });
      await call('DELETE', `${PAGES}/${b.page_id}`, undefined, o);
      await call('DELETE', `${PAGES}/${a.page_id}`, undefined, o);
      const restored = await call('POST', `${PAGES}/${b.page_id}/restore`, undefined, o);
      expect(restored.body).toMatchObject({ parent_page_id: null, is_archived: false });
      expect((await list('', o)).pages.map((p) => p.title)).toEqual(['b']);
    });

    it('purges only archived pages, with their whole subtree', async () => {
      const o = await signToken({ org: `${org}-purge`, user: 'u' });
      const top = await createPage(t.app, o, { title: 'top' });
      const kid = await createPage(t.app, o, { title: 'kid', parent_page_id: top.page_id });
      await createPage(t.app, o, { title: 'grandkid', parent_page_id: kid.page_id });
      const keep = await createPage(t.app, o, { title: 'keep' });

      const live = await call('DELETE', `${PAGES}/${top.page_id}?permanent=true`, undefined, o);
      expect([live.status, live.body.error_code]).toEqual([409, 'NOT_ARCHIVED']);
      expect((await list('', o)).total).toBe(4);

      await call('DELETE', `${PAGES}/${top.page_id}`, undefined, o);
      const purge = await call('DELETE', `${PAGES}/${top.page_id}?permanent=true`, undefined, o);
      expect(purge.status).toBe(204);
      expect((await call('GET', `${PAGES}/${kid.page_id}`, undefined, o)).status).toBe(404);
      const rows = await t.app
        .get(DataSource)
        .query('SELECT title FROM pages WHERE organization_id = $1 ORDER BY title', [`${org}-purge`]);
      expect(rows).toEqual([{ title: 'keep' }]);
      expect((await call('GET', `${PAGES}/${keep.page_id}`, undefined, o)).status).toBe(200);
      const bad = await call('DELETE', `${PAGES}/${keep.page_id}?permanent=yes`, undefined, o);
      expect(bad.status).toBe(400);
    });
  });

  describe('move', () => {
    it('reorders among siblings and re-parents, keeping positions dense', async () => {
      const o = await signToken({ org: `${org}-move`, user: 'u' });
      const [a, b, c] = [
        await createPage(t.app, o, { title: 'a' }),
        await createPage(t.app, o, { title: 'b' }),
        await createPage(t.app, o, { title: 'c' }),
      ];
      const first = await call('POST', `${PAGES}/${c.page_id}/move`, { new_parent_id: null, position: 0 }, o);
      expect(first.status).toBe(200);
      expect(first.body.position).toBe(0);
      expect(await positions(o, '?parent_page_id=null')).toEqual([
        ['c', 0],
        ['a', 1],
        ['b', 2],
      ]);
      const middle = await call('POST', `${PAGES}/${c.page_id}/move`, { new_parent_id: null, position: 1 }, o);
      expect(middle.body.position).toBe(1);
      expect((await positions(o, '?parent_page_id=null')).map((p) => p[0])).toEqual(['a', 'c', 'b']);
      const beyond = await call('POST', `${PAGES}/${a.page_id}/move`, { new_parent_id: null, position: 99 }, o);
      expect(beyond.body.position).toBe(2);

      const under = await call('POST', `${PAGES}/${b.page_id}/move`, { new_parent_id: c.page_id }, o);
      expect(under.body).toMatchObject({ parent_page_id: c.page_id, position: 0 });
      expect(await positions(o, '?parent_page_id=null')).toEqual([
        ['c', 0],
        ['a', 1],
      ]);
    });

    it('refuses cycles through any number of ancestors', async () => {
      const o = await signToken({ org: `${org}-cycle`, user: 'u' });
      const a = await createPage(t.app, o, { title: 'a' });
      const b = await createPage(t.app, o, { title: 'b', parent_page_id: a.page_id });
      const c = await createPage(t.app, o, { title: 'c', parent_page_id: b.page_id });
      const d = await createPage(t.app, o, { title: 'd', parent_page_id: c.page_id });
      for (const target of [a, b, c, d]) {
        const res = await call('POST', `${PAGES}/${a.page_id}/move`, { new_parent_id: target.page_id }, o);
        expect([res.status, res.body.error_code]).toEqual([400, 'CIRCULAR_REFERENCE']);
      }
      expect((await call('GET', `${PAGES}/${a.page_id}`, undefined, o)).body.parent_page_id).toBeNull();
    });

    it('moving under an archived page is refused; moving out of it shows the subtree again', async () => {
      const o = await signToken({ org: `${org}-move-trash`, user: 'u' });
      const bin = await createPage(t.app, o, { title: 'bin' });
      const kid = await createPage(t.app, o, { title: 'kid', parent_page_id: bin.page_id });
      const grand = await createPage(t.app, o, { title: 'grand', parent_page_id: kid.page_id });
      const free = await createPage(t.app, o, { title: 'free' });
      await call('DELETE', `${PAGES}/${bin.page_id}`, undefined, o);
      const into = await call('POST', `${PAGES}/${free.page_id}/move`, { new_parent_id: grand.page_id }, o);
      expect([into.status, into.body.error_code]).toEqual([409, 'PAGE_ARCHIVED']);
      await call('POST', `${PAGES}/${kid.page_id}/move`, { new_parent_id: null }, o);
      expect((await list('', o)).pages.map((p) => p.title)).toEqual(['free', 'kid', 'grand']);
    });
  });

  it('backlinks are empty for a page without links', async () => {
    const page = await createPage(t.app, token, { title: 'linked' });
    const res = await call('GET', `${PAGES}/${page.page_id}/backlinks`);
    expect(res).toMatchObject({ status: 200, body: { backlinks: [], total: 0 } });
  });

  describe('tenant isolation', () => {
    it('another organization’s page is a 404 on every route and stays unchanged', async () => {
      const theirs = await createPage(t.app, otherToken, { title: 'secret', metadata: { k: 'v' } });
      const id = theirs.page_id;
      const attempts: Array<[string, string, unknown?]> = [
        ['GET', `${PAGES}/${id}`],
        ['PUT', `${PAGES}/${id}`, { title: 'pwned' }],
        ['DELETE', `${PAGES}/${id}`],
        ['DELETE', `${PAGES}/${id}?permanent=true`],
        ['POST', `${PAGES}/${id}/restore`],
        ['POST', `${PAGES}/${id}/move`, { new_parent_id: null, position: 0 }],
        ['GET', `${PAGES}/${id}/backlinks`],
      ];
      for (const [method, url, payload] of attempts) {
        const res = await call(method as 'GET', url, payload);
        expect([method, url, res.status, res.body.error_code]).toEqual([method, url, 404, 'PAGE_NOT_FOUND']);
      }
      const mine = await createPage(t.app, token, { title: 'mine' });
      const moveUnder = await call('POST', `${PAGES}/${mine.page_id}/move`, { new_parent_id: id });
      expect(moveUnder.status).toBe(404);
      const listed = await list(`?parent_page_id=${id}`);
      expect(listed.total).toBe(0);
      expect((await list('')).pages.some((p) => p.page_id === id)).toBe(false);
      const after = await call('GET', `${PAGES}/${id}`, undefined, otherToken);
      expect(after.body).toEqual(theirs);
    });
  });

  describe('concurrency', () => {
    it('parallel inserts under one parent get dense, unique positions', async () => {
      const o = await signToken({ org: `${org}-race`, user: 'u' });
      const parent = await createPage(t.app, o, { title: 'parent' });
      const created = await Promise.all(
        Array.from({ length: 50 }, (_, i) => createPage(t.app, o, { title: `p${i}`, parent_page_id: parent.page_id })),
      );
      expect(created).toHaveLength(50);
      const listed = await list(`?parent_page_id=${parent.page_id}&limit=100`, o);
      expect(listed.total).toBe(50);
      expect(listed.pages.map((p) => p.position)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    });

    it('parallel moves keep positions dense and lose no page', async () => {
      const o = await signToken({ org: `${org}-race-move`, user: 'u' });
      const pages: PageJson[] = [];
      for (let i = 0; i < 12; i++) pages.push(await createPage(t.app, o, { title: `m${i}` }));
      const results = await Promise.all(
        pages.map((p, i) =>
          call('POST', `${PAGES}/${p.page_id}/move`, { new_parent_id: null, position: (i * 7) % 12 }, o),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(pages.map(() => 200));
      const listed = await list('?parent_page_id=null&limit=100', o);
      expect(listed.total).toBe(12);
      expect(listed.pages.map((p) => p.position)).toEqual(Array.from({ length: 12 }, (_, i) => i));
      expect(new Set(listed.pages.map((p) => p.page_id)).size).toBe(12);
    });

    it('two opposite moves at once cannot create a cycle', async () => {
      const o = await signToken({ org: `${org}-race-cycle`, user: 'u' });
      const a = await createPage(t.app, o, { title: 'a' });
      const b = await createPage(t.app, o, { title: 'b' });
      const [ab, ba] = await Promise.all([
        call('POST', `${PAGES}/${a.page_id}/move`, { new_parent_id: b.page_id }, o),
        call('POST', `${PAGES}/${b.page_id}/move`, { new_parent_id: a.page_id }, o),
      ]);
      expect([ab.status, ba.status].sort()).toEqual([200, 400]);
      const roots = await list('?parent_page_id=null', o);
      expect(roots.total).toBe(1);
    });
  });

  async function positions(as: string, query: string): Promise<Array<[string, number]>> {
    return (await list(query, as)).pages.map((p) => [p.title, p.position]);
  }
});
