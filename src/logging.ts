import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { safeError } from './common/safe-error';
import type { AppConfig } from './config/config';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const QUIET_PATHS = new Set(['/health', '/health/ready', '/metrics']);

/** Paths that must never reach a log line, wherever they appear. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.new_password',
  '*.old_password',
  '*.token',
  '*.access_token',
  '*.refresh_token',
  '*.api_key',
  '*.secret',
  '*.authorization',
  '*.*.password',
  '*.*.token',
];

type RequestWithId = IncomingMessage & { id?: string };

/**
 * The request id: the caller's X-Request-Id when it is sane, else a new UUID. Fastify calls
 * this first; the id is kept on the raw request so every log line of pino-http shares it.
 */
export function genRequestId(req: IncomingMessage): string {
  const raw = req as RequestWithId;
  if (raw.id) return raw.id;
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
  raw.id = id;
  return id;
}

/**
 * A stream ticket in a URL is a credential for a minute: never written to a log line, however
 * its parameter name is spelled (`%74icket` is `ticket` to the query parser too).
 */
export function withoutTickets(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = url
    .slice(at + 1)
    .split('&')
    .map((param) => {
      const eq = param.indexOf('=');
      const raw = eq < 0 ? param : param.slice(0, eq);
      let name = raw;
      try {
        name = decodeURIComponent(raw.replace(/\+/g, ' '));
      } catch {
        // A malformed name is logged as it came.
      }
      return name.trim().toLowerCase() === 'ticket' ? `${raw}=[redacted]` : param;
    });
  return `${url.slice(0, at)}?${params.join('&')}`;
}

const REQUEST_LEVELS = new Set(['info', 'debug', 'trace']);

/** Whether request lines (level info) are written at the configured level. */
export const logsRequests = (config: AppConfig): boolean => REQUEST_LEVELS.has(config.logLevel);

/** `destination` lets tests read the log lines; by default they go to stdout. */
export function loggerOptions(config: AppConfig, destination?: DestinationStream): Params {
  const options: Params['pinoHttp'] = {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    genReqId: genRequestId,
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    autoLogging: { ignore: (req) => QUIET_PATHS.has((req.url ?? '').split('?')[0]) },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: withoutTickets(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // Statement parameters, database messages and HTTP client configs never reach a line.
      err: safeError,
    },
    quietReqLogger: true,
  };
  return {
    pinoHttp: destination ? [options, destination] : options,
    // The library's default route pattern matches nothing on this Nest/Fastify pair. Above
    // `info` no request line is ever written, so the per-request logger (middleware, child
    // logger, async context) is skipped: it cost about a third of a cheap request's CPU.
    forRoutes: logsRequests(config) ? [{ path: '{*path}', method: RequestMethod.ALL }] : [],
  };
}
