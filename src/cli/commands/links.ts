import { Command, Option } from 'commander';
import type { components } from '../../client/openapi';
import { action, intOption } from '../context';
import { table } from '../format';

type S = components['schemas'];
const LINKS = '/api/v1/ocean/links';

export function linksCommand(): Command {
  const links = new Command('links').alias('link').description('links between blocks and pages');

  links
    .command('list')
    .alias('ls')
    .description('links, by source block and/or target')
    .option('--source <block>', 'links from this block')
    .option('--target <id>', 'links to this block or page')
    .option('--limit <n>', 'at most this many (1..100)', intOption(1), 50)
    .option('--offset <n>', 'skip this many', intOption(0), 0)
    .addHelpText('after', '\nExamples:\n  $ ocean links list --source BLOCK\n  $ ocean links list --target PAGE --json')
    .action(
      action(async (ctx, opts: { source?: string; target?: string; limit: number; offset: number }) => {
        const list = await ctx.request<S['LinkListResponseDto']>('Listing links', 'GET', LINKS, {
          query: { source_block_id: opts.source, target_id: opts.target, limit: opts.limit, offset: opts.offset },
        });
        ctx.print(list, () =>
          table(
            ['id', 'source block', 'target', 'type', 'page?', 'created'],
            list.links.map((l) => [
              l.link_id,
              l.source_block_id,
              l.target_id,
              l.link_type,
              l.is_page_link ? 'page' : 'block',
              l.created_at,
            ]),
          ),
        );
      }),
    );

  links
    .command('create <source-block> <target>')
    .alias('add')
    .description('link a block to another block (or to a page with --page)')
    .addOption(
      new Option('--type <type>', 'the kind of link').choices(['reference', 'embed', 'mention']).default('reference'),
    )
    .option('--page', 'the target is a page')
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean links create BLOCK OTHER_BLOCK\n  $ ocean links create BLOCK PAGE --page --type mention',
    )
    .action(
      action(async (ctx, source: string, target: string, opts: { type: string; page?: boolean }) => {
        const link = await ctx.request<S['LinkResponseDto']>('Linking', 'POST', LINKS, {
          body: {
            source_block_id: source,
            target_id: target,
            link_type: opts.type,
            ...(opts.page ? { is_page_link: true } : {}),
          },
        });
        ctx.print(
          link,
          () => `created ${link.link_id}: ${link.source_block_id} → ${link.target_id} (${link.link_type})`,
        );
      }),
    );

  links
    .command('rm <id>')
    .alias('delete')
    .description('delete a link')
    .addHelpText('after', '\nExamples:\n  $ ocean links rm LINK')
    .action(
      action(async (ctx, id: string) => {
        await ctx.request<void>('Deleting the link', 'DELETE', `${LINKS}/${encodeURIComponent(id)}`);
        ctx.print({ link_id: id, deleted: true }, () => `deleted ${id}`);
      }),
    );

  links.addHelpText('after', '\nExamples:\n  $ ocean links create BLOCK TARGET\n  $ ocean links list --source BLOCK');
  return links;
}
