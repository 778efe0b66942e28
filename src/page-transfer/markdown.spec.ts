import { describe, expect, it } from 'vitest';
import {
  BlockTree,
  linkedPageIds,
  MAX_IMPORT_BLOCKS,
  MAX_IMPORT_DEPTH,
  parseMarkdown,
  renderMarkdown,
  resolvePageLinks,
} from './markdown';

const PAGE = '0190f0b2-7a1c-7d3e-8f00-1234567890ab';
const block = (block_type: BlockTree['block_type'], content: Record<string, unknown>, children: BlockTree[] = []) => ({
  block_type,
  content,
  children,
});
const text = (t: string, children: BlockTree[] = []): BlockTree => block('text', { text: t }, children);

/** Export, then import: what comes back. */
function roundTrip(blocks: BlockTree[], title = 'A page'): { title?: string; blocks: BlockTree[] } {
  const titles = new Map([[PAGE, 'Linked page']]);
  const parsed = parseMarkdown(renderMarkdown(title, blocks, titles));
  return { title: parsed.title, blocks: resolvePageLinks(parsed.blocks, titles) };
}

describe('Markdown export and import', () => {
  it('writes every block type as the contract shows it', () => {
    const md = renderMarkdown(
      'Plan',
      [
        block('heading', { text: 'Goals', level: 2 }),
        text('Ship it.'),
        block('list', { items: ['one', 'two'], listType: 'bullet' }),
        block('list', { items: ['first'], listType: 'numbered' }),
        block('task', { text: 'open', checked: false }),
        block('task', { text: 'done', checked: true }),
        block('link', { url: 'https://example.com/docs', text: 'Docs' }),
        block('page_link', { linkedPageId: PAGE }),
      ],
      new Map([[PAGE, 'Linked page']]),
    );
    expect(md).toBe(
      [
        '# Plan',
        '## Goals',
        'Ship it.',
        '- one\n- two',
        '1. first',
        '- [ ] open\n- [x] done',
        '[Docs](https://example.com/docs)',
        `[[Linked page]](ocean://page/${PAGE})`,
      ].join('\n\n') + '\n',
    );
  });

  it('gives every block type back, with nested children', () => {
    const blocks: BlockTree[] = [
      block('heading', { text: 'One', level: 1 }),
      block('heading', { text: 'Two', level: 2 }, [text('under a heading')]),
      block('heading', { text: 'Three', level: 3 }),
      text('plain', [text('child'), block('task', { text: 'child task', checked: true })]),
      block('list', { items: ['a', 'b'], listType: 'bullet' }, [text('under the list')]),
      block('list', { items: ['c'], listType: 'bullet' }),
      block('list', { items: ['1st', '2nd'], listType: 'numbered' }),
      block('list', { items: ['again'], listType: 'numbered' }),
      block('task', { text: 'todo', checked: false }, [block('task', { text: 'sub', checked: true }, [text('deep')])]),
      block('task', { text: 'done', checked: true }),
      block('link', { url: 'https://example.com/a?b=(c)&d=e' }),
      block('link', { url: 'https://example.com/x', text: 'with [brackets] and *stars*' }),
      block('page_link', { linkedPageId: PAGE }),
      block('page_link', { linkedPageId: PAGE, displayText: 'Other ] words [' }),
      text(''),
      block('task', { text: '', checked: false }),
    ];
    expect(roundTrip(blocks)).toEqual({ title: 'A page', blocks });
  });

  it('keeps the words of text that looks like Markdown', () => {
    const tricky = [
      '# not a heading',
      '- not a list',
      '1. not ordered',
      '[ ] not a task',
      '> not a quote',
      '*not* **bold** _x_ `code` ~~struck~~',
      '[not](a link) <b>not html</b> &amp; &copy;',
      '  leading and trailing spaces  ',
      'two\nlines',
      'http://example.com and www.example.com',
      '\\ back\\slash\\',
      '|a|b|\n|-|-|',
      '---',
      '```',
      '1) paren',
      'tab\there',
      'emoji 🌊 and ünïcödé',
    ];
    const blocks = tricky.map((t) => text(t));
    expect(roundTrip(blocks).blocks).toEqual(blocks);
    const asItems = block('list', { items: tricky, listType: 'bullet' });
    expect(roundTrip([asItems]).blocks).toEqual([asItems]);
    const asTasks = tricky.map((t) => block('task', { text: t, checked: false }));
    expect(roundTrip(asTasks).blocks).toEqual(asTasks);
    const asHeadings = tricky.map((t) => block('heading', { text: t, level: 3 }));
    expect(roundTrip(asHeadings).blocks).toEqual(asHeadings);
  });

  it('keeps line endings, blank lines and no-break spaces of every kind of text', () => {
    const samples = [
      'a\n|b',
      'x\r',
      'a\r\nb',
      '\u00a0',
      'two\n\nparagraphs',
      'trailing\n',
      '\nleading',
      'a\n\n\nb',
      'z\n',
    ];
    for (const t of samples) {
      const blocks = [
        text(t),
        block('heading', { text: t, level: 1 }),
        block('heading', { text: t, level: 2 }),
        block('task', { text: t, checked: true }),
        block('list', { items: [t, 'next'], listType: 'numbered' }),
        block('link', { url: 'https://example.com/', text: t }),
        block('page_link', { linkedPageId: PAGE, displayText: t }),
      ];
      expect({ t, ...roundTrip(blocks, t) }).toEqual({ t, title: t, blocks });
    }
  });

  it('gives back seeded random text of Markdown characters in every kind of block', () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = [
      'a',
      'b',
      ' ',
      '  ',
      '\t',
      '\n',
      '#',
      '-',
      '*',
      '_',
      '[',
      ']',
      '(',
      ')',
      '|',
      '>',
      '<',
      '&',
      '\\',
      '`',
      '~',
      '!',
      '1.',
      '=',
      '+',
      '\u00a0',
      ':',
      'http://x.y',
      '&amp;',
      '<b>',
      '[ ]',
      '🌊',
    ];
    for (let i = 0; i < 300; i++) {
      const t = Array.from({ length: 1 + random(12) }, () => alphabet[random(alphabet.length)]).join('');
      const blocks = [
        text(t),
        block('heading', { text: t, level: 1 + random(3) }),
        block('task', { text: t, checked: random(2) === 1 }),
        block('list', { items: [t], listType: random(2) ? 'bullet' : 'numbered' }),
        block('page_link', { linkedPageId: PAGE, displayText: t }),
      ];
      expect({ t, ...roundTrip(blocks) }).toEqual({ t, title: 'A page', blocks });
    }
  });

  it('takes a leading # heading as the title, and keeps a first heading block after it', () => {
    const blocks = [block('heading', { text: 'First block', level: 1 })];
    expect(roundTrip(blocks, 'Title *with* marks')).toEqual({ title: 'Title *with* marks', blocks });
    expect(parseMarkdown('Just text').title).toBeUndefined();
    expect(parseMarkdown('## Not a title').title).toBeUndefined();
  });

  it('turns what Ocean has not into text, never an error', () => {
    const { blocks } = parseMarkdown(
      [
        '#### Deep heading',
        '```js\nconst a = 1;\n```',
        '    indented code',
        '| h1 | h2 |\n| --- | --- |\n| a | **b** |',
        '![alt text](https://example.com/p.png)',
        '![local](p.png)',
        '<details>open</details>',
        '***',
        'See [the docs](https://example.com/docs) and <https://example.com>.',
        '[bad link](javascript:alert(1))',
        '- [?] odd marker',
      ].join('\n\n'),
    );
    expect(blocks).toEqual([
      text('Deep heading'),
      text('const a = 1;'),
      text('indented code'),
      text('h1 | h2\na | b'),
      block('link', { url: 'https://example.com/p.png', text: 'alt text' }),
      text('local'),
      text('<details>open</details>'),
      text('See the docs (https://example.com/docs) and https://example.com.'),
      text('[bad link](javascript:alert(1))'),
      block('list', { items: ['[?] odd marker'], listType: 'bullet' }),
    ]);
  });

  it('turns a link to a page the organization does not have into its words', () => {
    const other = '0190f0b2-7a1c-7d3e-8f00-00000000beef';
    const parsed = parseMarkdown(
      `[[Gone]](ocean://page/${other})\n\n- [[Linked page]](ocean://page/${PAGE.toUpperCase()})`,
    );
    expect(linkedPageIds(parsed.blocks)).toEqual([other]);
    expect(resolvePageLinks(parsed.blocks, new Map([[PAGE, 'Linked page']]))).toEqual([
      text('Gone'),
      block('list', { items: ['[Linked page] (ocean://page/' + PAGE.toUpperCase() + ')'], listType: 'bullet' }),
    ]);
  });

  it('splits a mixed list into task blocks and list blocks, in order', () => {
    const { blocks } = parseMarkdown('- a\n- [x] done\n- b\n- c\n- [ ] open');
    expect(blocks).toEqual([
      block('list', { items: ['a'], listType: 'bullet' }),
      block('task', { text: 'done', checked: true }),
      block('list', { items: ['b', 'c'], listType: 'bullet' }),
      block('task', { text: 'open', checked: false }),
    ]);
  });

  it('splits text longer than a block holds, and keeps surrogate pairs whole', () => {
    const long = 'a'.repeat(1999) + '🌊' + 'b'.repeat(10);
    const { blocks } = parseMarkdown(long);
    expect(blocks.map((b) => (b.content.text as string).length)).toEqual([1999, 12]);
    expect(blocks.map((b) => b.content.text).join('')).toBe(long);
  });

  it('refuses a document of more blocks than one import creates', () => {
    expect(() => parseMarkdown('a\n\n'.repeat(MAX_IMPORT_BLOCKS + 1))).toThrow(
      expect.objectContaining({ code: 'IMPORT_TOO_LARGE' }),
    );
    expect(parseMarkdown('a\n\n'.repeat(MAX_IMPORT_BLOCKS)).blocks).toHaveLength(MAX_IMPORT_BLOCKS);
  });

  it('keeps hostile nesting bounded: deep quotes and lists neither throw nor nest past the limit', () => {
    const depthOf = (blocks: BlockTree[]): number => Math.max(0, ...blocks.map((b) => 1 + depthOf(b.children)));
    const quotes = parseMarkdown('para\n\n' + '>'.repeat(100_000) + ' deep');
    expect(depthOf(quotes.blocks)).toBeLessThanOrEqual(MAX_IMPORT_DEPTH + 1);
    const lists = parseMarkdown(Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n'));
    expect(depthOf(lists.blocks)).toBeLessThanOrEqual(MAX_IMPORT_DEPTH + 1);
    expect(lists.blocks.length).toBeGreaterThan(0);
  });
});
