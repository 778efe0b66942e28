import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppError, ERRORS, ErrorBody, ErrorCode } from './errors';

export interface RenderedError {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** True when the error is a bug (or an outage) worth a log line with its stack. */
  unexpected: boolean;
}

const fromCode = (code: ErrorCode, detail?: string, headers: Record<string, string> = {}): RenderedError => ({
  status: ERRORS[code].status,
  body: { detail: detail ?? ERRORS[code].detail, error_code: code },
  headers,
  unexpected: ERRORS[code].status >= 500,
});

/** Error codes of node-postgres and of the network that mean "the database is not there". */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
  '53300', // too_many_connections
]);

const CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection is not established',
  'connect ECONNREFUSED',
  'Cannot use a pool after calling end',
];

function isConnectionError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && CONNECTION_ERROR_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && CONNECTION_MESSAGES.some((m) => (e.message as string).includes(m))) return true;
  if (Array.isArray(e.errors) && e.errors.some(isConnectionError)) return true; // AggregateError from net
  if (e.driverError && e.driverError !== err) return isConnectionError(e.driverError);
  return false;
}

function fromDatabase(err: QueryFailedError<Error & { code?: string }>): RenderedError | undefined {
  const code = err.driverError?.code;
  switch (code) {
    case '23505':
      return fromCode('CONFLICT', 'A resource with the same unique value already exists.');
    case '23503':
      return fromCode('NOT_FOUND', 'A referenced resource was not found.');
    case '23514':
    case '22001':
    case '22003':
    case '22P02':
    case '22007':
    case '22008':
      return fromCode('BAD_REQUEST', 'A value is out of range or malformed.');
    case '40001':
    case '40P01':
      return fromCode('CONFLICT', 'The change collided with a concurrent change; retry it.');
    default:
      return undefined;
  }
}

/** Errors that Fastify raises itself while reading a request. */
function fromFastify(err: { code?: string; statusCode?: number; message?: string }): RenderedError | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return fromCode('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return fromCode('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return fromCode('INVALID_JSON', 'The request body is empty but the content type is application/json.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return fromCode('BAD_REQUEST', 'The Content-Length header does not match the body.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return fromCode('INVALID_JSON');
    // The router refuses these before any route runs; the segment is at best a malformed id,
    // and a malformed id names no resource (API.md: 404, never 400 or 414).
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return fromCode('NOT_FOUND', 'No resource matches this path.');
    default:
      break;
  }
  // secure-json-parse refuses __proto__ / constructor.prototype with a SyntaxError: ask first.
  if (typeof err.message === 'string' && /prototype property/i.test(err.message)) return fromCode('FORBIDDEN_KEY');
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_TYPE') return fromCode('INVALID_JSON');
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return {
      status: err.statusCode,
      body: { detail: err.message ?? 'The request cannot be processed.', error_code: 'BAD_REQUEST' },
      headers: {},
      unexpected: false,
    };
  }
  return undefined;
}

/** A failed readiness check (terminus) keeps its per-dependency details beside the error shape. */
function fromHealthCheck(err: HttpException): RenderedError | undefined {
  const response = err.getResponse();
  if (err.getStatus() !== 503 || !response || typeof response !== 'object' || !('details' in response))
    return undefined;
  const failing = Object.keys((response as { error?: object }).error ?? {});
  return {
    status: 503,
    body: {
      ...(response as object),
      detail: `Not ready: ${failing.join(', ') || 'a dependency'} is unavailable.`,
      error_code: 'NOT_READY',
    },
    headers: { 'retry-after': '5' },
    unexpected: false,
  };
}

function fromHttpException(err: HttpException): RenderedError {
  const health = fromHealthCheck(err);
  if (health) return health;
  const status = err.getStatus();
  const code: ErrorCode =
    status === 404
      ? 'ROUTE_NOT_FOUND'
      : status === 405
        ? 'METHOD_NOT_ALLOWED'
        : status === 413
          ? 'PAYLOAD_TOO_LARGE'
          : status === 415
            ? 'UNSUPPORTED_MEDIA_TYPE'
            : status === 429
              ? 'RATE_LIMITED'
              : status === 401
                ? 'UNAUTHENTICATED'
                : status === 403
                  ? 'FORBIDDEN'
                  : status >= 500
                    ? 'INTERNAL_ERROR'
                    : 'BAD_REQUEST';
  const response = err.getResponse();
  const message =
    typeof response === 'object' && response && 'message' in response && typeof response.message === 'string'
      ? response.message
      : undefined;
  return {
    status,
    body: { detail: status >= 500 ? ERRORS.INTERNAL_ERROR.detail : (message ?? ERRORS[code].detail), error_code: code },
    headers: {},
    unexpected: status >= 500,
  };
}

const CHALLENGE = 'Bearer error="invalid_token"';

/**
 * Turns any thrown value into the wire format of API.md. Never leaks internals for a 5xx.
 * Every 401 carries a WWW-Authenticate challenge (API.md Conventions), also a wrong password or
 * a spent refresh token, unless the error names its own (the metrics realm).
 */
export function renderError(err: unknown): RenderedError {
  const rendered = render(err);
  if (rendered.status !== 401 || 'www-authenticate' in rendered.headers) return rendered;
  return { ...rendered, headers: { ...rendered.headers, 'www-authenticate': CHALLENGE } };
}

function render(err: unknown): RenderedError {
  if (err instanceof AppError) {
    const body: ErrorBody = { detail: err.message, error_code: err.code };
    if (err.errors) body.errors = err.errors;
    return { status: err.status, body, headers: err.headers, unexpected: err.status >= 500 };
  }
  if (err instanceof HttpException) {
    // Nest wraps Fastify's own errors (body parsing, limits); the cause says what happened.
    const cause = err.cause as { code?: string; statusCode?: number; message?: string } | undefined;
    return (cause && typeof cause === 'object' ? fromFastify(cause) : undefined) ?? fromHttpException(err);
  }
  if (isConnectionError(err)) return fromCode('DATABASE_UNAVAILABLE', undefined, { 'retry-after': '5' });
  if (err instanceof QueryFailedError) {
    const mapped = fromDatabase(err as QueryFailedError<Error & { code?: string }>);
    if (mapped) return mapped;
  }
  if (err && typeof err === 'object') {
    const mapped = fromFastify(err);
    if (mapped) return mapped;
  }
  return fromCode('INTERNAL_ERROR');
}
