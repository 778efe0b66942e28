import { Command, InvalidArgumentError } from 'commander';
import type { components } from '../../client/openapi';
import { action, CliError, EXIT, intOption, jsonObject, usageError, type CliContext } from '../context';
import { details, drawTree, table, type TreeNode } from '../format';

type Page = components['schemas']['PageResponseDto'];
type PageList = components['schemas']['PageListResponseDto'];

const PAGES = '/api/v1/ocean/pages';
/** The largest page the API serves (limit 1..100). */
const PAGE_SIZE = 100;

/** A parent given on the command line: a page id, or `root`/`null` for the top level. */
export function parentOption(value: string): string | null {
  if (value === 'root' || value === 'null' || value === 'none') return null;
  if (!/^[0-9a-f-]{36}$/i.test(value)) throw new InvalidArgumentError('expected a page id (UUID) or "root"');
  return value;
}

const pageRows = (pages: Page[]): string =>
  table(
    ['id', 'title', 'parent', 'pos', 'fav', 'archived', 'updated'],
    pages.map((p) => [
      p.page_id,
      `${p.icon ? `${p.icon} ` : ''}${p.title}`,
      p.parent_page_id ?? '',
      p.position,
      p.is_favorite ? '★' : '',
      p.is_archived ? 'yes' : '',
      p.updated_at,
    ]),
  );

export const pageDetails = (p: Page): string =>
  details([
    ['id', p.page_id],
    ['title', p.title],
    ['icon', p.icon],
    ['cover', p.cover_image],
    ['parent', p.parent_page_id ?? '(root)'],
    ['position', p.position],
    ['favorite', p.is_favorite],
    ['archived', p.is_archived],
    ['created', p.created_at],
    ['updated', p.updated_at],
    ['metadata', p.metadata],
  ]);

/** Every page the query matches, following the pagination to the end. */
async function allPages(ctx: CliContext, query: Record<string, string | boolean | undefined>): Promise<Page[]> {
  const pages: Page[] = [];
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const list = await ctx.call<PageList>('GET', PAGES, { query: { ...query, limit: PAGE_SIZE, offset } });
    pages.push(...list.pages);
    if (list.pages.length === 0 || pages.length >= list.total) return pages;
  }
}

interface PageTree extends Page {
  children: PageTree[];
}

/** Nests the pages by parent, siblings in position order; pages whose parent is not in the set are roots. */
export function buildTree(pages: Page[], rootId?: string): PageTree[] {
  const nodes = new Map(pages.map((p) => [p.page_id, { ...p, children: [] as PageTree[] }]));
  const roots: PageTree[] = [];
  for (const node of nodes.values()) {
    const parent = node.parent_page_id ? nodes.get(node.parent_page_id) : undefined;
    if (parent && node.page_id !== rootId) parent.children.push(node);
    else if (!rootId || node.page_id === rootId) roots.push(node);
  }
  const sort = (list: PageTree[]): void => {
    list.sort((a, b) => a.position - b.position || a.title.localeCompare(b.title));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

const toTreeNodes = (tree: PageTree[]): TreeNode[] =>
  tree.map((p) => ({
    label: `${p.icon ? `${p.icon} ` : ''}${p.title}  ${p.page_id}${p.is_archived ? ' (archived)' : ''}`,
    children: toTreeNodes(p.children),
  }));

interface PageFields {
  title?: string;
  icon?: string;
  cover?: string;
  metadata?: string;
  favorite?: boolean;
}

function pageBody(opts: PageFields): Record<string, unknown> {
  return {
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    ...(opts.icon !== undefined ? { icon: opts.icon === '' ? null : opts.icon } : {}),
    ...(opts.cover !== undefined ? { cover_image: opts.cover === '' ? null : opts.cover } : {}),
    ...(opts.metadata !== undefined ? { metadata: jsonObject('--metadata', opts.metadata) } : {}),
    ...(opts.favorite !== undefined ? { is_favorite: opts.favorite } : {}),
  };
}

export function pagesCommand(): Command {
  const pages = new Command('pages').alias('page').description('pages: list, tree, create, update, move, archive');

  pages
    .command('list')
    .alias('ls')
    .description('list pages (siblings in position order)')
    .option('-p, --parent <id|root>', 'only the children of this page ("root": top-level pages)', parentOption)
    .option('--archived', 'archived pages instead of live ones')
    .option('--favorite', 'favorites only')
    .option('--limit <n>', 'at most this many (1..100)', intOption(1), 50)
    .option('--offset <n>', 'skip this many', intOption(0), 0)
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean pages list --parent root\n  $ ocean pages list --archived --json | jq -r ".pages[].page_id"',
    )
    .action(
      action(
        async (
          ctx,
          opts: { parent?: string | null; archived?: boolean; favorite?: boolean; limit: number; offset: number },
        ) => {
          const list = await ctx.request<PageList>('Listing pages', 'GET', PAGES, {
            query: {
              parent_page_id: opts.parent === undefined ? undefined : (opts.parent ?? 'null'),
              is_archived: opts.archived ? true : undefined,
              is_favorite: opts.favorite ? true : undefined,
              limit: opts.limit,
              offset: opts.offset,
            },
          });
          ctx.print(list, () => `${pageRows(list.pages)}\n${list.pages.length} of ${list.total}`);
        },
      ),
    );

  pages
    .command('tree [page]')
    .description('the page hierarchy (all of it, or under one page)')
    .option('--archived', 'archived pages instead of live ones')
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean pages tree\n  $ ocean pages tree 0190f0b2-7a1c-7d3e-8f00-1234567890ab --json',
    )
    .action(
      action(async (ctx, root: string | undefined, opts: { archived?: boolean }) => {
        const tree = await ctx.spin('Reading pages', async () => {
          // Check the root first: an unknown id is a 404, not an empty tree.
          if (root) await ctx.call<Page>('GET', `${PAGES}/${encodeURIComponent(root)}`);
          return buildTree(await allPages(ctx, { is_archived: opts.archived ? true : undefined }), root);
        });
        ctx.print(tree, () => drawTree(toTreeNodes(tree)));
      }),
    );

  pages
    .command('get <id>')
    .alias('show')
    .description('one page')
    .addHelpText('after', '\nExamples:\n  $ ocean pages get 0190f0b2-7a1c-7d3e-8f00-1234567890ab')
    .action(
      action(async (ctx, id: string) => {
        const page = await ctx.request<Page>('Reading the page', 'GET', `${PAGES}/${encodeURIComponent(id)}`);
        ctx.print(page, () => pageDetails(page));
      }),
    );

  pages
    .command('create <title>')
    .alias('new')
    .description('create a page (last among its siblings)')
    .option('-p, --parent <id>', 'the parent page', parentOption)
    .option('--icon <icon>', 'an emoji or a short string')
    .option('--cover <url>', 'an http(s) image URL')
    .option('--metadata <json>', 'a JSON object')
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean pages create "Roadmap" --icon 🗺️\n  $ ocean pages create "Q3" --parent 0190f0b2-7a1c-7d3e-8f00-1234567890ab --json | jq -r .page_id',
    )
    .action(
      action(async (ctx, title: string, opts: PageFields & { parent?: string | null }) => {
        const body = { ...pageBody({ ...opts, title }), ...(opts.parent ? { parent_page_id: opts.parent } : {}) };
        const page = await ctx.request<Page>('Creating the page', 'POST', PAGES, { body });
        ctx.print(page, () => `created ${page.page_id}  ${page.title}`);
      }),
    );

  pages
    .command('update <id>')
    .alias('edit')
    .description('change a page (only the fields given)')
    .option('-t, --title <title>', 'a new title')
    .option('--icon <icon>', 'a new icon ("" removes it)')
    .option('--cover <url>', 'a new cover image ("" removes it)')
    .option('--metadata <json>', 'replaces the metadata object')
    .option('--favorite', 'mark as favorite')
    .option('--no-favorite', 'unmark as favorite')
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean pages update 0190f0b2-… --title "Roadmap 2025" --favorite\n  $ ocean pages update 0190f0b2-… --icon ""',
    )
    .action(
      action(async (ctx, id: string, opts: PageFields) => {
        const body = pageBody(opts);
        if (Object.keys(body).length === 0)
          throw usageError('nothing to change: give --title, --icon, --cover, --metadata or --favorite');
        const page = await ctx.request<Page>('Updating the page', 'PUT', `${PAGES}/${encodeURIComponent(id)}`, {
          body,
        });
        ctx.print(page, () => `updated ${page.page_id}  ${page.title}`);
      }),
    );

  pages
    .command('move <id>')
    .description('move a page under another one (or to the top level)')
    .requiredOption('-p, --parent <id|root>', 'the new parent ("root": top level)', parentOption)
    .option('--position <n>', 'its place among the new siblings (default: last)', intOption(0))
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean pages move 0190f0b2-… --parent root\n  $ ocean pages move 0190f0b2-… --parent 0190f0b3-… --position 0',
    )
    .action(
      action(async (ctx, id: string, opts: { parent: string | null; position?: number }) => {
        const page = await ctx.request<Page>('Moving the page', 'POST', `${PAGES}/${encodeURIComponent(id)}/move`, {
          body: { new_parent_id: opts.parent, ...(opts.position !== undefined ? { position: opts.position } : {}) },
        });
        ctx.print(page, () => `moved ${page.page_id} under ${page.parent_page_id ?? '(root)'} at ${page.position}`);
      }),
    );

  pages
    .command('archive <id>')
    .description('archive a page and hide its subtree (restore brings it back)')
    .addHelpText('after', '\nExamples:\n  $ ocean pages archive 0190f0b2-…')
    .action(
      action(async (ctx, id: string) => {
        await ctx.request<void>('Archiving', 'DELETE', `${PAGES}/${encodeURIComponent(id)}`);
        ctx.print({ page_id: id, is_archived: true }, () => `archived ${id}`);
      }),
    );

  pages
    .command('restore <id>')
    .description('bring an archived page back')
    .addHelpText('after', '\nExamples:\n  $ ocean pages restore 0190f0b2-…')
    .action(
      action(async (ctx, id: string) => {
        const page = await ctx.request<Page>('Restoring', 'POST', `${PAGES}/${encodeURIComponent(id)}/restore`);
        ctx.print(page, () => `restored ${page.page_id}  ${page.title}`);
      }),
    );

  pages
    .command('purge <id>')
    .description('delete an archived page for good: its subtree, blocks, links and tag assignments')
    .option('-y, --yes', 'do not ask for confirmation (required without a terminal)')
    .addHelpText('after', '\nExamples:\n  $ ocean pages archive 0190f0b2-… && ocean pages purge 0190f0b2-… --yes')
    .action(
      action(async (ctx, id: string, opts: { yes?: boolean }) => {
        if (!opts.yes) {
          if (!ctx.io.stdin.isTTY) throw usageError('purge cannot be undone: add --yes');
          const { confirm } = await import('@inquirer/prompts');
          const sure = await confirm(
            { message: `Delete page ${id} and everything under it for good?`, default: false },
            { input: ctx.io.stdin, output: ctx.io.stderr },
          );
          if (!sure) throw new CliError('not purged', EXIT.FAILURE);
        }
        await ctx.request<void>('Purging', 'DELETE', `${PAGES}/${encodeURIComponent(id)}`, {
          query: { permanent: true },
        });
        ctx.print({ page_id: id, purged: true }, () => `purged ${id}`);
      }),
    );

  pages.addHelpText(
    'after',
    '\nExamples:\n  $ ocean pages tree\n  $ ocean pages create "Notes" --parent root\n  $ ocean pages list --json',
  );
  return pages;
}
