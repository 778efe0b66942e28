import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBlock, assignTag, BLOCKS_URL, ContentBlockJson, createTag, TAGS_URL, TagJson } from '../factories/content';
import { createPage, PageJson } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, TestApp } from '../support/app';
import { Reply, send } from '../support/http';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const MISSING = '00000000-0000-4000-8000-000000000000';

const errorOf = (res: Reply): [number, string] => [res.status, res.body?.error_code];

describe('tags API', () => {
  let t: TestApp;
  let token: string;
  let page: PageJson;
  const org = `org-tags-${Date.now()}`;

  const call = (method: Method, url: string, payload?: unknown, as = token): Promise<Reply> =>
    send(t.app, method, url, { token: as, payload });
  const db = (): DataSource => t.app.get(DataSource);
  const getTag = async (id: string, as = token): Promise<TagJson> => {
    const res = await call('GET', `${TAGS_URL}/${id}`, undefined, as);
    expect(res.status).toBe(200);
    return res.body;
  };
  const getBlock = async (id: string, as = token): Promise<ContentBlockJson> => {
    const res = await call('GET', `${BLOCKS_URL}/${id}`, undefined, as);
    expect(res.status).toBe(200);
    return res.body;
  };
  const tagIdsOf = async (blockId: string, as = token): Promise<string[]> => {
    const res = await call('GET', `${BLOCKS_URL}/${blockId}/tags`, undefined, as);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(res.body.tags.length);
    return res.body.tags.map((tag: TagJson) => tag.tag_id);
  };
  const assignmentRows = async (tagId: string): Promise<number> => {
    const rows: Array<{ n: number }> = await db().query('SELECT count(*)::int AS n FROM block_tags WHERE tag_id = $1', [
      tagId,
    ]);
    return rows[0].n;
  };
  /** A token and a page of an organization of its own, so that lists start empty. */
  const freshOrg = async (suffix: string): Promise<{ as: string; page: PageJson }> => {
    const as = await signToken({ org: `${org}-${suffix}`, user: `user-${suffix}` });
    return { as, page: await createPage(t.app, as, { title: suffix }) };
  };
  const blocks = async (n: number, pageId: string, as = token): Promise<ContentBlockJson[]> => {
    const res = await call(
      'POST',
      `${BLOCKS_URL}/batch?page_id=${pageId}`,
      { blocks: Array.from({ length: n }, (_, i) => ({ block_type: 'text', content: { text: `b${i}` } })) },
      as,
    );
    expect(res.status).toBe(201);
    return res.body.blocks;
  };

  beforeAll(async () => {
    t = await bootApp();
    token = await signToken({ org, user: 'alice' });
    page = await createPage(t.app, token, { title: 'Tagged' });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('create and read', () => {
    it('creates a tag with every field and reads it back', async () => {
      const res = await call('POST', TAGS_URL, {
        name: 'Urgent',
        color: '#FF0000',
        description: 'Needs action today',
        organization_id: 'someone-else',
        usage_count: 42,
      });
      expect(res.status).toBe(201);
      const tag = res.body as TagJson;
      expect(Object.keys(tag).sort()).toEqual([
        'color',
        'created_at',
        'description',
        'name',
        'organization_id',
        'tag_id',
        'updated_at',
        'usage_count',
      ]);
      expect(tag).toMatchObject({
        organization_id: org,
        name: 'Urgent',
        color: '#FF0000',
        description: 'Needs action today',
        usage_count: 0,
      });
      expect(tag.tag_id).toMatch(UUID_V7);
      expect(tag.created_at).toMatch(ISO_UTC);
      expect(tag.updated_at).toMatch(ISO_UTC);
      expect(await getTag(tag.tag_id)).toEqual(tag);
      expect(await getTag(tag.tag_id.toUpperCase())).toEqual(tag);
    });

    it('defaults color and description to null and trims the name', async () => {
      const tag = await createTag(t.app, token, { name: '  Padded name  ' });
      expect(tag).toMatchObject({ name: 'Padded name', color: null, description: null, usage_count: 0 });
    });

    it('refuses a duplicate name ignoring case, also after trimming', async () => {
      await createTag(t.app, token, { name: 'Project' });
      for (const name of ['Project', 'project', 'PROJECT', '  pRoJeCt  ']) {
        const res = await call('POST', TAGS_URL, { name });
        expect(errorOf(res), name).toEqual([409, 'DUPLICATE_TAG']);
      }
      const rows = await db().query('SELECT name FROM tags WHERE organization_id = $1 AND lower(name) = $2', [
        org,
        'project',
      ]);
      expect(rows).toEqual([{ name: 'Project' }]);
      // Unique per organization only.
      const other = await signToken({ org: `${org}-dup`, user: 'bob' });
      expect((await call('POST', TAGS_URL, { name: 'project' }, other)).status).toBe(201);
    });

    it('accepts #RRGGBB and named colours and refuses anything else', async () => {
      for (const color of ['#a1B2c3', '#000000', 'blue', 'default', 'pink']) {
        const res = await call('POST', TAGS_URL, { name: `colour ${color}`, color });
        expect(res.status, color).toBe(201);
        expect(res.body.color).toBe(color);
      }
      for (const color of ['blue-ish', '#12345', '#1234567', '#GGGGGG', 'rgb(0,0,0)', '', 12]) {
        const res = await call('POST', TAGS_URL, { name: `bad colour ${String(color)}`, color });
        expect(errorOf(res), String(color)).toEqual([400, 'VALIDATION_FAILED']);
        expect(res.body.errors[0].field).toBe('color');
      }
      const rows = await db().query(`SELECT count(*)::int AS n FROM tags WHERE name LIKE 'bad colour%'`);
      expect(rows).toEqual([{ n: 0 }]);
    });

    it('refuses an empty, too long, blank or missing name', async () => {
      for (const name of ['', 'x'.repeat(101), '   ', '\t\n', undefined, null, 42]) {
        const res = await call('POST', TAGS_URL, { name, color: 'red' });
        expect(errorOf(res), JSON.stringify(name)).toEqual([400, 'VALIDATION_FAILED']);
        expect(res.body.errors[0].field).toBe('name');
      }
      const longest = await createTag(t.app, token, { name: 'y'.repeat(100) });
      expect(longest.name).toBe('y'.repeat(100));
    });
  });

  describe('list', () => {
    it('sorts by name ignoring case by default, and by usage_count, most used first', async () => {
      const { as, page: p } = await freshOrg('list');
      const tags: Record<string, TagJson> = {};
      for (const name of ['beta', 'Alpha', 'gamma', 'Delta']) tags[name] = await createTag(t.app, as, { name });
      const [b1, b2, b3] = await blocks(3, p.page_id, as);
      for (const b of [b1, b2, b3]) await assignTag(t.app, as, b.block_id, tags.gamma.tag_id);
      for (const b of [b1, b2]) await assignTag(t.app, as, b.block_id, tags.Delta.tag_id);
      await assignTag(t.app, as, b3.block_id, tags.beta.tag_id);

      const byDefault = await call('GET', TAGS_URL, undefined, as);
      expect(byDefault.status).toBe(200);
      expect(byDefault.body.total).toBe(4);
      expect(byDefault.body.tags.map((tag: TagJson) => [tag.name, tag.usage_count])).toEqual([
        ['Alpha', 0],
        ['beta', 1],
        ['Delta', 2],
        ['gamma', 3],
      ]);
      const byName = await call('GET', `${TAGS_URL}?sort_by=name`, undefined, as);
      expect(byName.body).toEqual(byDefault.body);
      const byUsage = await call('GET', `${TAGS_URL}?sort_by=usage_count`, undefined, as);
      expect(byUsage.status).toBe(200);
      expect(byUsage.body.total).toBe(4);
      expect(byUsage.body.tags.map((tag: TagJson) => [tag.name, tag.usage_count])).toEqual([
        ['gamma', 3],
        ['Delta', 2],
        ['beta', 1],
        ['Alpha', 0],
      ]);
    });

    it('refuses an unknown sort_by', async () => {
      for (const sort of ['foo', 'usage', 'NAME', '']) {
        const res = await call('GET', `${TAGS_URL}?sort_by=${sort}`);
        expect(errorOf(res), sort).toEqual([400, 'VALIDATION_FAILED']);
        expect(res.body.errors[0].field).toBe('sort_by');
      }
    });
  });

  describe('update', () => {
    it('changes only the fields sent and bumps updated_at', async () => {
      const tag = await createTag(t.app, token, { name: 'Editable', color: 'red', description: 'first' });
      await new Promise((r) => setTimeout(r, 5));
      const res = await call('PUT', `${TAGS_URL}/${tag.tag_id}`, { color: 'green' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...tag, color: 'green', updated_at: res.body.updated_at });
      expect(Date.parse(res.body.updated_at)).toBeGreaterThan(Date.parse(tag.updated_at));

      const renamed = await call('PUT', `${TAGS_URL}/${tag.tag_id}`, { name: '  Edited  ', description: null });
      expect(renamed.body).toMatchObject({ name: 'Edited', color: 'green', description: null });
      const uncoloured = await call('PUT', `${TAGS_URL}/${tag.tag_id}`, { color: null });
      expect(uncoloured.body).toMatchObject({ name: 'Edited', color: null, description: null });
      expect(await getTag(tag.tag_id)).toEqual(uncoloured.body);
    });

    it('refuses an empty update and invalid fields without changing the tag', async () => {
      const tag = await createTag(t.app, token, { name: 'Stable', color: 'blue' });
      for (const body of [{}, { organization_id: 'x' }]) {
        expect(errorOf(await call('PUT', `${TAGS_URL}/${tag.tag_id}`, body))).toEqual([400, 'EMPTY_UPDATE']);
      }
      for (const body of [
        { name: '' },
        { name: '   ' },
        { name: null },
        { name: 'z'.repeat(101) },
        { color: '#12345' },
      ]) {
        expect(errorOf(await call('PUT', `${TAGS_URL}/${tag.tag_id}`, body)), JSON.stringify(body)).toEqual([
          400,
          'VALIDATION_FAILED',
        ]);
      }
      expect(await getTag(tag.tag_id)).toEqual(tag);
    });

    it('refuses a rename onto another tag’s name ignoring case, but allows re-casing its own', async () => {
      const taken = await createTag(t.app, token, { name: 'Taken' });
      const mine = await createTag(t.app, token, { name: 'Mine' });
      for (const name of ['Taken', 'taken', ' TAKEN ']) {
        expect(errorOf(await call('PUT', `${TAGS_URL}/${mine.tag_id}`, { name }))).toEqual([409, 'DUPLICATE_TAG']);
      }
      expect((await getTag(mine.tag_id)).name).toBe('Mine');
      expect((await getTag(taken.tag_id)).name).toBe('Taken');
      const recased = await call('PUT', `${TAGS_URL}/${mine.tag_id}`, { name: 'MINE' });
      expect([recased.status, recased.body.name]).toEqual([200, 'MINE']);
    });

    it('answers 404 for a tag that does not exist', async () => {
      expect(errorOf(await call('PUT', `${TAGS_URL}/${MISSING}`, { name: 'x' }))).toEqual([404, 'TAG_NOT_FOUND']);
    });
  });

  describe('assign and remove', () => {
    it('assigns, refuses a second assignment, removes, and keeps properties.tags exact', async () => {
      const block = await addBlock(t.app, token, page.page_id, { content: { text: 'assign me' } });
      expect(block.properties.tags).toEqual([]);
      const first = await createTag(t.app, token, { name: 'First' });
      const second = await createTag(t.app, token, { name: 'Second' });

      const assigned = await call('POST', `${BLOCKS_URL}/${block.block_id}/tags`, { tag_id: first.tag_id });
      expect(assigned.status).toBe(200);
      expect(assigned.body).toEqual({
        block_id: block.block_id,
        tags: [{ ...first, usage_count: 1 }],
        total: 1,
      });
      const again = await call('POST', `${BLOCKS_URL}/${block.block_id}/tags`, { tag_id: first.tag_id });
      expect(errorOf(again)).toEqual([409, 'TAG_ALREADY_ASSIGNED']);
      const upper = await call('POST', `${BLOCKS_URL}/${block.block_id.toUpperCase()}/tags`, {
        tag_id: first.tag_id.toUpperCase(),
      });
      expect(errorOf(upper)).toEqual([409, 'TAG_ALREADY_ASSIGNED']);

      const afterOne = await getBlock(block.block_id);
      expect(afterOne.properties).toEqual({ tags: [first.tag_id] });
      expect(afterOne.version).toBe(block.version + 1);

      await assignTag(t.app, token, block.block_id, second.tag_id);
      expect((await getBlock(block.block_id)).properties.tags).toEqual([first.tag_id, second.tag_id]);
      expect(await tagIdsOf(block.block_id)).toEqual([first.tag_id, second.tag_id]);

      const removed = await call('DELETE', `${BLOCKS_URL}/${block.block_id}/tags/${first.tag_id}`);
      expect(removed.status).toBe(204);
      expect(removed.body).toBeUndefined();
      const removedAgain = await call('DELETE', `${BLOCKS_URL}/${block.block_id}/tags/${first.tag_id}`);
      expect(errorOf(removedAgain)).toEqual([404, 'TAG_NOT_ASSIGNED']);
      const neverAssigned = await createTag(t.app, token, { name: 'Never' });
      const notThere = await call('DELETE', `${BLOCKS_URL}/${block.block_id}/tags/${neverAssigned.tag_id}`);
      expect(errorOf(notThere)).toEqual([404, 'TAG_NOT_ASSIGNED']);

      expect((await getBlock(block.block_id)).properties.tags).toEqual([second.tag_id]);
      expect(await tagIdsOf(block.block_id)).toEqual([second.tag_id]);
      expect((await getTag(first.tag_id)).usage_count).toBe(0);
      expect((await getTag(second.tag_id)).usage_count).toBe(1);
    });

    it('answers 404 for an unknown tag or block', async () => {
      const block = await addBlock(t.app, token, page.page_id);
      const tag = await createTag(t.app, token, { name: 'Known' });
      const noTag = await call('POST', `${BLOCKS_URL}/${block.block_id}/tags`, { tag_id: MISSING });
      expect(errorOf(noTag)).toEqual([404, 'TAG_NOT_FOUND']);
      const noBlock = await call('POST', `${BLOCKS_URL}/${MISSING}/tags`, { tag_id: tag.tag_id });
      expect(errorOf(noBlock)).toEqual([404, 'BLOCK_NOT_FOUND']);
      expect(errorOf(await call('DELETE', `${BLOCKS_URL}/${MISSING}/tags/${tag.tag_id}`))).toEqual([
        404,
        'BLOCK_NOT_FOUND',
      ]);
      expect(errorOf(await call('GET', `${BLOCKS_URL}/${MISSING}/tags`))).toEqual([404, 'BLOCK_NOT_FOUND']);
      expect((await getTag(tag.tag_id)).usage_count).toBe(0);
    });

    it('counts usage_count as the number of blocks carrying the tag', async () => {
      const { as, page: p } = await freshOrg('usage');
      const q = await createPage(t.app, as, { title: 'second page' });
      const tag = await createTag(t.app, as, { name: 'Counted' });
      const other = await createTag(t.app, as, { name: 'Other' });
      const onP = await blocks(3, p.page_id, as);
      const onQ = await blocks(2, q.page_id, as);
      for (const b of [...onP, onQ[0]]) await assignTag(t.app, as, b.block_id, tag.tag_id);
      await assignTag(t.app, as, onQ[1].block_id, other.tag_id);
      expect((await getTag(tag.tag_id, as)).usage_count).toBe(4);
      expect(await assignmentRows(tag.tag_id)).toBe(4);

      expect((await call('DELETE', `${BLOCKS_URL}/${onP[1].block_id}`, undefined, as)).status).toBe(204);
      expect((await call('DELETE', `${BLOCKS_URL}/${onQ[0].block_id}/tags/${tag.tag_id}`, undefined, as)).status).toBe(
        204,
      );
      const listed = await call('GET', TAGS_URL, undefined, as);
      expect(listed.body.tags.map((x: TagJson) => [x.name, x.usage_count])).toEqual([
        ['Counted', 2],
        ['Other', 1],
      ]);
      expect(await assignmentRows(tag.tag_id)).toBe(2);
    });

    it('ignores a client-sent properties.tags on block create and update', async () => {
      const tag = await createTag(t.app, token, { name: 'Managed' });
      const spare = await createTag(t.app, token, { name: 'Spare' });
      const block = await addBlock(t.app, token, page.page_id, {
        properties: { tags: [spare.tag_id, 'nonsense'], colour: 'red' },
      });
      expect(block.properties).toEqual({ colour: 'red', tags: [] });
      expect(await tagIdsOf(block.block_id)).toEqual([]);

      await assignTag(t.app, token, block.block_id, tag.tag_id);
      const updated = await call('PUT', `${BLOCKS_URL}/${block.block_id}`, {
        properties: { tags: [spare.tag_id], note: 'n' },
      });
      expect(updated.status).toBe(200);
      expect(updated.body.properties).toEqual({ note: 'n', tags: [tag.tag_id] });
      const cleared = await call('PUT', `${BLOCKS_URL}/${block.block_id}`, { properties: { tags: [] } });
      expect(cleared.body.properties).toEqual({ tags: [tag.tag_id] });
      expect((await getBlock(block.block_id)).properties).toEqual({ tags: [tag.tag_id] });
      expect(await tagIdsOf(block.block_id)).toEqual([tag.tag_id]);
      expect((await getTag(spare.tag_id)).usage_count).toBe(0);
      expect((await getTag(tag.tag_id)).usage_count).toBe(1);
      const stored = await db().query('SELECT properties FROM blocks WHERE block_id = $1', [block.block_id]);
      expect(stored[0].properties.tags).toBeUndefined();
    });
  });

  describe('delete', () => {
    it('deletes the tag and removes it from every block', async () => {
      const doomed = await createTag(t.app, token, { name: 'Doomed' });
      const keeper = await createTag(t.app, token, { name: 'Keeper' });
      const [a, b] = [await addBlock(t.app, token, page.page_id), await addBlock(t.app, token, page.page_id)];
      await assignTag(t.app, token, a.block_id, keeper.tag_id);
      await assignTag(t.app, token, a.block_id, doomed.tag_id);
      await assignTag(t.app, token, b.block_id, doomed.tag_id);
      expect((await getBlock(a.block_id)).properties.tags).toEqual([keeper.tag_id, doomed.tag_id]);

      const res = await call('DELETE', `${TAGS_URL}/${doomed.tag_id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true, message: expect.stringContaining('Doomed'), tag_id: doomed.tag_id });

      expect(errorOf(await call('GET', `${TAGS_URL}/${doomed.tag_id}`))).toEqual([404, 'TAG_NOT_FOUND']);
      expect(errorOf(await call('DELETE', `${TAGS_URL}/${doomed.tag_id}`))).toEqual([404, 'TAG_NOT_FOUND']);
      expect((await getBlock(a.block_id)).properties.tags).toEqual([keeper.tag_id]);
      expect((await getBlock(b.block_id)).properties.tags).toEqual([]);
      expect(await tagIdsOf(a.block_id)).toEqual([keeper.tag_id]);
      expect(await tagIdsOf(b.block_id)).toEqual([]);
      expect(await assignmentRows(doomed.tag_id)).toBe(0);
      const listed = await call('GET', TAGS_URL);
      expect(listed.body.tags.map((x: TagJson) => x.tag_id)).not.toContain(doomed.tag_id);
      expect((await getTag(keeper.tag_id)).usage_count).toBe(1);
      // Assigning the deleted tag is a 404, and the name is free again.
      const late = await call('POST', `${BLOCKS_URL}/${b.block_id}/tags`, { tag_id: doomed.tag_id });
      expect(errorOf(late)).toEqual([404, 'TAG_NOT_FOUND']);
      expect((await call('POST', TAGS_URL, { name: 'doomed' })).status).toBe(201);
    });
  });

  describe('concurrency', () => {
    it('keeps usage_count exact under 50 parallel assignments and 25 parallel removals', async () => {
      const { as, page: p } = await freshOrg('parallel');
      const tag = await createTag(t.app, as, { name: 'Busy' });
      const all = await blocks(75, p.page_id, as);
      const toAssign = all.slice(0, 50);
      const toRemove = all.slice(50);
      await Promise.all(toRemove.map((b) => assignTag(t.app, as, b.block_id, tag.tag_id)));
      expect((await getTag(tag.tag_id, as)).usage_count).toBe(25);

      const results = await Promise.all([
        ...toAssign.map((b) => call('POST', `${BLOCKS_URL}/${b.block_id}/tags`, { tag_id: tag.tag_id }, as)),
        ...toRemove.map((b) => call('DELETE', `${BLOCKS_URL}/${b.block_id}/tags/${tag.tag_id}`, undefined, as)),
      ]);
      expect(results.slice(0, 50).map((r) => r.status)).toEqual(Array(50).fill(200));
      expect(results.slice(50).map((r) => r.status)).toEqual(Array(25).fill(204));

      expect((await getTag(tag.tag_id, as)).usage_count).toBe(50);
      expect(await assignmentRows(tag.tag_id)).toBe(50);
      const listed = await call('GET', `${BLOCKS_URL}?page_id=${p.page_id}&limit=500`, undefined, as);
      const tagged = listed.body.blocks
        .filter((b: ContentBlockJson) => b.properties.tags.includes(tag.tag_id))
        .map((b: ContentBlockJson) => b.block_id)
        .sort();
      expect(tagged).toEqual(toAssign.map((b) => b.block_id).sort());
    });

    it('lets exactly one of 20 parallel assignments of the same tag to the same block succeed', async () => {
      const tag = await createTag(t.app, token, { name: 'Race' });
      const block = await addBlock(t.app, token, page.page_id);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => call('POST', `${BLOCKS_URL}/${block.block_id}/tags`, { tag_id: tag.tag_id })),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, ...Array(19).fill(409)]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.error_code).toBe('TAG_ALREADY_ASSIGNED');
      expect((await getTag(tag.tag_id)).usage_count).toBe(1);
      expect(await assignmentRows(tag.tag_id)).toBe(1);
      expect((await getBlock(block.block_id)).properties.tags).toEqual([tag.tag_id]);

      const removals = await Promise.all(
        Array.from({ length: 10 }, () => call('DELETE', `${BLOCKS_URL}/${block.block_id}/tags/${tag.tag_id}`)),
      );
      expect(removals.map((r) => r.status).sort()).toEqual([204, ...Array(9).fill(404)]);
      expect(await assignmentRows(tag.tag_id)).toBe(0);
    });

    it('creates exactly one of 10 parallel tags whose names differ only in case', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => call('POST', TAGS_URL, { name: i % 2 ? 'PARALLEL' : 'parallel' })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.error_code).toBe('DUPLICATE_TAG');
      const rows = await db().query(
        'SELECT count(*)::int AS n FROM tags WHERE organization_id = $1 AND lower(name) = $2',
        [org, 'parallel'],
      );
      expect(rows).toEqual([{ n: 1 }]);
    });
  });

  describe('tenant isolation', () => {
    it('never shows or changes another organization’s tags and blocks', async () => {
      const { as: theirs, page: theirPage } = await freshOrg('theirs');
      const theirTag = await createTag(t.app, theirs, { name: 'Secret', color: 'red' });
      const theirBlock = await addBlock(t.app, theirs, theirPage.page_id);
      await assignTag(t.app, theirs, theirBlock.block_id, theirTag.tag_id);
      const theirTagBefore = await getTag(theirTag.tag_id, theirs);
      const theirBlockBefore = await getBlock(theirBlock.block_id, theirs);

      const myTag = await createTag(t.app, token, { name: 'Mine too' });
      const myBlock = await addBlock(t.app, token, page.page_id);

      expect(errorOf(await call('GET', `${TAGS_URL}/${theirTag.tag_id}`))).toEqual([404, 'TAG_NOT_FOUND']);
      expect(errorOf(await call('PUT', `${TAGS_URL}/${theirTag.tag_id}`, { name: 'Pwned' }))).toEqual([
        404,
        'TAG_NOT_FOUND',
      ]);
      expect(errorOf(await call('DELETE', `${TAGS_URL}/${theirTag.tag_id}`))).toEqual([404, 'TAG_NOT_FOUND']);
      const theirTagOnMine = await call('POST', `${BLOCKS_URL}/${myBlock.block_id}/tags`, { tag_id: theirTag.tag_id });
      expect(errorOf(theirTagOnMine)).toEqual([404, 'TAG_NOT_FOUND']);
      const myTagOnTheirs = await call('POST', `${BLOCKS_URL}/${theirBlock.block_id}/tags`, { tag_id: myTag.tag_id });
      expect(errorOf(myTagOnTheirs)).toEqual([404, 'BLOCK_NOT_FOUND']);
      const theirTagOnTheirs = await call('POST', `${BLOCKS_URL}/${theirBlock.block_id}/tags`, {
        tag_id: theirTag.tag_id,
      });
      expect(errorOf(theirTagOnTheirs)).toEqual([404, 'BLOCK_NOT_FOUND']);
      expect(errorOf(await call('DELETE', `${BLOCKS_URL}/${theirBlock.block_id}/tags/${theirTag.tag_id}`))).toEqual([
        404,
        'BLOCK_NOT_FOUND',
      ]);
      expect(errorOf(await call('DELETE', `${BLOCKS_URL}/${myBlock.block_id}/tags/${theirTag.tag_id}`))).toEqual([
        404,
        'TAG_NOT_ASSIGNED',
      ]);
      expect(errorOf(await call('GET', `${BLOCKS_URL}/${theirBlock.block_id}/tags`))).toEqual([404, 'BLOCK_NOT_FOUND']);
      const mine = await call('GET', TAGS_URL);
      expect(mine.body.tags.map((x: TagJson) => x.tag_id)).not.toContain(theirTag.tag_id);
      expect(mine.body.tags.every((x: TagJson) => x.organization_id === org)).toBe(true);
      // The same name is free in my organization.
      expect((await call('POST', TAGS_URL, { name: 'secret' })).status).toBe(201);

      expect(await getTag(theirTag.tag_id, theirs)).toEqual(theirTagBefore);
      expect(await getBlock(theirBlock.block_id, theirs)).toEqual(theirBlockBefore);
      expect(await tagIdsOf(theirBlock.block_id, theirs)).toEqual([theirTag.tag_id]);
      expect(await tagIdsOf(myBlock.block_id)).toEqual([]);
      expect((await getTag(myTag.tag_id)).usage_count).toBe(0);
    });
  });

  describe('bad input', () => {
    it('refuses a tag_id that is not a UUID in the assign body', async () => {
      const block = await addBlock(t.app, token, page.page_id);
      for (const body of [{ tag_id: 'abc' }, { tag_id: 42 }, { tag_id: null }, {}, { tag_id: `${MISSING}x` }]) {
        const res = await call('POST', `${BLOCKS_URL}/${block.block_id}/tags`, body);
        expect(errorOf(res), JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
        expect(res.body.errors[0].field).toBe('tag_id');
      }
      expect(await tagIdsOf(block.block_id)).toEqual([]);
    });

    it('answers 404 for path ids that are not UUIDs', async () => {
      const block = await addBlock(t.app, token, page.page_id);
      const tag = await createTag(t.app, token, { name: 'Path ids' });
      const cases: Array<[Method, string, unknown, string]> = [
        ['GET', `${TAGS_URL}/abc`, undefined, 'TAG_NOT_FOUND'],
        ['PUT', `${TAGS_URL}/abc`, { name: 'x' }, 'TAG_NOT_FOUND'],
        ['DELETE', `${TAGS_URL}/abc`, undefined, 'TAG_NOT_FOUND'],
        ['GET', `${TAGS_URL}/${MISSING}1`, undefined, 'TAG_NOT_FOUND'],
        ['POST', `${BLOCKS_URL}/abc/tags`, { tag_id: tag.tag_id }, 'BLOCK_NOT_FOUND'],
        ['GET', `${BLOCKS_URL}/abc/tags`, undefined, 'BLOCK_NOT_FOUND'],
        ['DELETE', `${BLOCKS_URL}/abc/tags/${tag.tag_id}`, undefined, 'BLOCK_NOT_FOUND'],
        ['DELETE', `${BLOCKS_URL}/${block.block_id}/tags/abc`, undefined, 'TAG_NOT_ASSIGNED'],
      ];
      for (const [method, url, payload, code] of cases) {
        expect(errorOf(await call(method, url, payload)), `${method} ${url}`).toEqual([404, code]);
      }
    });

    it('refuses broken JSON', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: TAGS_URL,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: '{"name": "broken"',
      });
      expect([res.statusCode, res.json().error_code]).toEqual([400, 'INVALID_JSON']);
      const rows = await db().query(`SELECT count(*)::int AS n FROM tags WHERE name = 'broken'`);
      expect(rows).toEqual([{ n: 0 }]);
    });
  });
});
