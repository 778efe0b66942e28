import { Command, Option } from 'commander';
import type { components } from '../../client/openapi';
import { action, intOption } from '../context';
import { cut, table } from '../format';

type S = components['schemas'];

export function searchCommand(): Command {
  return new Command('search')
    .description('search blocks: words (prefixes, typos, accents) and, when configured, meaning')
    .argument('<query...>', 'what to look for (several words are one query)')
    .addOption(new Option('--type <type>', 'the search type').choices(['hybrid', 'metadata', 'semantic']))
    .option('--page <id>', 'only blocks of this page')
    .option('--tag <id>', 'only blocks with this tag (repeat: all must match)', (v: string, all: string[] = []) => [
      ...all,
      v,
    ])
    .option('--block-types <types>', 'only these block types, comma-separated (e.g. task,heading)')
    .option('--limit <n>', 'at most this many results (1..100)', intOption(1), 20)
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean search roadmap\n  $ ocean search "ship cli" --type metadata --page PAGE\n  $ ocean search deploy --tag TAG --tag OTHER_TAG --json | jq ".results[].block_id"',
    )
    .action(
      action(
        async (
          ctx,
          words: string[],
          opts: { type?: string; page?: string; tag?: string[]; blockTypes?: string; limit: number },
        ) => {
          const answer = await ctx.request<S['SearchResponseDto']>('Searching', 'GET', '/api/v1/ocean/search', {
            query: {
              q: words.join(' '),
              search_type: opts.type,
              page_id: opts.page,
              tags: opts.tag?.join(','),
              block_types: opts.blockTypes,
              limit: opts.limit,
            },
          });
          ctx.print(answer, () => {
            const rows = table(
              ['score', 'page', 'type', 'snippet', 'block'],
              answer.results.map((r) => [
                r.score.toFixed(2),
                cut(r.page_title, 24),
                r.block_type,
                r.snippet,
                r.block_id,
              ]),
            );
            const note = answer.degraded ? ` (words only: ${answer.degraded_reason ?? 'vector search skipped'})` : '';
            return `${rows}\n${answer.total} result(s), ${answer.search_type}${note}`;
          });
        },
      ),
    );
}
