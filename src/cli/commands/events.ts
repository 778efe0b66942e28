import { Command } from 'commander';
import type { components } from '../../client/openapi';
import type { OceanEvent } from '../../client';
import { action, intOption, type CliContext } from '../context';
import { cut, table } from '../format';

type S = components['schemas'];
const EVENTS = '/api/v1/ocean/events';

const typesOf = (value: string | undefined): string[] | undefined =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** What an event is about, in a few words (a title, a block's text, a tag's name). */
function summary(event: OceanEvent): string {
  const data = event.data as Record<string, unknown>;
  const content = data.content as Record<string, unknown> | undefined;
  const text = data.title ?? data.name ?? content?.text ?? '';
  return typeof text === 'string' ? text : '';
}

const line = (ctx: CliContext, event: OceanEvent): string =>
  ctx.json
    ? JSON.stringify(event)
    : `${event.event_id}  ${event.occurred_at}  ${event.type.padEnd(15)}  ${event.resource_id}  ${cut(summary(event), 40)}`;

export function eventsCommand(): Command {
  const events = new Command('events').description("your organization's changes: live, or since an event id");

  events
    .command('tail')
    .description('print changes as they happen (resumes by itself after a disconnect)')
    .option('--type <types>', 'only these event types, comma-separated (e.g. page.created,block.updated)')
    .option('--page <id>', 'only changes of this page and its blocks')
    .option('--after <id>', 'start after this event id (default: with the next change)')
    .option('--count <n>', 'stop after this many events', intOption(1))
    .addHelpText(
      'after',
      '\nOne line per event (--json: one JSON object per line). Ctrl-C stops it and says where to resume.\n' +
        'Examples:\n  $ ocean events tail\n  $ ocean events tail --type page.created,page.deleted --json | jq .data.title\n' +
        '  $ ocean events tail --after 0000000000000042',
    )
    .action(
      action(async (ctx, opts: { type?: string; page?: string; after?: string; count?: number }) => {
        const controller = new AbortController();
        const stop = (): void => controller.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        let last = opts.after;
        let seen = 0;
        try {
          for await (const event of ctx.client().events({
            types: typesOf(opts.type),
            pageId: opts.page,
            after: opts.after,
            signal: controller.signal,
          })) {
            last = event.event_id;
            ctx.io.stdout.write(`${line(ctx, event)}\n`);
            if (opts.count !== undefined && ++seen >= opts.count) break;
          }
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          if (controller.signal.aborted && last) ctx.note(`resume with: ocean events tail --after ${last}`);
        }
      }),
    );

  events
    .command('list')
    .alias('ls')
    .description('the changes after an event id, oldest first (a page of them)')
    .option('--after <id>', 'after this event id (default: the oldest kept)')
    .option('--type <types>', 'only these event types, comma-separated')
    .option('--page <id>', 'only changes of this page and its blocks')
    .option('--limit <n>', 'at most this many (1..500)', intOption(1), 100)
    .addHelpText('after', '\nExamples:\n  $ ocean events list --after 0000000000000042 --limit 20')
    .action(
      action(async (ctx, opts: { after?: string; type?: string; page?: string; limit: number }) => {
        const list = await ctx.request<S['EventListResponseDto']>('Listing events', 'GET', EVENTS, {
          query: { after: opts.after, types: opts.type, page_id: opts.page, limit: opts.limit },
        });
        ctx.print(list, () => {
          const rows = table(
            ['id', 'when', 'type', 'resource', 'about'],
            list.events.map((e) => [e.event_id, e.occurred_at, e.type, e.resource_id, cut(summary(e), 40)]),
          );
          return `${rows}\nnext: ocean events list --after ${list.next_after}`;
        });
      }),
    );

  return events;
}
