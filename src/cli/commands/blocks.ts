import { Command, InvalidArgumentError, Option } from 'commander';
import type { components } from '../../client/openapi';
import { action, intOption, jsonObject, usageError } from '../context';
import { blockText, details, table } from '../format';

type Block = components['schemas']['BlockResponseDto'];
type BlockList = components['schemas']['BlockListResponseDto'];
type BlockType = Block['block_type'];

const BLOCKS = '/api/v1/ocean/blocks';
export const BLOCK_TYPES: BlockType[] = ['text', 'heading', 'list', 'task', 'link', 'page_link'];
const blockUrl = (id: string, suffix = ''): string => `${BLOCKS}/${encodeURIComponent(id)}${suffix}`;

/** A parent block on the command line: a block id, or `root`/`null` for the top level of the page. */
function parentBlockOption(value: string): string | null {
  if (value === 'root' || value === 'null' || value === 'none') return null;
  if (!/^[0-9a-f-]{36}$/i.test(value)) throw new InvalidArgumentError('expected a block id (UUID) or "root"');
  return value;
}

interface ContentFlags {
  content?: string;
  level?: number;
  checked?: boolean;
  numbered?: boolean;
  url?: string;
  page?: string;
}

/**
 * The content of a block from the words of the command line, by type; `--content` takes the
 * JSON as it is for anything the flags cannot say.
 */
export function contentOf(type: BlockType, words: string[], flags: ContentFlags): Record<string, unknown> {
  if (flags.content !== undefined) return jsonObject('--content', flags.content);
  const text = words.join(' ');
  switch (type) {
    case 'text':
      return { text };
    case 'heading':
      return { text, level: flags.level ?? 1 };
    case 'task':
      return { text, checked: flags.checked ?? false };
    case 'list':
      return { items: words, listType: flags.numbered ? 'numbered' : 'bullet' };
    case 'link':
      if (!flags.url) throw usageError('a link block needs --url');
      return { url: flags.url, ...(text ? { text } : {}) };
    case 'page_link':
      if (!flags.page) throw usageError('a page_link block needs --page <id>');
      return { linkedPageId: flags.page, ...(text ? { displayText: text } : {}) };
    default:
      throw usageError(`unknown block type ${String(type)}`);
  }
}

const blockRows = (blocks: Block[]): string => {
  // Depth from the parent chain: the list comes in document order, children after their parent.
  const depth = new Map<string, number>();
  for (const b of blocks) depth.set(b.block_id, b.parent_block_id ? (depth.get(b.parent_block_id) ?? 0) + 1 : 0);
  return table(
    ['id', 'type', 'pos', 'content'],
    blocks.map((b) => [
      b.block_id,
      b.block_type,
      b.position,
      `${'  '.repeat(depth.get(b.block_id) ?? 0)}${blockText(b)}`,
    ]),
  );
};

const typeOption = (flags: string, description: string): Option => new Option(flags, description).choices(BLOCK_TYPES);

export function blocksCommand(): Command {
  const blocks = new Command('blocks')
    .alias('block')
    .description('the blocks of a page: list, add, update, move, convert, rm');

  blocks
    .command('list <page>')
    .alias('ls')
    .description("a page's blocks in document order")
    .addOption(typeOption('-t, --type <type>', 'only blocks of this type'))
    .option('--parent-block <id>', 'only the children of this block')
    .option('--limit <n>', 'at most this many (1..500)', intOption(1), 100)
    .option('--offset <n>', 'skip this many', intOption(0), 0)
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean blocks list 0190f0b2-…\n  $ ocean blocks list 0190f0b2-… --type task --json | jq ".blocks[].content"',
    )
    .action(
      action(
        async (ctx, page: string, opts: { type?: BlockType; parentBlock?: string; limit: number; offset: number }) => {
          const list = await ctx.request<BlockList>('Listing blocks', 'GET', BLOCKS, {
            query: {
              page_id: page,
              block_type: opts.type,
              parent_block_id: opts.parentBlock,
              limit: opts.limit,
              offset: opts.offset,
            },
          });
          ctx.print(list, () => `${blockRows(list.blocks)}\n${list.blocks.length} of ${list.total}`);
        },
      ),
    );

  blocks
    .command('get <id>')
    .alias('show')
    .description('one block')
    .addHelpText('after', '\nExamples:\n  $ ocean blocks get 0190f0b2-…')
    .action(
      action(async (ctx, id: string) => {
        const block = await ctx.request<Block>('Reading the block', 'GET', blockUrl(id));
        ctx.print(block, () =>
          details([
            ['id', block.block_id],
            ['page', block.page_id],
            ['type', block.block_type],
            ['position', block.position],
            ['parent', block.parent_block_id ?? '(top level)'],
            ['content', block.content],
            ['properties', block.properties],
            ['updated', block.updated_at],
          ]),
        );
      }),
    );

  blocks
    .command('add <page> [words...]')
    .description('add a block to a page (last unless --position)')
    .addOption(typeOption('-t, --type <type>', 'the block type').default('text'))
    .option('--level <n>', 'heading level 1..3', intOption(1))
    .option('--checked', 'a task that is done')
    .option('--numbered', 'a numbered list (the words are its items)')
    .option('--url <url>', 'the URL of a link block')
    .option('--page <id>', 'the page a page_link block points to')
    .option('--content <json>', 'the content as JSON (any type)')
    .option('--properties <json>', 'properties as JSON')
    .option('--position <n>', 'its place among its siblings', intOption(0))
    .option('--parent-block <id>', 'nest it under this block', parentBlockOption)
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ ocean blocks add PAGE "Hello, world"',
        '  $ ocean blocks add PAGE --type heading --level 2 "Plan"',
        '  $ ocean blocks add PAGE --type task "Ship the CLI"',
        '  $ ocean blocks add PAGE --type list --numbered "first" "second"',
        '  $ ocean blocks add PAGE --type link --url https://example.com "Example"',
        '  $ ocean blocks add PAGE --type page_link --page OTHER_PAGE',
      ].join('\n'),
    )
    .action(
      action(
        async (
          ctx,
          page: string,
          words: string[],
          opts: ContentFlags & { type: BlockType; properties?: string; position?: number; parentBlock?: string | null },
        ) => {
          const body = {
            block_type: opts.type,
            content: contentOf(opts.type, words, opts),
            ...(opts.properties !== undefined ? { properties: jsonObject('--properties', opts.properties) } : {}),
            ...(opts.position !== undefined ? { position: opts.position } : {}),
            ...(opts.parentBlock ? { parent_block_id: opts.parentBlock } : {}),
          };
          const block = await ctx.request<Block>('Adding the block', 'POST', BLOCKS, {
            query: { page_id: page },
            body,
          });
          ctx.print(
            block,
            () => `added ${block.block_id}  ${block.block_type} at ${block.position}: ${blockText(block)}`,
          );
        },
      ),
    );

  blocks
    .command('update <id> [words...]')
    .alias('edit')
    .description("change a block's text, content or properties")
    .option('--content <json>', 'replaces the content (JSON)')
    .option('--properties <json>', 'replaces the properties (JSON)')
    .option('--checked', 'mark a task done')
    .option('--no-checked', 'mark a task not done')
    .option('--level <n>', 'a heading level 1..3', intOption(1))
    .option('--position <n>', 'a new place among its siblings', intOption(0))
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean blocks update BLOCK "New text"\n  $ ocean blocks update BLOCK --checked\n  $ ocean blocks update BLOCK --content \'{"text":"x","level":2}\'',
    )
    .action(
      action(
        async (
          ctx,
          id: string,
          words: string[],
          opts: { content?: string; properties?: string; checked?: boolean; level?: number; position?: number },
        ) => {
          const edits = words.length > 0 || opts.checked !== undefined || opts.level !== undefined;
          let content: Record<string, unknown> | undefined;
          if (opts.content !== undefined) content = jsonObject('--content', opts.content);
          else if (edits) {
            // The API replaces content as a whole: merge the edit into what the block holds.
            const current = await ctx.request<Block>('Reading the block', 'GET', blockUrl(id));
            content = { ...current.content };
            if (words.length) {
              if (current.block_type === 'list') content.items = words;
              else if (current.block_type === 'page_link') content.displayText = words.join(' ');
              else content.text = words.join(' ');
            }
            if (opts.checked !== undefined) content.checked = opts.checked;
            if (opts.level !== undefined) content.level = opts.level;
          }
          const body = {
            ...(content ? { content } : {}),
            ...(opts.properties !== undefined ? { properties: jsonObject('--properties', opts.properties) } : {}),
            ...(opts.position !== undefined ? { position: opts.position } : {}),
          };
          if (Object.keys(body).length === 0)
            throw usageError('nothing to change: give new words, --content, --properties, --checked or --position');
          const block = await ctx.request<Block>('Updating the block', 'PUT', blockUrl(id), { body });
          ctx.print(block, () => `updated ${block.block_id}: ${blockText(block)}`);
        },
      ),
    );

  blocks
    .command('move <id>')
    .description('move a block among its siblings, or under another block')
    .requiredOption('--position <n>', 'its new place among the siblings', intOption(0))
    .option('--parent-block <id|root>', 'a new parent block ("root": the top level of the page)', parentBlockOption)
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean blocks move BLOCK --position 0\n  $ ocean blocks move BLOCK --position 0 --parent-block OTHER_BLOCK',
    )
    .action(
      action(async (ctx, id: string, opts: { position: number; parentBlock?: string | null }) => {
        const block = await ctx.request<Block>('Moving the block', 'POST', blockUrl(id, '/move'), {
          body: {
            new_position: opts.position,
            ...(opts.parentBlock !== undefined ? { parent_block_id: opts.parentBlock } : {}),
          },
        });
        ctx.print(block, () => `moved ${block.block_id} to ${block.position}`);
      }),
    );

  blocks
    .command('convert <id>')
    .description('change a block’s type, keeping its text')
    .addOption(typeOption('--to <type>', 'the new type').makeOptionMandatory())
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean blocks convert BLOCK --to task\n  $ ocean blocks convert BLOCK --to heading',
    )
    .action(
      action(async (ctx, id: string, opts: { to: BlockType }) => {
        const block = await ctx.request<Block>('Converting', 'POST', blockUrl(id, '/convert'), {
          body: { new_type: opts.to },
        });
        ctx.print(block, () => `converted ${block.block_id} to ${block.block_type}: ${blockText(block)}`);
      }),
    );

  blocks
    .command('rm <id>')
    .alias('delete')
    .description('delete a block and its child blocks')
    .addHelpText('after', '\nExamples:\n  $ ocean blocks rm BLOCK')
    .action(
      action(async (ctx, id: string) => {
        await ctx.request<void>('Deleting', 'DELETE', blockUrl(id));
        ctx.print({ block_id: id, deleted: true }, () => `deleted ${id}`);
      }),
    );

  blocks.addHelpText(
    'after',
    '\nExamples:\n  $ ocean blocks add PAGE "Hello"\n  $ ocean blocks list PAGE\n  $ ocean blocks convert BLOCK --to task',
  );
  return blocks;
}
