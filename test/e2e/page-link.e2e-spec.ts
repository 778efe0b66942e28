import { DataSource } from 'typeorm';
import { BackfillPageLinkMentions1732700000000 } from '../../src/database/migrations/1732700000000-backfill-page-link-mentions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addBlock,
  BacklinkJson,
  BLOCKS_URL,
  ContentBlockJson,
  createLink,
  LINKS_URL,
  LinkJson,
} from '../factories/content';
import { createPage, PageJson, PAGES } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, TestApp } from '../support/app';
import { Reply, send } from '../support/http';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A page_link block keeps one 'mention' link to the page it names, through every write. */
describe('page_link blocks and their links', () => {
  let t: TestApp;
  let token: string;
  let home: PageJson;
  const org = `org-page-link-${Date.now()}`;

  const call = (method: Method, url: string, payload?: unknown, as = token): Promise<Reply> =>
    send(t.app, method, url, { token: as, payload });
  const db = (): DataSource => t.app.get(DataSource);
  const pageLink = (to: string, pageId = home.page_id, as = token, displayText = 'see'): Promise<ContentBlockJson> =>
    addBlock(t.app, as, pageId, { block_type: 'page_link', content: { linkedPageId: to, displayText } });
  /** The links whose source is the block, as GET /links lists them. */
  const linksFrom = async (blockId: string, as = token): Promise<LinkJson[]> => {
    const res = await call('GET', `${LINKS_URL}?source_block_id=${blockId}`, undefined, as);
    expect(res.status).toBe(200);
    return res.body.links as LinkJson[];
  };
  const backlinksOf = async (pageId: string, as = token): Promise<BacklinkJson[]> => {
    const res = await call('GET', `${PAGES}/${pageId}/backlinks`, undefined, as);
    expect(res.status).toBe(200);
    return res.body.backlinks as BacklinkJson[];
  };
  const expectMention = (links: LinkJson[], blockId: string, pageId: string): LinkJson => {
    expect(links).toEqual([
      {
        link_id: expect.any(String),
        source_block_id: blockId,
        target_id: pageId,
        link_type: 'mention',
        is_page_link: true,
        organization_id: org,
        created_at: expect.any(String),
      },
    ]);
    return links[0];
  };

  beforeAll(async () => {
    t = await bootApp();
    token = await signToken({ org, user: 'alice' });
    home = await createPage(t.app, token, { title: 'Home' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creating a page_link block creates its link, and the linked page lists it as a backlink', async () => {
    const goal = await createPage(t.app, token, { title: 'Goal' });
    const block = await pageLink(goal.page_id.toUpperCase(), home.page_id, token, 'Go to goal');
    const link = expectMention(await linksFrom(block.block_id), block.block_id, goal.page_id);
    expect(await backlinksOf(goal.page_id)).toEqual([
      {
        link_id: link.link_id,
        link_type: 'mention',
        source_block_id: block.block_id,
        source_page_id: home.page_id,
        source_block_type: 'page_link',
        source_content_preview: 'Go to goal',
        created_at: link.created_at,
      },
    ]);
    // Other block types make no link.
    const text = await addBlock(t.app, token, home.page_id, { content: { text: goal.page_id } });
    expect(await linksFrom(text.block_id)).toEqual([]);
  });

  it('a batch creates one link per page_link block; a refused batch none', async () => {
    const [p1, p2] = [await createPage(t.app, token, { title: 'p1' }), await createPage(t.app, token, { title: 'p2' })];
    const res = await call('POST', `${BLOCKS_URL}/batch?page_id=${home.page_id}`, {
      blocks: [
        { block_type: 'page_link', content: { linkedPageId: p1.page_id } },
        { block_type: 'text', content: { text: 'between' } },
        { block_type: 'page_link', content: { linkedPageId: p2.page_id } },
        { block_type: 'page_link', content: { linkedPageId: p1.page_id, displayText: 'again' } },
      ],
    });
    expect(res.status).toBe(201);
    const [a, text, b, c] = res.body.blocks as ContentBlockJson[];
    expectMention(await linksFrom(a.block_id), a.block_id, p1.page_id);
    expect(await linksFrom(text.block_id)).toEqual([]);
    expectMention(await linksFrom(b.block_id), b.block_id, p2.page_id);
    expectMention(await linksFrom(c.block_id), c.block_id, p1.page_id);
    expect((await backlinksOf(p1.page_id)).map((l) => l.source_block_id).sort()).toEqual(
      [a.block_id, c.block_id].sort(),
    );

    // A batch that fails leaves no link behind.
    const p3 = await createPage(t.app, token, { title: 'p3' });
    const refused = await call('POST', `${BLOCKS_URL}/batch?page_id=${home.page_id}`, {
      blocks: [
        { block_type: 'page_link', content: { linkedPageId: p3.page_id } },
        { block_type: 'text', content: { text: 'orphan' }, parent_block_id: '00000000-0000-4000-8000-000000000000' },
      ],
    });
    expect(refused.status).toBe(404);
    expect(await backlinksOf(p3.page_id)).toEqual([]);
  });

  it('an update that changes linkedPageId retargets the link; other updates keep it', async () => {
    const [from, to] = [
      await createPage(t.app, token, { title: 'from' }),
      await createPage(t.app, token, { title: 'to' }),
    ];
    const block = await pageLink(from.page_id);
    const first = expectMention(await linksFrom(block.block_id), block.block_id, from.page_id);

    const kept = await call('PUT', `${BLOCKS_URL}/${block.block_id}`, {
      content: { linkedPageId: from.page_id, displayText: 'renamed' },
      position: 0,
    });
    expect(kept.status).toBe(200);
    expect(expectMention(await linksFrom(block.block_id), block.block_id, from.page_id).link_id).toBe(first.link_id);

    const moved = await call('PUT', `${BLOCKS_URL}/${block.block_id}`, { content: { linkedPageId: to.page_id } });
    expect(moved.status).toBe(200);
    expectMention(await linksFrom(block.block_id), block.block_id, to.page_id);
    expect(await backlinksOf(from.page_id)).toEqual([]);
    expect((await backlinksOf(to.page_id)).map((l) => l.source_block_id)).toEqual([block.block_id]);

    // A refused retarget changes nothing.
    const foreign = await createPage(t.app, await signToken({ org: `${org}-x`, user: 'x' }), { title: 'x' });
    const refused = await call('PUT', `${BLOCKS_URL}/${block.block_id}`, {
      content: { linkedPageId: foreign.page_id },
    });
    expect([refused.status, refused.body.error_code]).toEqual([404, 'LINKED_PAGE_NOT_FOUND']);
    expectMention(await linksFrom(block.block_id), block.block_id, to.page_id);
  });

  it('an update to another type deletes the link, and back to page_link makes it again', async () => {
    const goal = await createPage(t.app, token, { title: 'typed' });
    const block = await pageLink(goal.page_id);
    const res = await call('PUT', `${BLOCKS_URL}/${block.block_id}`, {
      block_type: 'text',
      content: { text: 'plain now' },
    });
    expect(res.status).toBe(200);
    expect(await linksFrom(block.block_id)).toEqual([]);
    expect(await backlinksOf(goal.page_id)).toEqual([]);

    const back = await call('PUT', `${BLOCKS_URL}/${block.block_id}`, {
      block_type: 'page_link',
      content: { linkedPageId: goal.page_id },
    });
    expect(back.status).toBe(200);
    expectMention(await linksFrom(block.block_id), block.block_id, goal.page_id);
  });

  it('converting from page_link deletes the link; converting to page_link creates it', async () => {
    const goal = await createPage(t.app, token, { title: 'converted' });
    const block = await pageLink(goal.page_id, home.page_id, token, 'Shown');
    const toText = await call('POST', `${BLOCKS_URL}/${block.block_id}/convert`, { new_type: 'heading' });
    expect(toText.body).toMatchObject({ block_type: 'heading', content: { text: 'Shown', level: 1 } });
    expect(await linksFrom(block.block_id)).toEqual([]);
    expect(await backlinksOf(goal.page_id)).toEqual([]);

    const text = await addBlock(t.app, token, home.page_id, { content: { text: ` ${goal.page_id.toUpperCase()} ` } });
    const toLink = await call('PUT', `${BLOCKS_URL}/${text.block_id}/convert`, { new_type: 'page_link' });
    expect(toLink.body).toMatchObject({ block_type: 'page_link', content: { linkedPageId: goal.page_id } });
    expectMention(await linksFrom(text.block_id), text.block_id, goal.page_id);
    expect((await backlinksOf(goal.page_id)).map((l) => l.source_block_id)).toEqual([text.block_id]);
  });

  it('deleting the block, or its parent, removes the link; deleting the linked page too', async () => {
    const goal = await createPage(t.app, token, { title: 'deleted' });
    const parent = await addBlock(t.app, token, home.page_id, { content: { text: 'parent' } });
    const child = await addBlock(t.app, token, home.page_id, {
      block_type: 'page_link',
      content: { linkedPageId: goal.page_id },
      parent_block_id: parent.block_id,
    });
    const alone = await pageLink(goal.page_id);
    expect(await backlinksOf(goal.page_id)).toHaveLength(2);

    expect((await call('DELETE', `${BLOCKS_URL}/${alone.block_id}`)).status).toBe(204);
    expect((await backlinksOf(goal.page_id)).map((l) => l.source_block_id)).toEqual([child.block_id]);
    expect((await call('DELETE', `${BLOCKS_URL}/${parent.block_id}`)).status).toBe(204);
    expect(await backlinksOf(goal.page_id)).toEqual([]);
    const rows = await db().query('SELECT count(*)::int AS n FROM links WHERE source_block_id = ANY($1::uuid[])', [
      [alone.block_id, child.block_id],
    ]);
    expect(rows).toEqual([{ n: 0 }]);

    // Purging the linked page takes the link with it; the block stays, naming a page that is gone.
    const doomed = await createPage(t.app, token, { title: 'doomed' });
    const pointing = await pageLink(doomed.page_id);
    expect((await call('DELETE', `${PAGES}/${doomed.page_id}`)).status).toBe(204);
    expect((await call('DELETE', `${PAGES}/${doomed.page_id}?permanent=true`)).status).toBe(204);
    expect(await linksFrom(pointing.block_id)).toEqual([]);
    expect((await call('GET', `${BLOCKS_URL}/${pointing.block_id}`)).status).toBe(200);
  });

  describe('a manual mention link to the same page', () => {
    it('does not make the block write fail: the block adopts it, and removes it when it stops naming the page', async () => {
      const [goal, next] = [
        await createPage(t.app, token, { title: 'manual' }),
        await createPage(t.app, token, { title: 'next' }),
      ];
      const text = await addBlock(t.app, token, home.page_id, { content: { text: goal.page_id } });
      const manual = await createLink(t.app, token, {
        source_block_id: text.block_id,
        target_id: goal.page_id,
        link_type: 'mention',
      });
      const reference = await createLink(t.app, token, { source_block_id: text.block_id, target_id: goal.page_id });

      const converted = await call('POST', `${BLOCKS_URL}/${text.block_id}/convert`, { new_type: 'page_link' });
      expect(converted.status).toBe(200);
      const links = await linksFrom(text.block_id);
      expect(links.map((l) => [l.link_id, l.link_type])).toEqual([
        [manual.link_id, 'mention'],
        [reference.link_id, 'reference'],
      ]);
      // The block's link exists: a second manual mention is the duplicate it always was.
      const dup = await call('POST', LINKS_URL, {
        source_block_id: text.block_id,
        target_id: goal.page_id,
        link_type: 'mention',
      });
      expect([dup.status, dup.body.error_code]).toEqual([409, 'DUPLICATE_LINK']);

      // Retargeting drops the mention of the old page but no link of another type.
      const moved = await call('PUT', `${BLOCKS_URL}/${text.block_id}`, { content: { linkedPageId: next.page_id } });
      expect(moved.status).toBe(200);
      const after = await linksFrom(text.block_id);
      expect(after.map((l) => [l.target_id, l.link_type])).toEqual([
        [goal.page_id, 'reference'],
        [next.page_id, 'mention'],
      ]);
    });

    it('raced against a conversion to page_link, neither side answers 500 and one link remains', async () => {
      const goal = await createPage(t.app, token, { title: 'race' });
      const blocks: ContentBlockJson[] = [];
      for (let i = 0; i < 5; i++)
        blocks.push(await addBlock(t.app, token, home.page_id, { content: { text: goal.page_id } }));
      const results = await Promise.all(
        blocks.flatMap((b) => [
          call('POST', `${BLOCKS_URL}/${b.block_id}/convert`, { new_type: 'page_link' }),
          call('POST', LINKS_URL, { source_block_id: b.block_id, target_id: goal.page_id, link_type: 'mention' }),
        ]),
      );
      for (let i = 0; i < 5; i++) {
        expect(results[2 * i].status, `convert ${i}`).toBe(200);
        expect([201, 409], `manual ${i}`).toContain(results[2 * i + 1].status);
        expectMention(await linksFrom(blocks[i].block_id), blocks[i].block_id, goal.page_id);
      }
    });
  });

  it('the backfill migration gives page_link blocks written without a link theirs, once', async () => {
    const goal = await createPage(t.app, token, { title: 'backfilled' });
    const text = await addBlock(t.app, token, home.page_id, { content: { text: 'was written before' } });
    const gone = await addBlock(t.app, token, home.page_id, { content: { text: 'names a missing page' } });
    const manual = await pageLink(goal.page_id);
    // Rows as an older Ocean left them: page_link content and no link.
    await db().query(`UPDATE blocks SET block_type = 'page_link', content = $2 WHERE block_id = $1`, [
      text.block_id,
      JSON.stringify({ linkedPageId: goal.page_id.toUpperCase() }),
    ]);
    await db().query(`UPDATE blocks SET block_type = 'page_link', content = $2 WHERE block_id = $1`, [
      gone.block_id,
      JSON.stringify({ linkedPageId: '00000000-0000-4000-8000-000000000000' }),
    ]);
    const [before] = await linksFrom(manual.block_id);
    const runner = db().createQueryRunner();
    try {
      for (let i = 0; i < 2; i++) await new BackfillPageLinkMentions1732700000000().up(runner);
    } finally {
      await runner.release();
    }
    expectMention(await linksFrom(text.block_id), text.block_id, goal.page_id);
    expect(await linksFrom(gone.block_id)).toEqual([]);
    expect(await linksFrom(manual.block_id)).toEqual([before]);
  });

  it('tenant isolation: links stay in the organization, and a foreign page cannot be linked', async () => {
    const otherOrg = `${org}-other`;
    const theirs = await signToken({ org: otherOrg, user: 'bob' });
    const theirHome = await createPage(t.app, theirs, { title: 'their home' });
    const theirGoal = await createPage(t.app, theirs, { title: 'their goal' });
    const theirBlock = await pageLink(theirGoal.page_id, theirHome.page_id, theirs);
    const mine = await pageLink(home.page_id);

    // Their link is theirs: invisible to me, and mine to them.
    const [theirLink] = await linksFrom(theirBlock.block_id, theirs);
    expect(theirLink).toMatchObject({ organization_id: otherOrg, target_id: theirGoal.page_id });
    expect(await linksFrom(theirBlock.block_id)).toEqual([]);
    expect((await call('GET', `${LINKS_URL}/${theirLink.link_id}`)).status).toBe(404);
    expect(await linksFrom(mine.block_id, theirs)).toEqual([]);
    expect((await call('GET', `${PAGES}/${theirGoal.page_id}/backlinks`)).status).toBe(404);

    // Neither create nor update nor convert can point my block at their page.
    const refusals = [
      await call('POST', `${BLOCKS_URL}?page_id=${home.page_id}`, {
        block_type: 'page_link',
        content: { linkedPageId: theirGoal.page_id },
      }),
      await call('PUT', `${BLOCKS_URL}/${mine.block_id}`, { content: { linkedPageId: theirGoal.page_id } }),
      await call(
        'POST',
        `${BLOCKS_URL}/${(await addBlock(t.app, token, home.page_id, { content: { text: theirGoal.page_id } })).block_id}/convert`,
        {
          new_type: 'page_link',
        },
      ),
    ];
    for (const res of refusals) expect([res.status, res.body.error_code]).toEqual([404, 'LINKED_PAGE_NOT_FOUND']);
    expect((await backlinksOf(theirGoal.page_id, theirs)).map((l) => l.source_block_id)).toEqual([theirBlock.block_id]);

    // My writes and deletes leave their link alone, though both blocks are page links.
    await call('PUT', `${BLOCKS_URL}/${mine.block_id}`, { block_type: 'text', content: { text: 'x' } });
    expect((await call('DELETE', `${BLOCKS_URL}/${theirBlock.block_id}`)).status).toBe(404);
    expect((await call('GET', `${LINKS_URL}/${theirLink.link_id}`, undefined, theirs)).body).toEqual(theirLink);
    const all: Array<{ organization_id: string; n: number }> = await db().query(
      `SELECT l.organization_id, count(*)::int AS n FROM links l
       JOIN blocks b ON b.block_id = l.source_block_id WHERE b.block_id = ANY($1::uuid[]) GROUP BY 1 ORDER BY 1`,
      [[theirBlock.block_id, mine.block_id]],
    );
    expect(all).toEqual([{ organization_id: otherOrg, n: 1 }]);
  });
});
