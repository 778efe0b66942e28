import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBlock, assignTag, BLOCKS_URL, ContentBlockJson, createTag } from '../factories/content';
import { createPage, PAGES, PageJson } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, TestApp } from '../support/app';
import { Reply, send } from '../support/http';

const SEARCH = '/api/v1/ocean/search';

interface ResultJson {
  block_id: string;
  page_id: string;
  page_title: string;
  block_type: string;
  content: Record<string, unknown>;
  score: number;
  highlights: string[];
  snippet: string;
  created_at: string;
  updated_at: string;
}

describe('search API', () => {
  let t: TestApp;
  let token: string;
  let other: string;
  const org = `org-search-${Date.now()}`;
  const blocks: Record<string, ContentBlockJson> = {};
  let roadmap: PageJson;
  let kitchen: PageJson;
  let archived: PageJson;
  let otherPage: PageJson;

  const get = (params: Record<string, string>, as = token): Promise<Reply> =>
    send(t.app, 'GET', `${SEARCH}?${new URLSearchParams(params).toString()}`, { token: as });
  const post = (payload: unknown, as = token): Promise<Reply> => send(t.app, 'POST', SEARCH, { token: as, payload });
  /** The results of a metadata search, checked to be a 200 of the documented shape. */
  const found = async (q: string, extra: Record<string, string> = {}, as = token): Promise<ResultJson[]> => {
    const res = await get({ q, search_type: 'metadata', ...extra }, as);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.total).toBeGreaterThanOrEqual(res.body.results.length);
    return res.body.results;
  };
  const ids = (results: ResultJson[]): string[] => results.map((r) => r.block_id);
  const add = async (key: string, page: PageJson, body: Record<string, unknown>, as = token): Promise<void> => {
    blocks[key] = await addBlock(t.app, as, page.page_id, body);
  };
  const text = (value: string) => ({ block_type: 'text', content: { text: value } });

  beforeAll(async () => {
    t = await bootApp();
    token = await signToken({ org, user: 'searcher' });
    other = await signToken({ org: `${org}-other`, user: 'intruder' });
    roadmap = await createPage(t.app, token, { title: 'Quarterly Roadmap' });
    kitchen = await createPage(t.app, token, { title: 'Café Menu' });
    archived = await createPage(t.app, token, { title: 'Old Plans' });
    otherPage = await createPage(t.app, other, { title: 'Secret Roadmap' });

    await add('heading', roadmap, { block_type: 'heading', content: { text: 'Budget review', level: 2 } });
    await add('budget', roadmap, text('The marketing budget grows by ten percent next quarter.'));
    await add('deploy', roadmap, text('We are deploying the new billing service on Monday.'));
    await add('list', roadmap, {
      block_type: 'list',
      content: { items: ['hire engineers', 'ship search'], listType: 'bullet' },
    });
    await add('task', roadmap, {
      block_type: 'task',
      content: { text: 'Renew the kubernetes certificates', checked: false },
    });
    await add('link', roadmap, {
      block_type: 'link',
      content: { url: 'https://docs.example.org/observability/grafana-dashboards', text: 'Monitoring guide' },
    });
    await add('creme', kitchen, text('Crème brûlée with fresh raspberries'));
    await add('coffee', kitchen, text('Espresso machine maintenance schedule'));
    await add('kitchenBudget', kitchen, text('Ingredients budget for December'));
    await add('archivedBudget', archived, text('An archived budget nobody reads'));
    await add('foreign', otherPage, text('Confidential budget and the word zyxomorphic'), other);
    await add('hostile', roadmap, text(`Robert'); DROP TABLE blocks;-- said a & b | !c (( :* "quoted"`));
    const res = await send(t.app, 'DELETE', `${PAGES}/${archived.page_id}`, { token });
    expect(res.status).toBe(204);
  });
  afterAll(() => t?.close());

  it('finds a block by one of its words, best first, in the documented shape', async () => {
    const res = await get({ q: 'espresso' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, search_type: 'hybrid', query: 'espresso', threshold: 0, limit: 20 });
    const [hit] = res.body.results as ResultJson[];
    expect(hit).toMatchObject({
      block_id: blocks.coffee.block_id,
      page_id: kitchen.page_id,
      page_title: 'Café Menu',
      block_type: 'text',
      content: { text: 'Espresso machine maintenance schedule' },
      highlights: ['Espresso'],
      snippet: '**Espresso** machine maintenance schedule',
      created_at: blocks.coffee.created_at,
      updated_at: blocks.coffee.updated_at,
    });
    expect(hit.score).toBeGreaterThan(0);
    expect(hit.score).toBeLessThanOrEqual(1);
  });

  it('says hybrid is degraded when no embeddings provider is configured; metadata is not', async () => {
    const hybrid = await get({ q: 'espresso' });
    expect(hybrid.body).toMatchObject({ degraded: true, degraded_reason: 'not_configured' });
    const metadata = await get({ q: 'espresso', search_type: 'metadata' });
    expect(metadata.body).toMatchObject({ degraded: false, degraded_reason: null, search_type: 'metadata' });
  });

  it('answers semantic without a provider with 400 SEMANTIC_SEARCH_UNAVAILABLE saying how to configure one', async () => {
    const res = await get({ q: 'espresso', search_type: 'semantic' });
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe('SEMANTIC_SEARCH_UNAVAILABLE');
    expect(res.body.detail).toContain('EMBEDDINGS_URL');
  });

  it('matches stems: deploy, deployment and deploys find "deploying"', async () => {
    for (const q of ['deploy', 'deploys', 'deployed']) {
      const results = await found(q);
      expect(ids(results), q).toEqual([blocks.deploy.block_id]);
      expect(results[0].highlights).toEqual(['deploying']);
    }
  });

  it('ignores accents and case both ways, and highlights the block’s own word', async () => {
    const results = await found('CREME brulee');
    expect(ids(results)).toEqual([blocks.creme.block_id]);
    expect(results[0].highlights).toEqual(['Crème', 'brûlée']);
    expect(results[0].snippet).toBe('**Crème** **brûlée** with fresh raspberries');
    expect(ids(await found('café'))).toEqual(
      expect.arrayContaining([blocks.creme.block_id, blocks.coffee.block_id, blocks.kitchenBudget.block_id]),
    );
    expect(ids(await found('ESPRÉSSO'))).toEqual([blocks.coffee.block_id]);
  });

  it('treats every word as a prefix, as a person types', async () => {
    expect(ids(await found('kube'))).toEqual([blocks.task.block_id]);
    expect(ids(await found('renew kubern cert'))).toEqual([blocks.task.block_id]);
    const [hit] = await found('maint');
    expect(hit.highlights).toEqual(['maintenance']);
  });

  it('corrects a typo of one or two letters to a word of the organization', async () => {
    expect(ids(await found('espreso'))).toEqual([blocks.coffee.block_id]);
    expect(ids(await found('raspbrries'))).toEqual([blocks.creme.block_id]);
    expect(ids(await found('kubrenetes'))).toEqual([blocks.task.block_id]);
    const [hit] = await found('mainetnance');
    expect(hit.block_id).toBe(blocks.coffee.block_id);
    expect(hit.highlights).toEqual(['maintenance']);
  });

  it('never corrects to, nor finds, another organization’s words', async () => {
    expect(await found('zyxomorphic')).toEqual([]);
    expect(await found('zyxomorphik')).toEqual([]);
    const rows: Array<{ n: number }> = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM search_vocabulary WHERE word = 'zyxomorphic'`);
    expect(rows[0].n).toBe(1);
    const theirs = await found('budget', {}, other);
    expect(ids(theirs)).toEqual([blocks.foreign.block_id]);
    const ours = await found('confidential');
    expect(ours).toEqual([]);
  });

  it('counts a page title word as context, below the block’s own words', async () => {
    const results = await found('roadmap budget');
    expect(ids(results)).toEqual([blocks.heading.block_id, blocks.budget.block_id]);
    const onlyTitle = await found('quarterly');
    expect(ids(onlyTitle)).toEqual(expect.arrayContaining([blocks.deploy.block_id, blocks.list.block_id]));
    // "quarterly" stems to "quarter", a word of the budget block itself; the others match by title only.
    const byTitle = onlyTitle.filter((r) => r.block_id !== blocks.budget.block_id);
    expect(byTitle.length).toBeGreaterThan(3);
    expect(byTitle.every((r) => r.highlights.length === 0 && !r.snippet.includes('**'))).toBe(true);
    expect(onlyTitle[0].block_id).toBe(blocks.budget.block_id);
    const own = await found('quarter');
    expect(own[0].block_id).toBe(blocks.budget.block_id);
    expect(own[0].score).toBeGreaterThan(own[1].score);
  });

  it('weighs heading text above body text', async () => {
    const results = await found('budget', { page_id: roadmap.page_id });
    expect(ids(results)).toEqual([blocks.heading.block_id, blocks.budget.block_id]);
    expect(results[0].score).toBeGreaterThan(results[1].score);
  });

  it('finds list items, task text, link text and the words of a link URL', async () => {
    expect(ids(await found('engineers'))).toEqual([blocks.list.block_id]);
    expect(ids(await found('certificates'))).toEqual([blocks.task.block_id]);
    expect(ids(await found('monitoring'))).toEqual([blocks.link.block_id]);
    expect(ids(await found('grafana dashboards'))).toEqual([blocks.link.block_id]);
    expect(ids(await found('observability'))).toEqual([blocks.link.block_id]);
  });

  it('leaves out the blocks of archived pages, and finds them again once restored', async () => {
    expect(await found('archived budget nobody')).toEqual([]);
    const restored = await send(t.app, 'POST', `${PAGES}/${archived.page_id}/restore`, { token });
    expect(restored.status).toBe(200);
    expect(ids(await found('archived budget nobody'))).toEqual([blocks.archivedBudget.block_id]);
    expect((await send(t.app, 'DELETE', `${PAGES}/${archived.page_id}`, { token })).status).toBe(204);
    expect(await found('archived budget nobody')).toEqual([]);
  });

  it('leaves out the blocks of a page under an archived page', async () => {
    const parent = await createPage(t.app, token, { title: 'Parent' });
    const child = await createPage(t.app, token, { title: 'Child', parent_page_id: parent.page_id });
    const block = await addBlock(t.app, token, child.page_id, text('Hidden with its ancestor: quokka'));
    expect(ids(await found('quokka'))).toEqual([block.block_id]);
    expect((await send(t.app, 'DELETE', `${PAGES}/${parent.page_id}`, { token })).status).toBe(204);
    expect(await found('quokka')).toEqual([]);
    expect((await send(t.app, 'POST', `${PAGES}/${parent.page_id}/restore`, { token })).status).toBe(200);
    expect(ids(await found('quokka'))).toEqual([block.block_id]);
  });

  it('keeps the index current with every write: update, convert, delete, page rename', async () => {
    const page = await createPage(t.app, token, { title: 'Scratchpad' });
    const block = await addBlock(t.app, token, page.page_id, text('A note about penguins'));
    expect(ids(await found('penguins'))).toEqual([block.block_id]);
    const put = await send(t.app, 'PUT', `${BLOCKS_URL}/${block.block_id}`, {
      token,
      payload: { content: { text: 'A note about walruses' } },
    });
    expect(put.status).toBe(200);
    expect(await found('penguins')).toEqual([]);
    expect(ids(await found('walruses'))).toEqual([block.block_id]);
    const converted = await send(t.app, 'POST', `${BLOCKS_URL}/${block.block_id}/convert`, {
      token,
      payload: { new_type: 'heading' },
    });
    expect(converted.status).toBe(200);
    expect((await found('walruses'))[0].block_type).toBe('heading');
    const renamed = await send(t.app, 'PUT', `${PAGES}/${page.page_id}`, { token, payload: { title: 'Antarctic' } });
    expect(renamed.status).toBe(200);
    expect(ids(await found('antarctic walrus'))).toEqual([block.block_id]);
    expect(await found('scratchpad walrus')).toEqual([]);
    expect((await send(t.app, 'DELETE', `${BLOCKS_URL}/${block.block_id}`, { token })).status).toBe(204);
    expect(await found('walruses')).toEqual([]);
  });

  it('filters by block_types, page_id, tags (all of them) and updated_at dates', async () => {
    expect(ids(await found('budget', { block_types: 'heading' }))).toEqual([blocks.heading.block_id]);
    expect(ids(await found('budget', { block_types: 'heading,text' }))).toHaveLength(3);
    expect(ids(await found('budget', { page_id: kitchen.page_id }))).toEqual([blocks.kitchenBudget.block_id]);
    expect(await found('budget', { page_id: otherPage.page_id })).toEqual([]);
    const urgent = await createTag(t.app, token, { name: 'urgent' });
    const money = await createTag(t.app, token, { name: 'money' });
    await assignTag(t.app, token, blocks.budget.block_id, urgent.tag_id);
    await assignTag(t.app, token, blocks.budget.block_id, money.tag_id);
    await assignTag(t.app, token, blocks.kitchenBudget.block_id, money.tag_id);
    expect(ids(await found('budget', { tags: money.tag_id }))).toEqual(
      expect.arrayContaining([blocks.budget.block_id, blocks.kitchenBudget.block_id]),
    );
    expect(ids(await found('budget', { tags: `${money.tag_id},${urgent.tag_id}` }))).toEqual([blocks.budget.block_id]);
    const today = new Date().toISOString().slice(0, 10);
    expect(ids(await found('budget', { date_from: today, date_to: today }))).toHaveLength(3);
    expect(await found('budget', { date_to: '2000-01-01' })).toEqual([]);
    expect(await found('budget', { date_from: '2999-01-01T00:00:00Z' })).toEqual([]);
    const body = await post({ q: 'budget', search_type: 'metadata', tags: [money.tag_id, urgent.tag_id] });
    expect(body.status).toBe(200);
    expect(ids(body.body.results)).toEqual([blocks.budget.block_id]);
  });

  it('applies limit and threshold, and counts every match in total', async () => {
    const all = await get({ q: 'budget', search_type: 'metadata' });
    expect(all.body.total).toBe(3);
    const one = await get({ q: 'budget', search_type: 'metadata', limit: '1' });
    expect(one.body).toMatchObject({ total: 3, limit: 1 });
    expect(one.body.results).toHaveLength(1);
    const scores = (all.body.results as ResultJson[]).map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const cut = (scores[0] + scores[2]) / 2;
    const above = await get({ q: 'budget', search_type: 'metadata', threshold: String(cut) });
    expect(above.body.threshold).toBe(cut);
    expect((above.body.results as ResultJson[]).every((r) => r.score >= cut)).toBe(true);
    expect(above.body.total).toBe(above.body.results.length);
    expect(above.body.total).toBeLessThan(3);
  });

  it('answers POST with the same results as GET', async () => {
    const viaGet = await get({ q: 'kubern cert', search_type: 'metadata' });
    const viaPost = await post({ q: 'kubern cert', search_type: 'metadata', limit: 5 });
    expect(viaPost.status).toBe(200);
    expect(ids(viaPost.body.results)).toEqual(ids(viaGet.body.results));
    expect(viaPost.body.limit).toBe(5);
  });

  it('treats query syntax as words: hostile input is a 200, never an error', async () => {
    for (const q of [
      `'); DROP TABLE blocks;--`,
      'a & | ! ((',
      ':*',
      '"quoted',
      `it's`,
      '\\',
      "'",
      '!!!',
      '(((',
      '&|',
    ]) {
      const res = await get({ q, search_type: 'metadata' });
      expect(res.status, q).toBe(200);
    }
    expect(ids(await found(`'); DROP TABLE blocks;--`))).toEqual([blocks.hostile.block_id]);
    expect(await found('& | ! ((')).toEqual([]);
    expect(ids(await found('"quoted"'))).toEqual([blocks.hostile.block_id]);
  });

  it('refuses bad parameters with a 400 naming the field, and changes nothing', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'q'],
      [{ q: '' }, 'q'],
      [{ q: '   ' }, 'q'],
      [{ q: 'x'.repeat(501) }, 'q'],
      [{ q: 'a', search_type: 'fuzzy' }, 'search_type'],
      [{ q: 'a', block_types: 'text,video' }, 'block_types'],
      [{ q: 'a', page_id: 'not-a-uuid' }, 'page_id'],
      [{ q: 'a', tags: 'x,y' }, 'tags'],
      [{ q: 'a', date_from: 'yesterday' }, 'date_from'],
      [{ q: 'a', date_from: '2026-02-30' }, 'date_from'],
      [{ q: 'a', date_to: '2026-13-01' }, 'date_to'],
      [{ q: 'a', date_from: '2026-12-02', date_to: '2026-12-01' }, 'date_to'],
      [{ q: 'a', limit: '0' }, 'limit'],
      [{ q: 'a', limit: '101' }, 'limit'],
      [{ q: 'a', limit: 'ten' }, 'limit'],
      [{ q: 'a', threshold: '1.5' }, 'threshold'],
      [{ q: 'a', threshold: '-0.1' }, 'threshold'],
      [{ q: 'a', threshold: 'NaN' }, 'threshold'],
    ];
    for (const [params, field] of cases) {
      const res = await get(params);
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect(res.body.error_code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await get({ q: 'x'.repeat(500), search_type: 'metadata' })).status).toBe(200);
    const nul = await send(t.app, 'GET', `${SEARCH}?q=a%00b`, { token });
    expect([nul.status, nul.body.error_code]).toEqual([400, 'INVALID_TEXT']);
    const surrogate = await post({ q: 'a\ud800b' });
    expect([surrogate.status, surrogate.body.error_code]).toEqual([400, 'INVALID_TEXT']);
    for (const payload of [
      { q: 5 },
      { q: ['a'] },
      { q: 'a', limit: '5x' },
      { q: 'a', tags: 'x' },
      { q: 'a', block_types: [1] },
    ]) {
      const res = await post(payload);
      expect(res.status, JSON.stringify(payload)).toBe(400);
    }
  });

  it('needs a credential', async () => {
    const res = await send(t.app, 'GET', `${SEARCH}?q=budget`, {});
    expect(res.status).toBe(401);
  });
});
