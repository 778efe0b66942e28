import { Command, Option } from 'commander';
import type { components } from '../../client/openapi';
import { action, usageError } from '../context';
import { table } from '../format';

type S = components['schemas'];
const TAGS = '/api/v1/ocean/tags';
const tagUrl = (id: string): string => `${TAGS}/${encodeURIComponent(id)}`;
const blockTagsUrl = (block: string, tag?: string): string =>
  `/api/v1/ocean/blocks/${encodeURIComponent(block)}/tags${tag ? `/${encodeURIComponent(tag)}` : ''}`;

const tagRows = (tags: S['TagResponseDto'][]): string =>
  table(
    ['id', 'name', 'color', 'uses', 'description'],
    tags.map((t) => [t.tag_id, t.name, t.color, t.usage_count, t.description]),
  );

interface TagFields {
  name?: string;
  color?: string;
  description?: string;
}

/** "" clears a field: the API takes null for "no color" and "no description". */
const tagBody = (opts: TagFields): Record<string, unknown> => ({
  ...(opts.name !== undefined ? { name: opts.name } : {}),
  ...(opts.color !== undefined ? { color: opts.color === '' ? null : opts.color } : {}),
  ...(opts.description !== undefined ? { description: opts.description === '' ? null : opts.description } : {}),
});

export function tagsCommand(): Command {
  const tags = new Command('tags').alias('tag').description("your organization's tags, and tagging blocks");

  tags
    .command('list [block]')
    .alias('ls')
    .description("every tag (or a block's tags)")
    .addOption(new Option('--sort <field>', 'order by').choices(['usage_count', 'name']))
    .addHelpText('after', '\nExamples:\n  $ ocean tags list --sort usage_count\n  $ ocean tags list BLOCK --json')
    .action(
      action(async (ctx, block: string | undefined, opts: { sort?: 'usage_count' | 'name' }) => {
        if (block) {
          const list = await ctx.request<S['BlockTagsResponseDto']>('Listing tags', 'GET', blockTagsUrl(block));
          ctx.print(list, () => tagRows(list.tags));
          return;
        }
        const list = await ctx.request<S['TagListResponseDto']>('Listing tags', 'GET', TAGS, {
          query: { sort_by: opts.sort },
        });
        ctx.print(list, () => `${tagRows(list.tags)}\n${list.total} tag(s)`);
      }),
    );

  tags
    .command('create <name>')
    .description('create a tag (names are unique ignoring case)')
    .option('--color <color>', 'a color, e.g. #ff8800')
    .option('--description <text>', 'what it is for')
    .addHelpText('after', '\nExamples:\n  $ ocean tags create urgent --color "#ff0000"')
    .action(
      action(async (ctx, name: string, opts: TagFields) => {
        const tag = await ctx.request<S['TagResponseDto']>('Creating the tag', 'POST', TAGS, {
          body: tagBody({ ...opts, name }),
        });
        ctx.print(tag, () => `created ${tag.tag_id}  ${tag.name}`);
      }),
    );

  tags
    .command('update <id>')
    .alias('edit')
    .description('rename or recolor a tag')
    .option('--name <name>', 'a new name')
    .option('--color <color>', 'a new color ("" removes it)')
    .option('--description <text>', 'a new description ("" removes it)')
    .addHelpText('after', '\nExamples:\n  $ ocean tags update TAG --name "very urgent"')
    .action(
      action(async (ctx, id: string, opts: TagFields) => {
        const body = tagBody(opts);
        if (Object.keys(body).length === 0)
          throw usageError('nothing to change: give --name, --color or --description');
        const tag = await ctx.request<S['TagResponseDto']>('Updating the tag', 'PUT', tagUrl(id), { body });
        ctx.print(tag, () => `updated ${tag.tag_id}  ${tag.name}`);
      }),
    );

  tags
    .command('rm <id>')
    .alias('delete')
    .description('delete a tag (it is removed from every block)')
    .addHelpText('after', '\nExamples:\n  $ ocean tags rm TAG')
    .action(
      action(async (ctx, id: string) => {
        const answer = await ctx.request<S['TagDeletedResponseDto']>('Deleting the tag', 'DELETE', tagUrl(id));
        ctx.print(answer, () => `deleted ${id}`);
      }),
    );

  tags
    .command('assign <block> <tag>')
    .description('tag a block')
    .addHelpText('after', '\nExamples:\n  $ ocean tags assign BLOCK TAG')
    .action(
      action(async (ctx, block: string, tag: string) => {
        const answer = await ctx.request<unknown>('Tagging', 'POST', blockTagsUrl(block), { body: { tag_id: tag } });
        ctx.print(answer, () => `tagged ${block} with ${tag}`);
      }),
    );

  tags
    .command('unassign <block> <tag>')
    .description('untag a block')
    .addHelpText('after', '\nExamples:\n  $ ocean tags unassign BLOCK TAG')
    .action(
      action(async (ctx, block: string, tag: string) => {
        await ctx.request<void>('Untagging', 'DELETE', blockTagsUrl(block, tag));
        ctx.print({ block_id: block, tag_id: tag, assigned: false }, () => `untagged ${block} (${tag})`);
      }),
    );

  tags.addHelpText(
    'after',
    '\nExamples:\n  $ ocean tags create urgent\n  $ ocean tags assign BLOCK TAG\n  $ ocean tags list',
  );
  return tags;
}
