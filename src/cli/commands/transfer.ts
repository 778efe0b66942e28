import { Command, Option } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import type { components } from '../../client/openapi';
import { action, CliError, EXIT, readAllBytes, usageError } from '../context';
import { safeDocument } from '../format';
import { pageDetails, parentOption } from './pages';

type Page = components['schemas']['PageResponseDto'];

/** The import route's body limit (API.md: ≤ 1 MiB); refused here before the upload. */
export const IMPORT_LIMIT_BYTES = 1024 * 1024;

export function exportCommand(): Command {
  return new Command('export')
    .description('a page with its blocks, as Markdown or JSON')
    .argument('<page>', 'the page id')
    .addOption(
      new Option('-f, --format <format>', 'the output format').choices(['markdown', 'json']).default('markdown'),
    )
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean export PAGE > page.md\n  $ ocean export PAGE --format json -o page.json\n  $ ocean export PAGE | ocean import - --parent OTHER_PAGE --title "Copy"',
    )
    .action(
      action(async (ctx, page: string, opts: { format: 'markdown' | 'json'; output?: string }) => {
        const route = `/api/v1/ocean/pages/${encodeURIComponent(page)}/export`;
        const text =
          opts.format === 'markdown'
            ? await ctx.request<string>('Exporting', 'GET', route, { query: { format: 'markdown' }, text: true })
            : `${JSON.stringify(await ctx.request<unknown>('Exporting', 'GET', route, { query: { format: 'json' } }), null, 2)}\n`;
        if (opts.output) {
          try {
            await writeFile(opts.output, text);
          } catch (err) {
            throw new CliError(
              `cannot write ${opts.output}: ${(err as NodeJS.ErrnoException).code ?? 'write error'}`,
              EXIT.FAILURE,
            );
          }
          ctx.note(`wrote ${opts.output} (${Buffer.byteLength(text)} bytes)`);
        } else {
          // A pipe gets the document byte for byte; a terminal gets its control characters escaped.
          ctx.io.stdout.write(ctx.io.stdout.isTTY ? safeDocument(text) : text);
        }
      }),
    );
}

export function importCommand(): Command {
  return new Command('import')
    .description('a Markdown file as a new page (its blocks created in one transaction)')
    .argument('<file>', 'a .md file, or - for stdin')
    .option('-p, --parent <id|root>', 'the page to create it under (default: a top-level page)', parentOption)
    .option('-t, --title <title>', "the new page's title (default: the document's leading # heading)")
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean import notes.md --parent PAGE\n  $ ocean import notes.md --parent root --title "Meeting notes" --json | jq -r .page_id\n  $ cat notes.md | ocean import - --parent PAGE --title Notes',
    )
    .action(
      action(async (ctx, file: string, opts: { parent?: string | null; title?: string }) => {
        let bytes: Buffer;
        try {
          bytes = file === '-' ? await readAllBytes(ctx.io.stdin) : await readFile(file);
        } catch (err) {
          throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'read error'}`, EXIT.USAGE);
        }
        const size = bytes.length;
        if (size > IMPORT_LIMIT_BYTES) throw usageError(`${file} is ${size} bytes; the server takes at most 1 MiB`);
        let markdown: string;
        try {
          // Not 'utf8': that turns invalid bytes into U+FFFD without a word.
          markdown = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          throw usageError(`${file} is not valid UTF-8`);
        }
        // No title of our own (a file name, say): the server takes the document's `# heading`.
        const page = await ctx.request<Page>('Importing', 'POST', '/api/v1/ocean/pages/import', {
          query: { parent_page_id: opts.parent ?? undefined, title: opts.title },
          raw: { body: markdown, contentType: 'text/markdown; charset=utf-8' },
        });
        ctx.print(page, () => `imported ${file} as ${page.page_id}\n${pageDetails(page)}`);
      }),
    );
}
