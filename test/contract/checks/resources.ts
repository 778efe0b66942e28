import type { components } from '../../../src/client/openapi';
import type { Contract } from '../context';
import type { Check } from '../runner';
import {
  expect,
  expectEqual,
  expectMatch,
  expectOk,
  expectRefusal,
  ISO_UTC,
  skip,
  uniqueWord,
  UUID,
  type Session,
} from '../support';

type Page = components['schemas']['PageResponseDto'];
type Block = components['schemas']['BlockResponseDto'];

/** What the resource checks made, for the later checks (cross-tenant, purge). */
export interface Made {
  owner?: Session;
  /** Root pages: p1 holds the blocks; p2 is a link target. */
  p1?: Page;
  p2?: Page;
  /** A child page of p1. */
  child?: Page;
  blocks: Record<string, Block>;
  tagId?: string;
  linkId?: string;
  /** A word only the task block has. */
  word: string;
}

export const made = (): Made => ({ blocks: {}, word: uniqueWord('oceanct') });

function expectPage(page: Page | undefined, title: string, what: string): asserts page {
  expect(page, `${what}: no page`);
  expectMatch(page.page_id, UUID, `${what}.page_id`);
  expectEqual(page.title, title, `${what}.title`);
  expectMatch(page.organization_id, UUID, `${what}.organization_id`);
  expectEqual(page.is_archived, false, `${what}.is_archived`);
  expectEqual(typeof page.position, 'number', `${what}.position type`);
  expectMatch(page.created_at, ISO_UTC, `${what}.created_at`);
  expectMatch(page.updated_at, ISO_UTC, `${what}.updated_at`);
  expect(page.metadata !== null && typeof page.metadata === 'object', `${what}.metadata is not an object`);
}

const ids = (list: Array<{ page_id?: string; block_id?: string }>): string[] =>
  list.map((x) => x.page_id ?? x.block_id ?? '?');

export function resourceChecks(c: Contract, m: Made): Check[] {
  const owner = async (): Promise<Session> => (m.owner ??= await c.owner());
  const pages = (): { p1: Page; p2: Page; child: Page } =>
    m.p1 && m.p2 && m.child ? { p1: m.p1, p2: m.p2, child: m.child } : skip('the pages were not created above');
  const block = (name: string): Block => m.blocks[name] ?? skip(`block "${name}" was not created above`);
  const blocksOf = async (s: Session, pageId: string): Promise<Block[]> =>
    (
      await expectOk(
        s,
        s.api.GET('/api/v1/ocean/blocks', { params: { query: { page_id: pageId, limit: 500 } } }),
        200,
        'list blocks',
      )
    ).blocks;

  return [
    {
      name: 'pages: POST /pages → 201 page, appended last among its siblings (roots and children)',
      async run() {
        const s = await owner();
        const create = (title: string, parent?: string) =>
          s.api.POST('/api/v1/ocean/pages', {
            body: { title, ...(parent ? { parent_page_id: parent } : {}), metadata: { suite: c.run } },
          });
        const t1 = `Contract ${c.run} first`;
        const p1 = await expectOk(s, create(t1), 201, 'create page 1');
        expectPage(p1, t1, 'page 1');
        c.purgeLater(s, p1.page_id);
        if (s.organizationId) expectEqual(p1.organization_id, s.organizationId, 'page.organization_id');
        s.organizationId ??= p1.organization_id;
        expectEqual(p1.parent_page_id, null, 'page 1 parent_page_id');
        expectEqual(p1.metadata, { suite: c.run }, 'page 1 metadata');
        const p2 = await expectOk(s, create(`Contract ${c.run} second`), 201, 'create page 2');
        c.purgeLater(s, p2.page_id);
        expectEqual(p2.position, p1.position + 1, 'page 2 position (appended after page 1)');
        const child = await expectOk(s, create(`Contract ${c.run} child`, p1.page_id), 201, 'create a child page');
        expectEqual(child.parent_page_id, p1.page_id, 'child.parent_page_id');
        expectEqual(child.position, 0, 'position of the first child');
        Object.assign(m, { p1, p2, child });
      },
    },
    {
      name: 'pages: GET /pages lists siblings in position order, {pages, total, limit, offset}; parent_page_id=null is the roots',
      async run() {
        const s = await owner();
        const { p1, p2, child } = pages();
        const roots = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/pages', {
            params: { query: { parent_page_id: 'null', offset: p1.position, limit: 2 } },
          }),
          200,
          'list roots',
        );
        expectEqual(ids(roots.pages), [p1.page_id, p2.page_id], 'roots at page 1’s position');
        expectEqual([roots.limit, roots.offset], [2, p1.position], '[limit, offset]');
        expect(roots.total >= 2, `total ${roots.total}`);
        const children = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/pages', { params: { query: { parent_page_id: p1.page_id } } }),
          200,
          'list children',
        );
        expectEqual(ids(children.pages), [child.page_id], 'children of page 1');
        expectEqual([children.total, children.limit, children.offset], [1, 50, 0], 'children [total, limit, offset]');
      },
    },
    {
      name: 'pages: GET /pages/{id}; PUT is partial (an empty body → 400); is_favorite filters the list',
      async run() {
        const s = await owner();
        const { p1 } = pages();
        const got = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/pages/{id}', { params: { path: { id: p1.page_id } } }),
          200,
          'get',
        );
        expectEqual(got, p1, 'GET /pages/{id} is the created page');
        const title = `Contract ${c.run} renamed`;
        const updated = await expectOk(
          s,
          s.api.PUT('/api/v1/ocean/pages/{id}', {
            params: { path: { id: p1.page_id } },
            body: { title, is_favorite: true, icon: '🌊' },
          }),
          200,
          'update',
        );
        expectEqual([updated.title, updated.is_favorite, updated.icon], [title, true, '🌊'], '[title, favorite, icon]');
        expectEqual(updated.metadata, p1.metadata, 'metadata kept by a partial update');
        expect(updated.updated_at >= p1.updated_at, 'updated_at went backwards');
        m.p1 = updated;
        await expectRefusal(
          s,
          s.api.PUT('/api/v1/ocean/pages/{id}', { params: { path: { id: p1.page_id } }, body: {} }),
          400,
          undefined,
          'an empty update',
        );
        const favorites = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/pages', { params: { query: { is_favorite: true, limit: 100 } } }),
          200,
          'favorites',
        );
        expect(ids(favorites.pages).includes(p1.page_id), 'is_favorite=true does not list the favourite page');
        expect(
          favorites.pages.every((p) => p.is_favorite),
          'is_favorite=true lists a page that is not a favourite',
        );
      },
    },
    {
      name: 'pages: POST /pages/{id}/move re-parents and places; under itself or a descendant → 400 CIRCULAR_REFERENCE',
      async run() {
        const s = await owner();
        const { p1, p2, child } = pages();
        const move = (id: string, to: string | null, position?: number) =>
          s.api.POST('/api/v1/ocean/pages/{id}/move', {
            params: { path: { id } },
            body: { new_parent_id: to, ...(position === undefined ? {} : { position }) },
          });
        const moved = await expectOk(s, move(p2.page_id, p1.page_id, 0), 200, 'move page 2 under page 1');
        expectEqual([moved.parent_page_id, moved.position], [p1.page_id, 0], 'moved [parent, position]');
        const children = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/pages', { params: { query: { parent_page_id: p1.page_id } } }),
          200,
          'children',
        );
        expectEqual(ids(children.pages), [p2.page_id, child.page_id], 'children after the move');
        expectEqual(
          children.pages.map((p) => p.position),
          [0, 1],
          'positions after the move',
        );
        await expectRefusal(s, move(p1.page_id, child.page_id), 400, 'CIRCULAR_REFERENCE', 'move under a descendant');
        await expectRefusal(s, move(p1.page_id, p1.page_id), 400, 'CIRCULAR_REFERENCE', 'move under itself');
        const back = await expectOk(s, move(p2.page_id, null), 200, 'move page 2 back to the roots');
        expectEqual(back.parent_page_id, null, 'parent after moving to the roots');
        m.p2 = back;
      },
    },
    {
      name: 'pages: DELETE archives (hidden unless is_archived=true); restore brings it back; purging a live page → 409 NOT_ARCHIVED',
      async run() {
        const s = await owner();
        const { p1, p2, child } = pages();
        const childrenOf = async (archived: boolean) =>
          ids(
            (
              await expectOk(
                s,
                s.api.GET('/api/v1/ocean/pages', {
                  params: { query: { parent_page_id: p1.page_id, is_archived: archived } },
                }),
                200,
                'children',
              )
            ).pages,
          );
        await expectOk(
          s,
          s.api.DELETE('/api/v1/ocean/pages/{id}', { params: { path: { id: child.page_id } } }),
          204,
          'archive',
        );
        const archived = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/pages/{id}', { params: { path: { id: child.page_id } } }),
          200,
          'get archived',
        );
        expectEqual(archived.is_archived, true, 'is_archived after DELETE');
        expect(!(await childrenOf(false)).includes(child.page_id), 'an archived page is still listed');
        expect((await childrenOf(true)).includes(child.page_id), 'is_archived=true does not list the archived page');
        await expectRefusal(
          s,
          s.api.DELETE('/api/v1/ocean/pages/{id}', {
            params: { path: { id: p2.page_id }, query: { permanent: 'true' } },
          }),
          409,
          'NOT_ARCHIVED',
          'purge a page that is not archived',
        );
        const restored = await expectOk(
          s,
          s.api.POST('/api/v1/ocean/pages/{id}/restore', { params: { path: { id: child.page_id } } }),
          200,
          'restore',
        );
        expectEqual(restored.is_archived, false, 'is_archived after restore');
        expect((await childrenOf(false)).includes(child.page_id), 'a restored page is not listed');
      },
    },
    {
      name: 'blocks: every type is created with its content (single and batch), nested blocks, GET /blocks in document order',
      async run() {
        const s = await owner();
        const { p1, p2 } = pages();
        const query = { params: { query: { page_id: p1.page_id } } };
        const text = await expectOk(
          s,
          s.api.POST('/api/v1/ocean/blocks', {
            ...query,
            body: { block_type: 'text', content: { text: 'Plain text' } },
          }),
          201,
          'create a text block',
        );
        expectMatch(text.block_id, UUID, 'block_id');
        expectEqual([text.page_id, text.block_type, text.position], [p1.page_id, 'text', 0], '[page, type, position]');
        expectEqual(text.content, { text: 'Plain text' }, 'text content');
        expectMatch(text.created_at, ISO_UTC, 'block created_at');
        const contents = [
          { block_type: 'heading', content: { text: 'A heading', level: 2 } },
          { block_type: 'list', content: { items: ['one', 'two'], listType: 'bullet' } },
          { block_type: 'task', content: { text: `Remember ${m.word} today`, checked: false } },
          { block_type: 'link', content: { url: 'https://example.com/a', text: 'Example' } },
        ] as const;
        const batch = await expectOk(
          s,
          s.api.POST('/api/v1/ocean/blocks/batch', { ...query, body: { blocks: [...contents] } }),
          201,
          'batch',
        );
        expectEqual(batch.total, 4, 'batch total');
        expectEqual(
          batch.blocks.map((b) => [b.block_type, b.content, b.position]),
          contents.map((x, i) => [x.block_type, x.content, i + 1]),
          'batch blocks [type, content, position]',
        );
        const pageLink = await expectOk(
          s,
          s.api.POST('/api/v1/ocean/blocks', {
            ...query,
            body: { block_type: 'page_link', content: { linkedPageId: p2.page_id, displayText: 'See page 2' } },
          }),
          201,
          'create a page_link block',
        );
        expectEqual(pageLink.position, 5, 'page_link position (last)');
        const nested = await expectOk(
          s,
          s.api.POST('/api/v1/ocean/blocks', {
            ...query,
            body: { block_type: 'text', content: { text: 'Nested' }, parent_block_id: text.block_id },
          }),
          201,
          'create a nested block',
        );
        expectEqual([nested.parent_block_id, nested.position], [text.block_id, 0], 'nested [parent, position]');
        const [heading, list, task, link] = batch.blocks;
        Object.assign(m.blocks, { text, heading, list, task, link, pageLink, nested });

        const listed = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/blocks', { params: { query: { page_id: p1.page_id } } }),
          200,
          'list blocks',
        );
        expectEqual(
          ids(listed.blocks),
          ids([text, nested, heading, list, task, link, pageLink]),
          'document order (depth-first)',
        );
        expectEqual([listed.total, listed.limit, listed.offset], [7, 100, 0], '[total, limit, offset]');
      },
    },
    {
      name: 'blocks: an insert at a position and POST /blocks/{id}/move keep sibling positions dense 0..n-1',
      async run() {
        const s = await owner();
        const { p1 } = pages();
        const first = await expectOk(
          s,
          s.api.POST('/api/v1/ocean/blocks', {
            params: { query: { page_id: p1.page_id } },
            body: { block_type: 'text', content: { text: 'Inserted first' }, position: 0 },
          }),
          201,
          'insert at 0',
        );
        expectEqual(first.position, 0, 'inserted position');
        m.blocks.first = first;
        const moved = await expectOk(
          s,
          s.api.POST('/api/v1/ocean/blocks/{id}/move', {
            params: { path: { id: block('pageLink').block_id } },
            body: { new_position: 1 },
          }),
          200,
          'move',
        );
        expectEqual(moved.position, 1, 'moved position');
        const roots = (await blocksOf(s, p1.page_id)).filter((b) => b.parent_block_id === null);
        expectEqual(
          roots.map((b) => b.block_id),
          ['first', 'pageLink', 'text', 'heading', 'list', 'task', 'link'].map((n) => block(n).block_id),
          'root blocks after insert and move',
        );
        expectEqual(
          roots.map((b) => b.position),
          [0, 1, 2, 3, 4, 5, 6],
          'root positions',
        );
      },
    },
    {
      name: 'blocks: PUT updates content; convert keeps the text (text→heading level 1, list→text lines, heading→task unchecked)',
      async run() {
        const s = await owner();
        const convert = (id: string, to: 'heading' | 'text' | 'task') =>
          s.api.POST('/api/v1/ocean/blocks/{id}/convert', { params: { path: { id } }, body: { new_type: to } });
        const updated = await expectOk(
          s,
          s.api.PUT('/api/v1/ocean/blocks/{id}', {
            params: { path: { id: block('first').block_id } },
            body: { content: { text: 'Changed' } },
          }),
          200,
          'update a block',
        );
        expectEqual(updated.content, { text: 'Changed' }, 'updated content');
        const heading = await expectOk(s, convert(block('first').block_id, 'heading'), 200, 'text → heading');
        expectEqual([heading.block_type, heading.content], ['heading', { text: 'Changed', level: 1 }], 'as heading');
        const text = await expectOk(s, convert(block('list').block_id, 'text'), 200, 'list → text');
        expectEqual([text.block_type, text.content], ['text', { text: 'one\ntwo' }], 'list as text');
        const task = await expectOk(s, convert(block('heading').block_id, 'task'), 200, 'heading → task');
        expectEqual([task.block_type, task.content], ['task', { text: 'A heading', checked: false }], 'as task');
      },
    },
    {
      name: 'tags: create (a duplicate name in any case → 409), assign (twice → 409), usage_count and properties.tags follow, unassign (twice → 404)',
      async run() {
        const s = await owner();
        const name = `contract-${c.run}`;
        const tag = await expectOk(
          s,
          s.api.POST('/api/v1/ocean/tags', { body: { name, color: '#336699' } }),
          201,
          'create tag',
        );
        expectMatch(tag.tag_id, UUID, 'tag_id');
        expectEqual([tag.name, tag.usage_count], [name, 0], '[name, usage_count]');
        c.later(`delete tag ${tag.tag_id}`, () =>
          s.api.DELETE('/api/v1/ocean/tags/{id}', { params: { path: { id: tag.tag_id } } }),
        );
        m.tagId = tag.tag_id;
        await expectRefusal(
          s,
          s.api.POST('/api/v1/ocean/tags', { body: { name: name.toUpperCase() } }),
          409,
          undefined,
          'a duplicate tag name',
        );
        const assign = (b: string) =>
          s.api.POST('/api/v1/ocean/blocks/{id}/tags', {
            params: { path: { id: block(b).block_id } },
            body: { tag_id: tag.tag_id },
          });
        const usage = async () =>
          (
            await expectOk(
              s,
              s.api.GET('/api/v1/ocean/tags/{id}', { params: { path: { id: tag.tag_id } } }),
              200,
              'get tag',
            )
          ).usage_count;
        await expectOk(s, assign('task'), 200, 'assign');
        await expectOk(s, assign('text'), 200, 'assign to a second block');
        await expectRefusal(s, assign('task'), 409, undefined, 'assign again');
        const byUsage = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/tags', { params: { query: { sort_by: 'usage_count' } } }),
          200,
          'list tags',
        );
        const listed = byUsage.tags.find((t) => t.tag_id === tag.tag_id);
        expectEqual(listed?.usage_count, 2, 'usage_count in GET /tags');
        const counts = byUsage.tags.map((t) => t.usage_count);
        expectEqual(
          counts,
          [...counts].sort((a, b) => b - a),
          'sort_by=usage_count order',
        );
        const tagged = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/blocks/{id}', { params: { path: { id: block('task').block_id } } }),
          200,
          'get tagged block',
        );
        expectEqual((tagged.properties as { tags?: unknown }).tags, [tag.tag_id], 'properties.tags');
        const tagsOf = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/blocks/{id}/tags', { params: { path: { id: block('task').block_id } } }),
          200,
          'tags of a block',
        );
        expect(JSON.stringify(tagsOf).includes(tag.tag_id), 'GET /blocks/{id}/tags does not list the tag');
        const unassign = () =>
          s.api.DELETE('/api/v1/ocean/blocks/{id}/tags/{tagId}', {
            params: { path: { id: block('text').block_id, tagId: tag.tag_id } },
          });
        const removed = await unassign();
        expect([200, 204].includes(removed.response.status), `unassign answered ${removed.response.status}`);
        await expectRefusal(s, unassign(), 404, undefined, 'unassign again');
        expectEqual(await usage(), 1, 'usage_count after unassigning one block');
      },
    },
    {
      name: 'links: POST /links → 201; the same link again → 409; a cycle or a self-link → 400 CIRCULAR_REFERENCE; backlinks list them',
      async run() {
        const s = await owner();
        const { p1, p2 } = pages();
        const link = (source: string, target: string, type: 'reference' | 'embed' = 'reference') =>
          s.api.POST('/api/v1/ocean/links', { body: { source_block_id: source, target_id: target, link_type: type } });
        const toPage = await expectOk(s, link(block('task').block_id, p2.page_id), 201, 'link a block to a page');
        expectMatch(toPage.link_id, UUID, 'link_id');
        expectEqual(
          [toPage.source_block_id, toPage.target_id, toPage.link_type, toPage.is_page_link],
          [block('task').block_id, p2.page_id, 'reference', true],
          'link [source, target, type, is_page_link]',
        );
        m.linkId = toPage.link_id;
        await expectRefusal(s, link(block('task').block_id, p2.page_id), 409, undefined, 'the same link again');
        const backlinks = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/pages/{id}/backlinks', { params: { path: { id: p2.page_id } } }),
          200,
          'page backlinks',
        );
        const back = backlinks.backlinks.find((b) => b.link_id === toPage.link_id);
        expect(back, `backlinks of page 2 miss the link: ${JSON.stringify(backlinks)}`);
        expectEqual(
          [back.source_block_id, back.source_page_id, back.source_block_type],
          [block('task').block_id, p1.page_id, 'task'],
          'backlink [source block, source page, type]',
        );
        expect(
          backlinks.backlinks.some((b) => b.source_block_id === block('pageLink').block_id),
          'the page_link block is not among the backlinks of the page it links',
        );
        expectEqual(backlinks.total, backlinks.backlinks.length, 'backlinks total');

        const ab = await expectOk(s, link(block('text').block_id, block('link').block_id, 'embed'), 201, 'A → B');
        await expectRefusal(
          s,
          link(block('link').block_id, block('text').block_id),
          400,
          'CIRCULAR_REFERENCE',
          'B → A closes a cycle',
        );
        await expectRefusal(
          s,
          link(block('text').block_id, block('text').block_id),
          400,
          'CIRCULAR_REFERENCE',
          'a self-link',
        );
        const from = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/links', { params: { query: { source_block_id: block('text').block_id } } }),
          200,
          'links from A',
        );
        expectEqual(
          from.links.map((l) => l.link_id),
          [ab.link_id],
          'GET /links?source_block_id',
        );
        const blockBacklinks = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/blocks/{id}/backlinks', { params: { path: { id: block('link').block_id } } }),
          200,
          'block backlinks',
        );
        expectEqual(
          blockBacklinks.backlinks.map((b) => b.link_id),
          [ab.link_id],
          'backlinks of B',
        );
        await expectOk(
          s,
          s.api.DELETE('/api/v1/ocean/links/{id}', { params: { path: { id: ab.link_id } } }),
          204,
          'delete a link',
        );
        await expectRefusal(
          s,
          s.api.GET('/api/v1/ocean/links/{id}', { params: { path: { id: ab.link_id } } }),
          404,
          undefined,
          'a deleted link',
        );
      },
    },
    {
      name: 'search: a just-written block is found by its word, by a prefix and by a one-letter typo, with highlights and a **snippet**',
      async run() {
        const s = await owner();
        const { p1 } = pages();
        const target = block('task').block_id;
        const find = async (q: string, body?: boolean) => {
          const answer = await expectOk(
            s,
            body
              ? s.api.POST('/api/v1/ocean/search', {
                  body: { q, search_type: 'metadata' } as { q: string; search_type: 'metadata'; limit: number },
                })
              : s.api.GET('/api/v1/ocean/search', { params: { query: { q } } }),
            200,
            `search "${q}"`,
          );
          return answer;
        };
        const answer = await find(m.word);
        const hit = answer.results.find((r) => r.block_id === target);
        expect(hit, `search for "${m.word}" does not find the block: ${JSON.stringify(answer)}`);
        expectEqual([answer.query, answer.search_type], [m.word, 'hybrid'], '[query, search_type]');
        expectEqual(typeof answer.degraded, 'boolean', 'degraded type');
        expectEqual([hit.page_id, hit.page_title, hit.block_type], [p1.page_id, m.p1?.title, 'task'], 'hit');
        expect(hit.score >= 0 && hit.score <= 1, `score ${hit.score} outside 0..1`);
        expectEqual(hit.highlights, [m.word], 'highlights');
        expect(
          hit.snippet.includes(`**${m.word}**`),
          `snippet does not mark the match: ${JSON.stringify(hit.snippet)}`,
        );

        const prefix = await find(m.word.slice(0, -3), true);
        expectEqual(prefix.search_type, 'metadata', 'POST search_type');
        expect(
          prefix.results.some((r) => r.block_id === target),
          `a prefix "${m.word.slice(0, -3)}" does not find the block`,
        );
        // One letter changed in the middle (the words are long: two letters are allowed).
        const i = 9;
        const typo = `${m.word.slice(0, i)}${m.word[i] === 'x' ? 'y' : 'x'}${m.word.slice(i + 1)}`.toUpperCase();
        const typoHit = (await find(typo)).results.find((r) => r.block_id === target);
        expect(typoHit, `a one-letter typo "${typo}" (upper case) does not find the block`);
        expectEqual(typoHit.highlights, [m.word], 'highlights of a typo match (the block’s own word)');
      },
    },
    {
      name: 'search: semantic answers results, or 400 SEMANTIC_SEARCH_UNAVAILABLE when no provider is configured; query syntax is never an error',
      async run() {
        const s = await owner();
        const semantic = await s.api
          .GET('/api/v1/ocean/search', { params: { query: { q: m.word, search_type: 'semantic' } } })
          .then(
            (answer) => ({ answer }),
            (error: unknown) => ({ error }),
          );
        if ('answer' in semantic) {
          expectEqual(semantic.answer.data?.search_type, 'semantic', 'search_type');
          expect(Array.isArray(semantic.answer.data?.results), 'semantic search answered no results list');
        } else {
          await expectRefusal(
            s,
            Promise.resolve().then(() => {
              throw semantic.error;
            }),
            400,
            'SEMANTIC_SEARCH_UNAVAILABLE',
            'semantic search without a provider',
          );
        }
        const syntax = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/search', { params: { query: { q: `"${m.word} & | ! :* ( )` } } }),
          200,
          'search with query syntax characters',
        );
        expect(
          syntax.results.some((r) => r.block_id === block('task').block_id),
          'quotes and operators in q stop the word from being found',
        );
      },
    },
    {
      name: 'blocks: DELETE /blocks/{id} → 204, with its child blocks; the siblings stay dense',
      async run() {
        const s = await owner();
        const { p1 } = pages();
        await expectOk(
          s,
          s.api.DELETE('/api/v1/ocean/blocks/{id}', { params: { path: { id: block('text').block_id } } }),
          204,
          'delete a block',
        );
        await expectRefusal(
          s,
          s.api.GET('/api/v1/ocean/blocks/{id}', { params: { path: { id: block('nested').block_id } } }),
          404,
          undefined,
          'the child of a deleted block',
        );
        const left = await blocksOf(s, p1.page_id);
        expectEqual(
          left.map((b) => b.position),
          [0, 1, 2, 3, 4, 5],
          'positions after the delete',
        );
        delete m.blocks.text;
        delete m.blocks.nested;
      },
    },
  ];
}

/** Run after the cross-tenant checks: archive and purge with everything under the page. */
export function purgeChecks(c: Contract, m: Made): Check[] {
  return [
    {
      name: 'pages: an archived page’s blocks leave search; DELETE ?permanent=true purges it, its subtree, blocks, links and tag assignments',
      async run() {
        const s = m.owner ?? skip('no owner session');
        const { p1, p2, child } =
          m.p1 && m.p2 && m.child ? { p1: m.p1, p2: m.p2, child: m.child } : skip('the pages were not created above');
        const task = m.blocks.task ?? skip('the task block was not created above');
        await expectOk(
          s,
          s.api.DELETE('/api/v1/ocean/pages/{id}', { params: { path: { id: p1.page_id } } }),
          204,
          'archive',
        );
        const search = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/search', { params: { query: { q: m.word } } }),
          200,
          'search',
        );
        expect(!search.results.some((r) => r.page_id === p1.page_id), 'an archived page’s block is still found');
        const hidden = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/pages', { params: { query: { parent_page_id: p1.page_id } } }),
          200,
          'children of an archived page',
        );
        expect(!ids(hidden.pages).includes(child.page_id), 'a page under an archived ancestor is still listed');
        await expectOk(
          s,
          s.api.DELETE('/api/v1/ocean/pages/{id}', {
            params: { path: { id: p1.page_id }, query: { permanent: 'true' } },
          }),
          204,
          'purge',
        );
        for (const [what, call] of [
          ['the purged page', () => s.api.GET('/api/v1/ocean/pages/{id}', { params: { path: { id: p1.page_id } } })],
          ['its child page', () => s.api.GET('/api/v1/ocean/pages/{id}', { params: { path: { id: child.page_id } } })],
          ['its block', () => s.api.GET('/api/v1/ocean/blocks/{id}', { params: { path: { id: task.block_id } } })],
        ] as const) {
          await expectRefusal(s, call(), 404, undefined, what);
        }
        if (m.tagId) {
          const tag = await expectOk(
            s,
            s.api.GET('/api/v1/ocean/tags/{id}', { params: { path: { id: m.tagId } } }),
            200,
            'the tag',
          );
          expectEqual(tag.usage_count, 0, 'usage_count after the purge');
        }
        const backlinks = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/pages/{id}/backlinks', { params: { path: { id: p2.page_id } } }),
          200,
          'backlinks of page 2',
        );
        expectEqual(backlinks.total, 0, 'backlinks of page 2 after its linking page was purged');
        m.p1 = undefined;
      },
    },
    {
      name: 'tags: DELETE /tags/{id} → 200 {success, message, tag_id}; then 404',
      async run() {
        const s = m.owner ?? skip('no owner session');
        const tagId = m.tagId ?? skip('the tag was not created above');
        const answer = await expectOk(
          s,
          s.api.DELETE('/api/v1/ocean/tags/{id}', { params: { path: { id: tagId } } }),
          200,
          'delete tag',
        );
        expectEqual(answer.success, true, 'success');
        expectEqual(answer.tag_id, tagId, 'tag_id');
        expect(typeof answer.message === 'string', 'no message');
        await expectRefusal(
          s,
          s.api.GET('/api/v1/ocean/tags/{id}', { params: { path: { id: tagId } } }),
          404,
          undefined,
          'a deleted tag',
        );
      },
    },
  ];
}
