import type { Contract } from '../context';
import type { Check } from '../runner';
import { expect, expectEqual, expectOk, expectRefusal, skip, type Session } from '../support';
import { type Made } from './resources';

/**
 * A second organization's user against every id route of the owner's page, blocks, tag and
 * link: each answers 404 (never 403, never 200), nothing changes, and no list shows them.
 */
export function tenancyChecks(c: Contract, m: Made): Check[] {
  const own: { pageId?: string; blockId?: string; tagId?: string } = {};
  const theirs = () => {
    const { p1, p2 } = m;
    const task = m.blocks.task;
    const link = m.blocks.link;
    if (!p1 || !p2 || !task || !link || !m.tagId || !m.linkId) skip("the owner's resources were not created above");
    return { p1, p2, task, link, tagId: m.tagId, linkId: m.linkId };
  };
  const intruder = async (): Promise<Session> => {
    const s = await c.intruder();
    if (!own.pageId) {
      const page = await expectOk(
        s,
        s.api.POST('/api/v1/ocean/pages', { body: { title: `Contract ${c.run} intruder` } }),
        201,
        "the intruder's page",
      );
      own.pageId = page.page_id;
      c.purgeLater(s, page.page_id);
      const blk = await expectOk(
        s,
        s.api.POST('/api/v1/ocean/blocks', {
          params: { query: { page_id: page.page_id } },
          body: { block_type: 'text', content: { text: 'Mine' } },
        }),
        201,
        "the intruder's block",
      );
      own.blockId = blk.block_id;
      const tag = await expectOk(
        s,
        s.api.POST('/api/v1/ocean/tags', { body: { name: `contract-${c.run}-intruder` } }),
        201,
        "the intruder's tag",
      );
      own.tagId = tag.tag_id;
      c.later(`delete tag ${tag.tag_id}`, () =>
        s.api.DELETE('/api/v1/ocean/tags/{id}', { params: { path: { id: tag.tag_id } } }),
      );
    }
    return s;
  };
  const all404 = async (s: Session, calls: Array<[string, () => Promise<unknown>]>): Promise<void> => {
    const wrong: string[] = [];
    for (const [what, call] of calls) {
      try {
        await expectRefusal(s, call(), 404, undefined, what);
      } catch (err) {
        wrong.push(err instanceof Error ? err.message : String(err));
      }
    }
    expect(wrong.length === 0, `${wrong.length} of ${calls.length} did not answer 404: ${wrong.join('; ')}`);
  };

  return [
    {
      name: "tenancy: every page id route of another organization's page → 404",
      async run() {
        const { p1 } = theirs();
        const s = await intruder();
        const path = { params: { path: { id: p1.page_id } } };
        await all404(s, [
          ['GET /pages/{id}', () => s.api.GET('/api/v1/ocean/pages/{id}', path)],
          ['PUT /pages/{id}', () => s.api.PUT('/api/v1/ocean/pages/{id}', { ...path, body: { title: 'Taken over' } })],
          ['DELETE /pages/{id}', () => s.api.DELETE('/api/v1/ocean/pages/{id}', path)],
          [
            'DELETE /pages/{id}?permanent=true',
            () =>
              s.api.DELETE('/api/v1/ocean/pages/{id}', {
                params: { path: { id: p1.page_id }, query: { permanent: 'true' } },
              }),
          ],
          ['POST /pages/{id}/restore', () => s.api.POST('/api/v1/ocean/pages/{id}/restore', path)],
          [
            'POST /pages/{id}/move',
            () => s.api.POST('/api/v1/ocean/pages/{id}/move', { ...path, body: { new_parent_id: null } }),
          ],
          ['GET /pages/{id}/backlinks', () => s.api.GET('/api/v1/ocean/pages/{id}/backlinks', path)],
          [
            'POST /pages with their page as parent',
            () => s.api.POST('/api/v1/ocean/pages', { body: { title: 'Child', parent_page_id: p1.page_id } }),
          ],
          [
            'POST /pages/{own}/move under their page',
            () =>
              s.api.POST('/api/v1/ocean/pages/{id}/move', {
                params: { path: { id: own.pageId! } },
                body: { new_parent_id: p1.page_id },
              }),
          ],
          [
            'GET /blocks?page_id={their page}',
            () => s.api.GET('/api/v1/ocean/blocks', { params: { query: { page_id: p1.page_id } } }),
          ],
          [
            'POST /blocks?page_id={their page}',
            () =>
              s.api.POST('/api/v1/ocean/blocks', {
                params: { query: { page_id: p1.page_id } },
                body: { block_type: 'text', content: { text: 'x' } },
              }),
          ],
          [
            'POST /blocks/batch?page_id={their page}',
            () =>
              s.api.POST('/api/v1/ocean/blocks/batch', {
                params: { query: { page_id: p1.page_id } },
                body: { blocks: [{ block_type: 'text', content: { text: 'x' } }] },
              }),
          ],
          [
            'POST /blocks page_link to their page',
            () =>
              s.api.POST('/api/v1/ocean/blocks', {
                params: { query: { page_id: own.pageId! } },
                body: { block_type: 'page_link', content: { linkedPageId: p1.page_id } },
              }),
          ],
        ]);
      },
    },
    {
      name: "tenancy: every block id route of another organization's block → 404",
      async run() {
        const { task } = theirs();
        const s = await intruder();
        const path = { params: { path: { id: task.block_id } } };
        await all404(s, [
          ['GET /blocks/{id}', () => s.api.GET('/api/v1/ocean/blocks/{id}', path)],
          [
            'PUT /blocks/{id}',
            () => s.api.PUT('/api/v1/ocean/blocks/{id}', { ...path, body: { content: { text: 'x', checked: true } } }),
          ],
          ['DELETE /blocks/{id}', () => s.api.DELETE('/api/v1/ocean/blocks/{id}', path)],
          [
            'POST /blocks/{id}/move',
            () => s.api.POST('/api/v1/ocean/blocks/{id}/move', { ...path, body: { new_position: 0 } }),
          ],
          [
            'POST /blocks/{id}/convert',
            () => s.api.POST('/api/v1/ocean/blocks/{id}/convert', { ...path, body: { new_type: 'text' } }),
          ],
          [
            'PUT /blocks/{id}/convert',
            () => s.api.PUT('/api/v1/ocean/blocks/{id}/convert', { ...path, body: { new_type: 'text' } }),
          ],
          ['GET /blocks/{id}/tags', () => s.api.GET('/api/v1/ocean/blocks/{id}/tags', path)],
          [
            'POST /blocks/{id}/tags (their block, own tag)',
            () => s.api.POST('/api/v1/ocean/blocks/{id}/tags', { ...path, body: { tag_id: own.tagId! } }),
          ],
          [
            'DELETE /blocks/{id}/tags/{tagId}',
            () =>
              s.api.DELETE('/api/v1/ocean/blocks/{id}/tags/{tagId}', {
                params: { path: { id: task.block_id, tagId: m.tagId! } },
              }),
          ],
          ['GET /blocks/{id}/embedding', () => s.api.GET('/api/v1/ocean/blocks/{id}/embedding', path)],
          ['GET /blocks/{id}/backlinks', () => s.api.GET('/api/v1/ocean/blocks/{id}/backlinks', path)],
          [
            'POST /blocks nested under their block',
            () =>
              s.api.POST('/api/v1/ocean/blocks', {
                params: { query: { page_id: own.pageId! } },
                body: { block_type: 'text', content: { text: 'x' }, parent_block_id: task.block_id },
              }),
          ],
        ]);
      },
    },
    {
      name: 'tenancy: every tag and link id route of another organization → 404; links to or from their resources → 404',
      async run() {
        const { task, p1, tagId, linkId } = theirs();
        const s = await intruder();
        const tag = { params: { path: { id: tagId } } };
        const link = { params: { path: { id: linkId } } };
        await all404(s, [
          ['GET /tags/{id}', () => s.api.GET('/api/v1/ocean/tags/{id}', tag)],
          ['PUT /tags/{id}', () => s.api.PUT('/api/v1/ocean/tags/{id}', { ...tag, body: { name: `x-${c.run}` } })],
          ['DELETE /tags/{id}', () => s.api.DELETE('/api/v1/ocean/tags/{id}', tag)],
          [
            'POST /blocks/{own}/tags with their tag',
            () =>
              s.api.POST('/api/v1/ocean/blocks/{id}/tags', {
                params: { path: { id: own.blockId! } },
                body: { tag_id: tagId },
              }),
          ],
          ['GET /links/{id}', () => s.api.GET('/api/v1/ocean/links/{id}', link)],
          ['DELETE /links/{id}', () => s.api.DELETE('/api/v1/ocean/links/{id}', link)],
          [
            'POST /links from their block',
            () =>
              s.api.POST('/api/v1/ocean/links', {
                body: { source_block_id: task.block_id, target_id: own.pageId!, link_type: 'reference' },
              }),
          ],
          [
            'POST /links to their page',
            () =>
              s.api.POST('/api/v1/ocean/links', {
                body: { source_block_id: own.blockId!, target_id: p1.page_id, link_type: 'reference' },
              }),
          ],
          [
            'POST /links to their block',
            () =>
              s.api.POST('/api/v1/ocean/links', {
                body: { source_block_id: own.blockId!, target_id: task.block_id, link_type: 'mention' },
              }),
          ],
        ]);
      },
    },
    {
      name: "tenancy: list routes and search of a second organization show none of the owner's pages, tags, links or words",
      async run() {
        const { p1, p2, task, tagId } = theirs();
        const s = await intruder();
        const pages = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/pages', { params: { query: { limit: 100 } } }),
          200,
          'GET /pages',
        );
        const listed = JSON.stringify(pages);
        expect(!listed.includes(p1.page_id) && !listed.includes(p2.page_id), "GET /pages shows the owner's pages");
        expect(listed.includes(own.pageId!), "GET /pages does not show the intruder's own page");
        const tags = await expectOk(s, s.api.GET('/api/v1/ocean/tags'), 200, 'GET /tags');
        expect(!JSON.stringify(tags).includes(tagId), "GET /tags shows the owner's tag");
        const links = await s.api
          .GET('/api/v1/ocean/links', { params: { query: { source_block_id: task.block_id } } })
          .then(
            (answer) => answer.data?.total === 0,
            (error: unknown) => (error as { status?: number }).status === 404,
          );
        expect(links, `GET /links?source_block_id={their block} answers something: ${JSON.stringify(links)}`);
        const search = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/search', { params: { query: { q: m.word } } }),
          200,
          'search',
        );
        expectEqual(search.results.length, 0, "search results for the owner's word");
        const inTheirPage = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/search', { params: { query: { q: 'contract', page_id: p1.page_id } } }),
          200,
          'search in their page',
        );
        expectEqual(inTheirPage.results.length, 0, "search results with page_id of the owner's page");
      },
    },
    {
      name: "tenancy: after the intruder's attempts the owner's page, block, tag and link are unchanged",
      async run() {
        const { p1, task, tagId, linkId } = theirs();
        const o = m.owner ?? skip('no owner session');
        const page = await expectOk(
          o,
          o.api.GET('/api/v1/ocean/pages/{id}', { params: { path: { id: p1.page_id } } }),
          200,
          'page',
        );
        expectEqual([page.title, page.is_archived, page.parent_page_id], [p1.title, false, null], 'page');
        const blk = await expectOk(
          o,
          o.api.GET('/api/v1/ocean/blocks/{id}', { params: { path: { id: task.block_id } } }),
          200,
          'block',
        );
        expectEqual([blk.block_type, blk.content], [task.block_type, task.content], 'block');
        const tag = await expectOk(
          o,
          o.api.GET('/api/v1/ocean/tags/{id}', { params: { path: { id: tagId } } }),
          200,
          'tag',
        );
        expectEqual([tag.name, tag.usage_count], [`contract-${c.run}`, 1], 'tag');
        await expectOk(o, o.api.GET('/api/v1/ocean/links/{id}', { params: { path: { id: linkId } } }), 200, 'link');
      },
    },
  ];
}
