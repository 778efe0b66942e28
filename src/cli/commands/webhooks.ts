import { Command } from 'commander';
import type { components } from '../../client/openapi';
import { action, intOption, usageError } from '../context';
import { table } from '../format';

type S = components['schemas'];
const WEBHOOKS = '/api/v1/ocean/webhooks';
const hookUrl = (id: string, tail = ''): string => `${WEBHOOKS}/${encodeURIComponent(id)}${tail}`;

const typesOf = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

const hookRows = (hooks: S['WebhookResponseDto'][]): string =>
  table(
    ['id', 'url', 'types', 'enabled', 'note'],
    hooks.map((h) => [
      h.webhook_id,
      h.url,
      h.types.length ? h.types.join(',') : '(all)',
      h.enabled ? 'yes' : 'no',
      h.disabled_reason ?? h.description ?? '',
    ]),
  );

export function webhooksCommand(): Command {
  const webhooks = new Command('webhooks').alias('webhook').description("your organization's webhooks");

  webhooks
    .command('list')
    .alias('ls')
    .description('every webhook')
    .action(
      action(async (ctx) => {
        const list = await ctx.request<S['WebhookListResponseDto']>('Listing webhooks', 'GET', WEBHOOKS);
        ctx.print(list, () => `${hookRows(list.webhooks)}\n${list.total} webhook(s)`);
      }),
    );

  webhooks
    .command('create <url>')
    .alias('add')
    .description('register a webhook; its signing secret is printed this once')
    .option('--type <types>', 'only these event types, comma-separated (default: all)')
    .option('--description <text>', 'what it is for')
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean webhooks create https://example.com/hooks/ocean --type page.created,page.deleted',
    )
    .action(
      action(async (ctx, url: string, opts: { type?: string; description?: string }) => {
        const hook = await ctx.request<S['CreatedWebhookResponseDto']>('Creating the webhook', 'POST', WEBHOOKS, {
          body: { url, types: typesOf(opts.type), description: opts.description },
        });
        ctx.print(hook, () => `created ${hook.webhook_id}\nsigning secret (shown once, keep it): ${hook.secret}`);
      }),
    );

  webhooks
    .command('show <id>')
    .alias('get')
    .description('one webhook')
    .action(
      action(async (ctx, id: string) => {
        const hook = await ctx.request<S['WebhookResponseDto']>('Reading the webhook', 'GET', hookUrl(id));
        ctx.print(hook, () => hookRows([hook]));
      }),
    );

  webhooks
    .command('update <id>')
    .description("change a webhook's url or types, or pause and resume it")
    .option('--url <url>', 'a new URL')
    .option('--type <types>', 'event types, comma-separated ("" for all)')
    .option('--description <text>', 'what it is for ("" clears it)')
    .option('--enable', 'resume deliveries')
    .option('--disable', 'pause deliveries')
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean webhooks update HOOK --disable\n  $ ocean webhooks update HOOK --type ""',
    )
    .action(
      action(
        async (
          ctx,
          id: string,
          opts: { url?: string; type?: string; description?: string; enable?: boolean; disable?: boolean },
        ) => {
          if (opts.enable && opts.disable) throw usageError('--enable and --disable exclude each other');
          const body = {
            ...(opts.url !== undefined ? { url: opts.url } : {}),
            ...(opts.type !== undefined ? { types: typesOf(opts.type) } : {}),
            ...(opts.description !== undefined
              ? { description: opts.description === '' ? null : opts.description }
              : {}),
            ...(opts.enable ? { enabled: true } : opts.disable ? { enabled: false } : {}),
          };
          if (Object.keys(body).length === 0) throw usageError('nothing to change: give --url, --type, --enable, …');
          const hook = await ctx.request<S['WebhookResponseDto']>('Updating the webhook', 'PUT', hookUrl(id), { body });
          ctx.print(hook, () => hookRows([hook]));
        },
      ),
    );

  webhooks
    .command('rm <id>')
    .alias('delete')
    .description('delete a webhook with its delivery log')
    .action(
      action(async (ctx, id: string) => {
        await ctx.request<void>('Deleting the webhook', 'DELETE', hookUrl(id));
        ctx.print({ webhook_id: id, deleted: true }, () => `deleted ${id}`);
      }),
    );

  webhooks
    .command('deliveries <id>')
    .description("a webhook's delivery log, newest first")
    .option('--limit <n>', 'at most this many (1..200)', intOption(1), 50)
    .action(
      action(async (ctx, id: string, opts: { limit: number }) => {
        const list = await ctx.request<S['DeliveryListResponseDto']>(
          'Reading deliveries',
          'GET',
          hookUrl(id, '/deliveries'),
          {
            query: { limit: opts.limit },
          },
        );
        ctx.print(list, () =>
          table(
            ['delivery', 'event', 'type', 'status', 'tries', 'last', 'error', 'next try'],
            list.deliveries.map((d) => [
              d.delivery_id,
              d.event_id ?? '-',
              d.event_type,
              d.status,
              d.attempts,
              d.last_status ?? '-',
              d.last_error ?? '',
              d.next_attempt_at ?? '',
            ]),
          ),
        );
      }),
    );

  webhooks
    .command('test <id>')
    .description('send a webhook.test event (see it in `deliveries`)')
    .action(
      action(async (ctx, id: string) => {
        const answer = await ctx.request<S['WebhookTestResponseDto']>('Queueing a test', 'POST', hookUrl(id, '/test'));
        ctx.print(answer, () => `queued a webhook.test delivery to ${id}`);
      }),
    );

  return webhooks;
}
