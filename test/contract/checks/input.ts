import type { Contract } from '../context';
import type { Check } from '../runner';
import { expect, expectEqual, expectOk, expectRefusal, randomUuid, type Session } from '../support';

/** A body the typed client sends as it stands (wrong types, raw text, another content type). */
const raw = (text: string) => ({ body: {} as never, bodySerializer: () => text });

/**
 * Bad input answers 4xx with {detail, error_code} (validation errors naming the field), never
 * a 500 and never a success: wrong types, NUL and lone surrogates, oversize values, other
 * content types (415), bodies over 1 MiB (413), deep nesting, reserved keys, non-UUID ids (404),
 * out-of-range list parameters, and each block type's content rules.
 */
export function inputChecks(c: Contract): Check[] {
  let pageId: string | undefined;
  const probe = async (): Promise<{ s: Session; pageId: string }> => {
    const s = await c.probe();
    if (!pageId) {
      const page = await expectOk(
        s,
        s.api.POST('/api/v1/ocean/pages', { body: { title: `Contract ${c.run} input` } }),
        201,
        'a page for the input checks',
      );
      const id = page.page_id;
      pageId = id;
      c.purgeLater(s, id);
    }
    return { s, pageId };
  };
  const createPage = (s: Session, body: unknown) => s.api.POST('/api/v1/ocean/pages', { body: body as never });
  const fieldNamed = (errors: unknown, field: string): boolean =>
    Array.isArray(errors) && errors.some((e: { field?: unknown }) => e.field === field);

  return [
    {
      name: 'input: wrong types and a missing title → 400 VALIDATION_FAILED naming the field',
      async run() {
        const { s, pageId } = await probe();
        for (const [what, body, field] of [
          ['title a number', { title: 123 }, 'title'],
          ['title missing', { icon: 'x' }, 'title'],
          ['metadata an array', { title: 'x', metadata: [1, 2] }, 'metadata'],
          ['cover_image not a URL', { title: 'x', cover_image: 'javascript:alert(1)' }, 'cover_image'],
        ] as const) {
          const refused = await expectRefusal(s, createPage(s, body), 400, undefined, what);
          expect(
            fieldNamed(refused.body.errors, field),
            `${what}: errors do not name "${field}": ${JSON.stringify(refused.body)}`,
          );
        }
        const update = await expectRefusal(
          s,
          s.api.PUT('/api/v1/ocean/pages/{id}', {
            params: { path: { id: pageId } },
            body: { is_favorite: 'yes' } as never,
          }),
          400,
          undefined,
          'PUT is_favorite a string',
        );
        expect(fieldNamed(update.body.errors, 'is_favorite'), 'PUT is_favorite a string: errors do not name the field');
      },
    },
    {
      name: 'input: a NUL (control character) or a lone surrogate in a text field → 400 naming the field',
      async run() {
        const { s } = await probe();
        for (const [what, title] of [
          ['a NUL in the title', 'a\u0000b'],
          ['a lone high surrogate in the title', 'a\ud800b'],
          ['a lone low surrogate in the title', '\udfffb'],
        ] as const) {
          const refused = await expectRefusal(s, createPage(s, { title }), 400, undefined, what);
          expect(fieldNamed(refused.body.errors, 'title'), `${what}: errors do not name "title"`);
        }
        await expectRefusal(
          s,
          // In the JSON body: the client cannot percent-encode a lone surrogate into a query string.
          s.api.POST('/api/v1/ocean/search', { body: { q: 'a\ud800' } as never }),
          400,
          undefined,
          'a lone surrogate in the search query',
        );
      },
    },
    {
      name: 'input: a title over 500 characters, and a huge one (200 000), → 400',
      async run() {
        const { s } = await probe();
        await expectOk(
          s,
          createPage(s, { title: 'x'.repeat(500) }).then((a) => {
            const id = (a.data as { page_id: string }).page_id;
            c.purgeLater(s, id);
            return a;
          }),
          201,
          'a title of exactly 500 characters',
        );
        await expectRefusal(s, createPage(s, { title: 'x'.repeat(501) }), 400, undefined, '501 characters');
        await expectRefusal(s, createPage(s, { title: 'x'.repeat(200_000) }), 400, undefined, '200 000 characters');
      },
    },
    {
      name: 'input: a body that is not JSON → 415 (in any casing), malformed JSON → 400, over 1 MiB → 413',
      async run() {
        const { s } = await probe();
        for (const type of ['text/plain', 'TEXT/PLAIN', 'application/x-www-form-urlencoded', 'Application/XML']) {
          await expectRefusal(
            s,
            s.api.POST('/api/v1/ocean/pages', { ...raw('title=x'), headers: { 'content-type': type } }),
            415,
            undefined,
            `Content-Type: ${type}`,
          );
        }
        await expectRefusal(
          s,
          s.api.POST('/api/v1/ocean/pages', raw('{"title": "x",')),
          400,
          undefined,
          'malformed JSON',
        );
        const big = JSON.stringify({ title: 'x', metadata: { blob: 'y'.repeat(1024 * 1024 + 1) } });
        await expectRefusal(s, s.api.POST('/api/v1/ocean/pages', raw(big)), 413, undefined, 'a body over 1 MiB');
      },
    },
    {
      name: 'input: nesting deeper than 32 levels → 400; __proto__ / constructor keys are refused or dropped, never merged',
      async run() {
        const { s } = await probe();
        let deep: unknown = 'bottom';
        for (let i = 0; i < 40; i++) deep = { d: deep };
        await expectRefusal(s, createPage(s, { title: 'deep', metadata: deep }), 400, undefined, '40 levels');
        for (const key of ['__proto__', 'constructor', 'prototype']) {
          const text = `{"title": "reserved ${key}", "metadata": {"${key}": {"polluted": true}}}`;
          const answer = await s.api.POST('/api/v1/ocean/pages', raw(text)).catch((e: unknown) => e);
          if (answer instanceof Error) {
            await expectRefusal(
              s,
              Promise.resolve().then(() => {
                throw answer;
              }),
              400,
              undefined,
              `the key ${key}`,
            );
            continue;
          }
          const page = (answer as { data: { page_id: string; metadata: Record<string, unknown> } }).data;
          const id = page.page_id;
          c.purgeLater(s, id);
          expect(
            !JSON.stringify(page).includes('polluted'),
            `the key ${key} was kept: ${JSON.stringify(page.metadata)}`,
          );
        }
      },
    },
    {
      name: 'input: an id that is not a UUID → 404 (never 400 or 500) on page, block, tag and link routes',
      async run() {
        const { s } = await probe();
        for (const [what, call] of [
          [
            'GET /pages/not-a-uuid',
            () => s.api.GET('/api/v1/ocean/pages/{id}', { params: { path: { id: 'not-a-uuid' } } }),
          ],
          [
            'DELETE /pages/12345',
            () => s.api.DELETE('/api/v1/ocean/pages/{id}', { params: { path: { id: '12345' } } }),
          ],
          [
            'GET /blocks/<uuid>x',
            () => s.api.GET('/api/v1/ocean/blocks/{id}', { params: { path: { id: `${randomUuid()}x` } } }),
          ],
          ['GET /tags/zzz', () => s.api.GET('/api/v1/ocean/tags/{id}', { params: { path: { id: 'zzz' } } })],
          [
            'GET /links/%27or%201=1',
            () => s.api.GET('/api/v1/ocean/links/{id}', { params: { path: { id: "'or 1=1" } } }),
          ],
          [
            'GET /pages/<unknown uuid>',
            () => s.api.GET('/api/v1/ocean/pages/{id}', { params: { path: { id: randomUuid() } } }),
          ],
        ] as const) {
          await expectRefusal(s, call(), 404, undefined, what);
        }
      },
    },
    {
      name: 'input: list parameters out of range → 400, not clamped (pages limit 1..100, blocks 1..500, offset ≥ 0)',
      async run() {
        const { s, pageId: id } = await probe();
        for (const [what, query] of [
          ['limit=0', { limit: 0 }],
          ['limit=101', { limit: 101 }],
          ['offset=-1', { offset: -1 }],
          ['limit=ten', { limit: 'ten' as unknown as number }],
          ['parent_page_id=nope', { parent_page_id: 'nope' }],
        ] as const) {
          await expectRefusal(
            s,
            s.api.GET('/api/v1/ocean/pages', { params: { query } }),
            400,
            undefined,
            `pages ${what}`,
          );
        }
        await expectOk(
          s,
          s.api.GET('/api/v1/ocean/blocks', { params: { query: { page_id: id, limit: 500 } } }),
          200,
          'blocks limit=500',
        );
        await expectRefusal(
          s,
          s.api.GET('/api/v1/ocean/blocks', { params: { query: { page_id: id, limit: 501 } } }),
          400,
          undefined,
          'blocks limit=501',
        );
      },
    },
    {
      name: 'blocks: content is validated per type (unknown type, heading level, list items, task checked, link URL, page_link target) → 4xx',
      async run() {
        const { s, pageId: id } = await probe();
        const create = (block_type: string, content: unknown) =>
          s.api.POST('/api/v1/ocean/blocks', {
            params: { query: { page_id: id } },
            body: { block_type, content } as never,
          });
        for (const [what, type, content] of [
          ['an unknown type', 'table', { text: 'x' }],
          ['text without text', 'text', {}],
          ['text of 2001 characters', 'text', { text: 'x'.repeat(2001) }],
          ['an unknown content field', 'text', { text: 'x', color: 'red' }],
          ['heading level 4', 'heading', { text: 'x', level: 4 }],
          ['heading level 0', 'heading', { text: 'x', level: 0 }],
          ['list items that are numbers', 'list', { items: [1, 2], listType: 'bullet' }],
          ['list with an unknown listType', 'list', { items: ['a'], listType: 'roman' }],
          ['task checked "yes"', 'task', { text: 'x', checked: 'yes' }],
          ['link to javascript:', 'link', { url: 'javascript:alert(1)' }],
          ['link without url', 'link', { text: 'x' }],
          ['page_link without linkedPageId', 'page_link', { displayText: 'x' }],
        ] as const) {
          await expectRefusal(s, create(type, content), 400, undefined, what);
        }
        await expectRefusal(
          s,
          create('page_link', { linkedPageId: randomUuid() }),
          404,
          undefined,
          'page_link to a page that does not exist',
        );
        await expectRefusal(
          s,
          s.api.POST('/api/v1/ocean/blocks/batch', { params: { query: { page_id: id } }, body: { blocks: [] } }),
          400,
          undefined,
          'an empty batch',
        );
        const listed = await expectOk(
          s,
          s.api.GET('/api/v1/ocean/blocks', { params: { query: { page_id: id } } }),
          200,
          'list',
        );
        expectEqual(listed.total, 0, 'blocks on the page after only refused creates');
      },
    },
    {
      name: 'search: q missing or over 500 characters, an unknown search_type, limit or threshold out of range → 400',
      async run() {
        const { s } = await probe();
        for (const [what, query] of [
          ['q missing', {}],
          ['q empty', { q: '' }],
          ['q of 501 characters', { q: 'x'.repeat(501) }],
          ['search_type=fuzzy', { q: 'x', search_type: 'fuzzy' }],
          ['limit=0', { q: 'x', limit: 0 }],
          ['limit=101', { q: 'x', limit: 101 }],
          ['threshold=2', { q: 'x', threshold: 2 }],
        ] as const) {
          await expectRefusal(
            s,
            s.api.GET('/api/v1/ocean/search', { params: { query: query as never } }),
            400,
            undefined,
            `search ${what}`,
          );
        }
      },
    },
    {
      name: 'identity: a lone surrogate or a NUL in a sign-in field → 400, not 401 or 500',
      async run() {
        await c.needIdentity();
        const s = c.anonymous('input');
        const refused = await expectRefusal(
          s,
          s.api.POST('/v1/auth/login', { body: { email: 'a\ud800@example.com', password: 'x\u0000y' } }),
          400,
          undefined,
          'login with a lone surrogate and a NUL',
        );
        expect(refused.body.error_code !== 'INVALID_CREDENTIALS', 'treated as a wrong password');
      },
    },
  ];
}
