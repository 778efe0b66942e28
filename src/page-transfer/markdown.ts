import MarkdownIt from 'markdown-it';
import type {
  BlockContent as MdBlockContent,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
} from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { AppError } from '../common/errors';
import { isUuid } from '../common/ids';
import { isHttpUrl } from '../common/validation';
import { BlockType, MAX_LIST_ITEMS, MAX_TEXT_LENGTH, MAX_URL_LENGTH } from '../blocks/block-content';

/** A block with its child blocks, as export reads a page and import writes one. */
export interface BlockTree {
  block_type: BlockType;
  content: Record<string, unknown>;
  children: BlockTree[];
}

/** What a Markdown document holds for Ocean: the title (a leading `# heading`) and the blocks. */
export interface ParsedDocument {
  title?: string;
  blocks: BlockTree[];
}

/** Most blocks one import creates: a page of 1 MiB of one-word paragraphs would be 300 000. */
export const MAX_IMPORT_BLOCKS = 5000;
/** Deeper nesting is kept as siblings of the deepest block allowed. */
export const MAX_IMPORT_DEPTH = 16;

/** As CreatePageDto's title. */
const MAX_TITLE_LENGTH = 500;

export const PAGE_LINK_PREFIX = 'ocean://page/';

/** An empty paragraph cannot be written in Markdown: this comment stands for an empty text block. */
export const EMPTY_TEXT_BLOCK = '<!-- empty -->';

// ---------------------------------------------------------------------------------------------
// Export: blocks → mdast → CommonMark (+ GFM task lists), escaped by mdast-util-to-markdown.
// ---------------------------------------------------------------------------------------------

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const raw = (value: string): PhrasingContent => ({ type: 'html', value });

/**
 * Words as phrasing that reads back the same. A carriage return is written as a character
 * reference (Markdown reads any line ending as \n), and so is a no-break space (markdown-it
 * trims it off a heading or paragraph as white space). On one line (a heading, a link's text)
 * every line break is a reference too; in a paragraph or item a break between words stays a
 * line break, and one that a paragraph would drop or split at (leading, trailing, a blank line)
 * is a reference.
 */
const REFERENCES: Record<string, string> = { '\n': '&#xA;', '\r': '&#xD;', '\u00a0': '&#xA0;' };

function phrasingOf(value: string, oneLine = false): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let run = '';
  const flush = (): void => {
    if (run) out.push(text(run));
    run = '';
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const kept =
      c === '\n' && !oneLine && i > 0 && i < value.length - 1 && value[i - 1] !== '\n' && value[i + 1] !== '\n';
    if ((c === '\n' && !kept) || c === '\r' || c === '\u00a0') {
      flush();
      out.push(raw(REFERENCES[c]));
    } else run += c;
  }
  flush();
  return out;
}

const paragraph = (value: string): Paragraph => ({ type: 'paragraph', children: phrasingOf(value) });

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

class MarkdownWriter {
  constructor(private readonly pageTitles: ReadonlyMap<string, string>) {}

  /** Blocks in order; a run of task blocks is one task list. */
  flow(blocks: BlockTree[]): RootContent[] {
    const out: RootContent[] = [];
    for (let i = 0; i < blocks.length; i++) {
      if (blocks[i].block_type !== 'task') {
        out.push(...this.nodesOf(blocks[i]));
        continue;
      }
      const items: ListItem[] = [];
      for (; i < blocks.length && blocks[i].block_type === 'task'; i++) items.push(this.taskItem(blocks[i]));
      i--;
      out.push({ type: 'list', ordered: false, spread: false, children: items });
    }
    return out;
  }

  private taskItem(block: BlockTree): ListItem {
    const children = [paragraph(str(block.content.text)), ...(this.flow(block.children) as MdBlockContent[])];
    return { type: 'listItem', checked: block.content.checked === true, spread: false, children };
  }

  /**
   * Markdown indents only inside list items and block quotes: a list keeps its child blocks in
   * its last item; the children of any other block follow it as a block quote.
   */
  private nodesOf(block: BlockTree): RootContent[] {
    const c = block.content;
    const children = this.flow(block.children) as MdBlockContent[];
    const quoted = (node: RootContent): RootContent[] =>
      children.length ? [node, { type: 'blockquote', children }] : [node];
    switch (block.block_type) {
      case 'task':
        return [{ type: 'list', ordered: false, spread: false, children: [this.taskItem(block)] }];
      case 'text':
        return quoted(str(c.text) === '' ? { type: 'html', value: EMPTY_TEXT_BLOCK } : paragraph(str(c.text)));
      case 'heading':
        return quoted({ type: 'heading', depth: c.level as 1 | 2 | 3, children: phrasingOf(str(c.text), true) });
      case 'list': {
        const items = Array.isArray(c.items) && c.items.length ? (c.items as string[]) : [''];
        const list: List = {
          type: 'list',
          ordered: c.listType === 'numbered',
          spread: false,
          children: items.map((item) => ({ type: 'listItem', spread: false, children: [paragraph(item)] })),
        };
        list.children.at(-1)!.children.push(...children);
        return [list];
      }
      case 'link':
        return quoted({
          type: 'paragraph',
          children: [{ type: 'link', url: str(c.url), children: phrasingOf(str(c.text) || str(c.url), true) }],
        });
      case 'page_link': {
        const id = str(c.linkedPageId);
        const shown = typeof c.displayText === 'string' ? c.displayText : (this.pageTitles.get(id) ?? 'Untitled');
        // [[Title]](ocean://page/<id>): the outer brackets are written as they are, the title escaped.
        const label: PhrasingContent[] = [raw('['), ...phrasingOf(shown, true), raw(']')];
        return quoted({ type: 'paragraph', children: [{ type: 'link', url: PAGE_LINK_PREFIX + id, children: label }] });
      }
    }
  }
}

/** The page as a Markdown document: its title as `# Title`, then its blocks. */
export function renderMarkdown(title: string, blocks: BlockTree[], pageTitles: ReadonlyMap<string, string>): string {
  const root: Root = {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: phrasingOf(title, true) },
      ...new MarkdownWriter(pageTitles).flow(blocks),
    ],
  };
  return toMarkdown(root, {
    extensions: [gfmToMarkdown()],
    bullet: '-',
    bulletOther: '*',
    bulletOrdered: '.',
    listItemIndent: 'one',
    rule: '-',
    fences: true,
  });
}

// ---------------------------------------------------------------------------------------------
// Import: CommonMark (+ GFM tables, strikethrough, task list items) → blocks, with markdown-it.
// ---------------------------------------------------------------------------------------------

type Token = MarkdownIt.Token;

/** A block-level token with what it encloses. */
interface Node {
  token: Token;
  children: Node[];
}

/**
 * markdown-it rather than micromark: measured on this machine, micromark took seconds for a
 * 100 KiB document and overflowed the stack on 20 000 nested quotes; markdown-it parses a
 * MiB in well under a second and stops nesting at `maxNesting`.
 */
const parser = new MarkdownIt('commonmark', { html: true, maxNesting: 64 }).enable(['table', 'strikethrough']);
// URLs are kept as written (percent-encoding or punycode would change what a link block stores).
parser.normalizeLink = (url: string) => url;
parser.normalizeLinkText = (url: string) => url;

/** The token stream as a tree of block-level nodes (iterative: nesting is bounded by maxNesting anyway). */
function treeOf(tokens: Token[]): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const token of tokens) {
    if (token.nesting === -1) {
      stack.pop();
      continue;
    }
    const node: Node = { token, children: [] };
    stack.at(-1)!.push(node);
    if (token.nesting === 1) stack.push(node.children);
  }
  return root;
}

const attr = (token: Token, name: string): string => String(token.attrGet(name) ?? '');

const withoutScheme = (url: string): string => url.replace(/^[a-z][a-z0-9+.-]*:(\/\/)?/i, '');

/**
 * The words of inline content, as a user reads them: a link keeps its URL when its text hides it.
 * Linear in the tokens: a link's words are gathered beside the whole (CommonMark links do not nest).
 */
function plainText(inline: Token[] | null | undefined): string {
  const parts: string[] = [];
  let link: { href: string; words: string[] } | undefined;
  const add = (words: string): void => {
    parts.push(words);
    link?.words.push(words);
  };
  for (const t of inline ?? []) {
    switch (t.type) {
      case 'text':
      case 'code_inline':
      case 'html_inline':
      case 'image':
        add(t.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        add('\n');
        break;
      case 'link_open':
        link = { href: attr(t, 'href'), words: [] };
        break;
      case 'link_close':
        if (link?.href && withoutScheme(link.href) !== withoutScheme(link.words.join('')))
          parts.push(` (${link.href})`);
        link = undefined;
        break;
      default:
        break;
    }
  }
  return parts.join('');
}

/** Long text is split into blocks of the longest text a block holds. */
function chunks(value: string, size = MAX_TEXT_LENGTH): string[] {
  const out: string[] = [];
  let start = 0;
  do {
    let end = Math.min(value.length, start + size);
    // Never between the two halves of a surrogate pair.
    const last = value.charCodeAt(end - 1);
    if (end < value.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(value.slice(start, end));
    start = end;
  } while (start < value.length);
  return out;
}

const clip = (value: string): string => chunks(value)[0];

const textBlocks = (value: string): BlockTree[] =>
  chunks(value).map((t) => ({ block_type: 'text', content: { text: t }, children: [] }));

/** `[ ]`, `[x]` or `[X]` opening a list item's first paragraph, then a space or the end (GFM). */
function taskMarker(inline: Token | undefined): boolean | undefined {
  const raw = inline?.content ?? '';
  if (raw.length < 3 || raw[0] !== '[' || raw[2] !== ']') return undefined;
  if (raw.length > 3 && raw[3] !== ' ' && raw[3] !== '\t') return undefined;
  if (raw[1] === ' ') return false;
  return raw[1] === 'x' || raw[1] === 'X' ? true : undefined;
}

/** The words of a task item without its marker, the first four characters of its first text. */
function taskText(inline: Token): string {
  const [first, ...rest] = inline.children ?? [];
  if (first?.type !== 'text') return plainText(inline.children);
  const words = first.content.slice(first.content.length > 3 ? 4 : 3) + plainText(rest);
  // An empty task is written `- [ ] &#x20;` (GFM wants a space after the marker).
  return words === ' ' ? '' : words;
}

class MarkdownReader {
  private count = 0;

  private counted(blocks: BlockTree[]): BlockTree[] {
    this.count += blocks.length;
    if (this.count > MAX_IMPORT_BLOCKS) {
      throw new AppError('IMPORT_TOO_LARGE', `A Markdown import creates at most ${MAX_IMPORT_BLOCKS} blocks.`);
    }
    return blocks;
  }

  /** Child blocks go under `parent`, or beside it past the deepest nesting kept. */
  private attach(out: BlockTree[], parent: BlockTree | undefined, children: BlockTree[], depth: number): void {
    if (parent && depth < MAX_IMPORT_DEPTH) parent.children.push(...children);
    else out.push(...children);
  }

  blocks(nodes: Node[], depth: number): BlockTree[] {
    const out: BlockTree[] = [];
    for (const node of nodes) {
      const t = node.token;
      switch (t.type) {
        case 'heading_open': {
          const level = Number(t.tag.slice(1));
          const words = plainText(node.children[0]?.token.children);
          out.push(
            ...this.counted(
              level <= 3
                ? [{ block_type: 'heading', content: { text: clip(words), level }, children: [] }]
                : textBlocks(words),
            ),
          );
          break;
        }
        case 'paragraph_open':
          out.push(...this.counted(this.paragraphBlocks(node.children[0]?.token)));
          break;
        case 'bullet_list_open':
        case 'ordered_list_open':
          out.push(...this.listBlocks(node, depth));
          break;
        case 'blockquote_open':
          this.attach(out, out.at(-1), this.blocks(node.children, depth + 1), depth);
          break;
        case 'fence':
        case 'code_block':
          out.push(...this.counted(textBlocks(t.content.replace(/\n$/, ''))));
          break;
        case 'html_block':
          out.push(...this.counted(textBlocks(t.content.trim() === EMPTY_TEXT_BLOCK ? '' : t.content.trim())));
          break;
        case 'table_open':
          out.push(...this.counted(textBlocks(this.tableText(node))));
          break;
        default:
          // Thematic breaks carry no words; anything else unknown is skipped the same way.
          break;
      }
    }
    return out;
  }

  private tableText(table: Node): string {
    const rows: string[] = [];
    const visit = (nodes: Node[]): void => {
      for (const n of nodes) {
        if (n.token.type === 'tr_open') {
          rows.push(n.children.map((cell) => plainText(cell.children[0]?.token.children)).join(' | '));
        } else visit(n.children);
      }
    };
    visit(table.children);
    return rows.join('\n');
  }

  private paragraphBlocks(inline: Token | undefined): BlockTree[] {
    // White space around a lone link or image does not count; inside it, it is its words.
    const parts = [...(inline?.children ?? [])];
    const blank = (t: Token | undefined): boolean => t?.type === 'text' && t.content.trim() === '';
    while (blank(parts[0])) parts.shift();
    while (blank(parts.at(-1))) parts.pop();
    const words = plainText(inline?.children);
    if (parts.length >= 2 && parts[0].type === 'link_open' && parts.at(-1)!.type === 'link_close') {
      const href = attr(parts[0], 'href');
      const inner = plainText(parts.slice(1, -1));
      const onlyLink = parts.slice(1, -1).every((c) => c.type !== 'link_open');
      if (onlyLink && href.startsWith(PAGE_LINK_PREFIX) && isUuid(href.slice(PAGE_LINK_PREFIX.length))) {
        const shown = inner.startsWith('[') && inner.endsWith(']') ? inner.slice(1, -1) : inner;
        const linkedPageId = href.slice(PAGE_LINK_PREFIX.length).toLowerCase();
        return [{ block_type: 'page_link', content: { linkedPageId, displayText: clip(shown) }, children: [] }];
      }
      if (onlyLink && href.length <= MAX_URL_LENGTH && isHttpUrl(href)) {
        const content: Record<string, unknown> = { url: href };
        if (inner !== href) content.text = clip(inner);
        return [{ block_type: 'link', content, children: [] }];
      }
    }
    if (parts.length === 1 && parts[0].type === 'image') {
      const src = attr(parts[0], 'src');
      if (src.length <= MAX_URL_LENGTH && isHttpUrl(src)) {
        const content: Record<string, unknown> = { url: src };
        if (parts[0].content) content.text = clip(parts[0].content);
        return [{ block_type: 'link', content, children: [] }];
      }
    }
    return textBlocks(words);
  }

  /**
   * A task list item is a task block; a run of other items is one list block (its items'
   * nested content becomes the list's child blocks).
   */
  private listBlocks(list: Node, depth: number): BlockTree[] {
    const out: BlockTree[] = [];
    let run: BlockTree | undefined;
    for (const item of list.children) {
      const [first, ...rest] = item.children;
      const inline = first?.token.type === 'paragraph_open' ? first.children[0]?.token : undefined;
      const nested = this.blocks(inline ? rest : item.children, depth + 1);
      const checked = taskMarker(inline);
      if (checked !== undefined) {
        run = undefined;
        const task: BlockTree = {
          block_type: 'task',
          content: { text: clip(taskText(inline!)), checked },
          children: [],
        };
        out.push(...this.counted([task]));
        this.attach(out, task, nested, depth);
        continue;
      }
      if (!run || (run.content.items as string[]).length >= MAX_LIST_ITEMS) {
        run = {
          block_type: 'list',
          content: { items: [], listType: list.token.type === 'ordered_list_open' ? 'numbered' : 'bullet' },
          children: [],
        };
        out.push(...this.counted([run]));
      }
      const words = inline ? plainText(inline.children) : '';
      (run.content.items as string[]).push(clip(words));
      this.attach(out, run, nested, depth);
    }
    return out;
  }
}

/**
 * A Markdown document as Ocean blocks. What Markdown has and Ocean has not (tables, images,
 * code, deeper headings, raw HTML) becomes text; nothing in it is an error, except size.
 */
export function parseMarkdown(markdown: string): ParsedDocument {
  const nodes = treeOf(parser.parse(markdown, {}));
  let title: string | undefined;
  if (nodes[0]?.token.type === 'heading_open' && nodes[0].token.tag === 'h1') {
    title = chunks(plainText(nodes[0].children[0]?.token.children), MAX_TITLE_LENGTH)[0] || undefined;
    nodes.shift();
  }
  return { title, blocks: new MarkdownReader().blocks(nodes, 0) };
}

/**
 * Page links of an imported document against the pages of the organization (`titles`: id →
 * current title): a link to a page that is not there becomes its words as text; display text
 * equal to the page's title is left out, as export writes the title of a link without one.
 */
export function resolvePageLinks(blocks: BlockTree[], titles: ReadonlyMap<string, string>): BlockTree[] {
  return blocks.map((b) => {
    const children = resolvePageLinks(b.children, titles);
    if (b.block_type !== 'page_link') return { ...b, children };
    const id = b.content.linkedPageId as string;
    const shown = b.content.displayText as string;
    const title = titles.get(id);
    if (title === undefined) return { block_type: 'text', content: { text: shown }, children };
    return { block_type: 'page_link', content: shown === title ? { linkedPageId: id } : b.content, children };
  });
}

/** Every page id the page links of `blocks` name. */
export function linkedPageIds(blocks: BlockTree[]): string[] {
  const ids = new Set<string>();
  const visit = (list: BlockTree[]): void => {
    for (const b of list) {
      if (b.block_type === 'page_link') ids.add(b.content.linkedPageId as string);
      visit(b.children);
    }
  };
  visit(blocks);
  return [...ids];
}
