import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../common/errors';

export const MARKDOWN = 'text/markdown';
/** The routes that take a text/markdown body; every other route refuses one with 415. */
export const MARKDOWN_ROUTES = new Set(['/api/v1/ocean/pages/import']);

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** `charset` of a Content-Type header, lower-cased; undefined when absent. */
function charsetOf(header: string): string | undefined {
  for (const part of header.split(';').slice(1)) {
    const [name, value] = part.split('=', 2).map((s) => s.trim());
    if (name.toLowerCase() === 'charset') return value?.replace(/^"(.*)"$/, '$1').toLowerCase();
  }
  return undefined;
}

/**
 * Reads a text/markdown body as strict UTF-8 (a BOM is dropped): bytes that are not UTF-8
 * answer 400 instead of turning into U+FFFD, and another charset answers 415.
 */
export function registerMarkdownBody(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.addContentTypeParser(
    MARKDOWN,
    { parseAs: 'buffer', bodyLimit },
    (request: FastifyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void) => {
      const charset = charsetOf(request.headers['content-type'] ?? '');
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
        done(new AppError('UNSUPPORTED_MEDIA_TYPE', 'A text/markdown body must be UTF-8.'));
        return;
      }
      try {
        done(null, UTF8.decode(body));
      } catch {
        done(
          new AppError('INVALID_TEXT', 'The Markdown document is not valid UTF-8.', [
            { field: 'body', message: 'body holds bytes that are not UTF-8' },
          ]),
        );
      }
    },
  );
}
