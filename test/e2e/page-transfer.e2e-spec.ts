import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCKS, BlockJson } from '../factories/blocks';
import { createPage, PAGES, PageJson } from '../factories/pages';
import { createApiKey, registerAndLogin } from '../factories/identity';
import { signToken } from '../factories/tokens';
import { bootApp, TestApp } from '../support/app';
import { Reply, send } from '../support/http';

const MD = { 'content-type': 'text/markdown' };

/** What a block is, without its ids: its type, content and the same of its children, in order. */
interface Shape {
  block_type: string;
  content: Record<string, unknown>;
  children: Shape[];
}

function shapesOf(blocks: BlockJson[]): Shape[] {
  const roots: Shape[] = [];
  const byId = new Map<string, Shape>();
  for (const b of blocks) {
    const shape: Shape = { block_type: b.block_type, content: b.content, children: [] };
    byId.set(b.block_id, shape);
    (b.parent_block_id ? byId.get(b.parent_block_id)!.children : roots).push(shape);
  }
  return roots;
}

describe('page export and import (Markdown and JSON)', () => {
  let t: TestApp;
  let token: string;
  let otherToken: string;
  const org = `org-transfer-${Date.now()}`;

  beforeAll(async () => {
    t = await bootApp();
    token = await signToken({ org, user: 'transfer-user' });
    otherToken = await signToken({ org: `${org}-other`, user: 'transfer-other' });
  });

  afterAll(async () => {
    await t.close();
  });

  const call = (method: 'GET' | 'POST', url: string, payload?: unknown, headers?: Record<string, string>, as = token) =>
    send(t.app, method, url, { token: as, payload, headers });

  async function block(pageId: string, body: Record<string, unknown>): Promise<BlockJson> {
    const res = await call('POST', `${BLOCKS}?page_id=${pageId}`, body);
    expect(res.status).toBe(201);
    return res.body as BlockJson;
  }

  async function blocksOf(pageId: string, as = token): Promise<BlockJson[]> {
    const res = await call('GET', `${BLOCKS}?page_id=${pageId}&limit=500`, undefined, undefined, as);
    expect(res.status).toBe(200);
    return res.body.blocks as BlockJson[];
  }

  const pageCount = async (as = token): Promise<number> =>
    (await call('GET', `${PAGES}?limit=1`, undefined, undefined, as)).body.total as number;

  const expectError = (res: Reply, status: number, code: string): void => {
    expect({ status: res.status, code: res.body?.error_code }).toEqual({ status, code });
    expect(typeof res.body.detail).toBe('string');
  };

  /** A page holding every block type, with children under a text block, a list and a task. */
  async function richPage(): Promise<{ page: PageJson; linked: PageJson }> {
    const linked = await createPage(t.app, token, { title: 'Linked [page]' });
    const page = await createPage(t.app, token, { title: 'Everything *here*' });
    await block(page.page_id, { block_type: 'heading', content: { text: 'Top', level: 1 } });
    const para = await block(page.page_id, { block_type: 'text', content: { text: 'A paragraph\nin two lines' } });
    await block(page.page_id, {
      block_type: 'task',
      content: { text: 'under the paragraph', checked: true },
      parent_block_id: para.block_id,
    });
    await block(page.page_id, { block_type: 'heading', content: { text: 'Middle', level: 2 } });
    const list = await block(page.page_id, {
      block_type: 'list',
      content: { items: ['one', '# two', 'three'], listType: 'bullet' },
    });
    await block(page.page_id, {
      block_type: 'text',
      content: { text: 'under the list' },
      parent_block_id: list.block_id,
    });
    await block(page.page_id, { block_type: 'list', content: { items: ['first', 'second'], listType: 'numbered' } });
    const task = await block(page.page_id, { block_type: 'task', content: { text: 'to do', checked: false } });
    await block(page.page_id, {
      block_type: 'link',
      content: { url: 'https://example.com/sub?a=(b)' },
      parent_block_id: task.block_id,
    });
    await block(page.page_id, { block_type: 'task', content: { text: 'done', checked: true } });
    await block(page.page_id, { block_type: 'heading', content: { text: 'Bottom', level: 3 } });
    await block(page.page_id, { block_type: 'link', content: { url: 'https://example.com/docs', text: 'The docs' } });
    await block(page.page_id, { block_type: 'page_link', content: { linkedPageId: linked.page_id } });
    await block(page.page_id, {
      block_type: 'page_link',
      content: { linkedPageId: linked.page_id, displayText: 'see ] there' },
    });
    await block(page.page_id, { block_type: 'text', content: { text: '' } });
    return { page, linked };
  }

  it('exports Markdown as the contract writes it, and imports it back to the same blocks', async () => {
    const { page, linked } = await richPage();
    const exported = await call('GET', `${PAGES}/${page.page_id}/export?format=markdown`);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toBe('text/markdown; charset=utf-8');
    const markdown = exported.body as string;
    expect(
      markdown.startsWith(
        '# Everything \\*here\\*\n\n# Top\n\nA paragraph\nin two lines\n\n> - [x] under the paragraph\n',
      ),
    ).toBe(true);
    expect(markdown).toContain(`[[Linked \\[page\\]]](ocean://page/${linked.page_id})`);
    expect(markdown).toContain('- [ ] to do\n\n  <https://example.com/sub?a=(b)>\n- [x] done');
    // The default format is Markdown.
    expect((await call('GET', `${PAGES}/${page.page_id}/export`)).body).toBe(markdown);

    const parent = await createPage(t.app, token, { title: 'Imports' });
    const imported = await call('POST', `${PAGES}/import?parent_page_id=${parent.page_id}`, markdown, MD);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ title: 'Everything *here*', parent_page_id: parent.page_id });
    expect(shapesOf(await blocksOf(imported.body.page_id))).toEqual(shapesOf(await blocksOf(page.page_id)));
    // And again: the import exports to the very same document.
    const again = await call('GET', `${PAGES}/${imported.body.page_id}/export`);
    expect(again.body).toBe(markdown);
  });

  it('exports JSON: the page and every block in document order, as the API renders them', async () => {
    const { page } = await richPage();
    const res = await call('GET', `${PAGES}/${page.page_id}/export?format=json`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.page).toEqual((await call('GET', `${PAGES}/${page.page_id}`)).body);
    expect(res.body.blocks).toEqual(await blocksOf(page.page_id));
    expect(res.body.blocks).toHaveLength(15);
  });

  it('imports foreign Markdown: what Ocean has not becomes text, a title parameter wins', async () => {
    const md = [
      '# Doc title',
      '#### small heading',
      '```sh\nnpm start\n```',
      '| a | b |\n|---|---|\n| 1 | 2 |',
      '![diagram](https://example.com/d.png)',
      '* [x] shipped\n* [ ] next',
      `[[Someone else's]](ocean://page/0190f0b2-7a1c-7d3e-8f00-1234567890ab)`,
    ].join('\n\n');
    const res = await call('POST', `${PAGES}/import?title=Given%20title`, md, MD);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: 'Given title', parent_page_id: null });
    expect(shapesOf(await blocksOf(res.body.page_id))).toEqual([
      { block_type: 'text', content: { text: 'small heading' }, children: [] },
      { block_type: 'text', content: { text: 'npm start' }, children: [] },
      { block_type: 'text', content: { text: 'a | b\n1 | 2' }, children: [] },
      { block_type: 'link', content: { url: 'https://example.com/d.png', text: 'diagram' }, children: [] },
      { block_type: 'task', content: { text: 'shipped', checked: true }, children: [] },
      { block_type: 'task', content: { text: 'next', checked: false }, children: [] },
      // A page the organization does not have: its words, no link.
      { block_type: 'text', content: { text: "Someone else's" }, children: [] },
    ]);
  });

  it('imports an empty document as an empty page titled Untitled', async () => {
    const res = await call('POST', `${PAGES}/import`, '', MD);
    expect(res.status).toBe(201);
    expect(res.body.title).toBe('Untitled');
    expect(await blocksOf(res.body.page_id)).toEqual([]);
  });

  it('refuses bad input with a 4xx and creates nothing', async () => {
    const before = await pageCount();
    const cases: Array<[string, Promise<Reply>, number, string]> = [
      ['JSON body', call('POST', `${PAGES}/import`, { markdown: '# x' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [
        'no content type',
        send(t.app, 'POST', `${PAGES}/import`, { token, payload: '# x', headers: { 'content-type': 'text/plain' } }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'Latin-1',
        call('POST', `${PAGES}/import`, '# x', { 'content-type': 'text/markdown; charset=latin1' }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'not UTF-8',
        t.app
          .inject({
            method: 'POST',
            url: `${PAGES}/import`,
            headers: { authorization: `Bearer ${token}`, ...MD },
            payload: Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x41]),
          })
          .then((r) => ({ status: r.statusCode, headers: r.headers, body: r.json() })),
        400,
        'INVALID_TEXT',
      ],
      ['NUL', call('POST', `${PAGES}/import`, '# a\u0000b', MD), 400, 'INVALID_TEXT'],
      ['too many blocks', call('POST', `${PAGES}/import`, 'a\n\n'.repeat(5001), MD), 413, 'IMPORT_TOO_LARGE'],
      ['over 1 MiB', call('POST', `${PAGES}/import`, 'a'.repeat(1024 * 1024 + 1), MD), 413, 'PAYLOAD_TOO_LARGE'],
      ['long title', call('POST', `${PAGES}/import?title=${'t'.repeat(501)}`, '# x', MD), 400, 'VALIDATION_FAILED'],
      ['empty title', call('POST', `${PAGES}/import?title=`, '# x', MD), 400, 'VALIDATION_FAILED'],
      ['bad parent', call('POST', `${PAGES}/import?parent_page_id=nope`, '# x', MD), 400, 'VALIDATION_FAILED'],
      ['Markdown elsewhere', call('POST', PAGES, '# x', MD), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [
        'bad format',
        call('GET', `${PAGES}/${(await createPage(t.app, token)).page_id}/export?format=xml`),
        400,
        'VALIDATION_FAILED',
      ],
      ['not a UUID', call('GET', `${PAGES}/not-a-uuid/export`), 404, 'PAGE_NOT_FOUND'],
    ];
    for (const [name, reply, status, code] of cases) {
      const res = await reply;
      expect({ name, status: res.status, code: res.body?.error_code }).toEqual({ name, status, code });
    }
    // One page was created above on purpose (for the bad format); nothing else.
    expect(await pageCount()).toBe(before + 1);
  });

  it("never shows or writes into another organization's pages", async () => {
    const { page, linked } = await richPage();
    expectError(
      await call('GET', `${PAGES}/${page.page_id}/export`, undefined, undefined, otherToken),
      404,
      'PAGE_NOT_FOUND',
    );
    expectError(
      await call('GET', `${PAGES}/${page.page_id}/export?format=json`, undefined, undefined, otherToken),
      404,
      'PAGE_NOT_FOUND',
    );
    const before = await pageCount(otherToken);
    expectError(
      await call('POST', `${PAGES}/import?parent_page_id=${page.page_id}`, '# x', MD, otherToken),
      404,
      'PARENT_PAGE_NOT_FOUND',
    );
    expect(await pageCount(otherToken)).toBe(before);
    // A page link to the first organization's page imports as words, not as a link to it.
    const res = await call('POST', `${PAGES}/import`, `[[Guess]](ocean://page/${linked.page_id})`, MD, otherToken);
    expect(res.status).toBe(201);
    expect(shapesOf(await blocksOf(res.body.page_id, otherToken))).toEqual([
      { block_type: 'text', content: { text: 'Guess' }, children: [] },
    ]);
  });

  it('exports with a read-only API key, and imports only with the write scope', async () => {
    const session = await registerAndLogin(t.app);
    const { key } = await createApiKey(t.app, session.access_token, ['read']);
    const page = await createPage(t.app, session.access_token, { title: 'Scoped' });
    const withKey = (method: 'GET' | 'POST', url: string, payload?: string) =>
      send(t.app, method, url, { apiKey: key, payload, headers: payload === undefined ? {} : MD });
    expect((await withKey('GET', `${PAGES}/${page.page_id}/export`)).body).toBe('# Scoped\n');
    const refused = await withKey('POST', `${PAGES}/import`, '# x');
    expect(refused.status).toBe(403);
    expect(refused.body.error_code).toBe('FORBIDDEN');
  });
});
