/**
 * What an error may show in a log line. A failed statement carries its parameters (password
 * hashes, API-key digests, emails) and PostgreSQL's own message and detail quote values too
 * ("Key (email)=(ada@example.com) already exists", "invalid input syntax for type uuid: …");
 * an HTTP client error carries the request's headers. So a log line gets the error's kind,
 * the statement's shape and the SQLSTATE, never a value.
 */
export interface SafeError {
  type: string;
  message?: string;
  code?: string;
  /** The statement text with its `$n` placeholders, whitespace collapsed, cut to 300 chars. */
  statement?: string;
  table?: string;
  constraint?: string;
  column?: string;
  stack?: string;
  cause?: SafeError;
}

const MAX_STATEMENT = 300;
const MAX_DEPTH = 3;

interface PgLike {
  code?: unknown;
  severity?: unknown;
  table?: unknown;
  constraint?: unknown;
  column?: unknown;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** A PostgreSQL error (node-postgres or PGlite): a five-character SQLSTATE and a severity. */
const isPgError = (e: PgLike): boolean =>
  typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string';

/** The stack frames without the first line, which repeats the (possibly value-bearing) message. */
const framesOnly = (stack: unknown): string | undefined =>
  typeof stack === 'string'
    ? stack
        .split('\n')
        .filter((line) => /^\s+at /.test(line))
        .join('\n')
    : undefined;

function shapeOf(query: unknown): string | undefined {
  if (typeof query !== 'string') return undefined;
  const shape = query.replace(/\s+/g, ' ').trim();
  return shape.length > MAX_STATEMENT ? `${shape.slice(0, MAX_STATEMENT)}…` : shape;
}

export function safeError(err: unknown, depth = 0): SafeError {
  if (!err || typeof err !== 'object') return { type: typeof err };
  // Either the error itself or pino's serialized copy of it (which names the class in `type`).
  const e = err as Error & PgLike & { type?: unknown; query?: unknown; driverError?: unknown; cause?: unknown };
  const type = str(e.type) ?? str(e.name) ?? str(e.constructor?.name) ?? 'Error';
  const driver = (e.driverError && typeof e.driverError === 'object' ? e.driverError : e) as PgLike;
  if ('driverError' in e || isPgError(driver)) {
    return {
      type,
      code: str(driver.code),
      statement: shapeOf(e.query),
      table: str(driver.table),
      constraint: str(driver.constraint),
      column: str(driver.column),
      stack: framesOnly(e.stack),
    };
  }
  const out: SafeError = {
    type,
    message: str(e.message),
    code: typeof e.code === 'string' ? e.code : undefined,
    stack: typeof e.stack === 'string' ? e.stack : undefined,
  };
  if (e.cause !== undefined && depth < MAX_DEPTH) out.cause = safeError(e.cause, depth + 1);
  return out;
}
