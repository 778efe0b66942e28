import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';

/*
 * One way to send a request to Ocean, for the e2e suites, their factories and the bench: in
 * process through `app.inject`, or over real HTTP to a base URL (a child process on loopback).
 * Types only from Nest and Fastify, so that the bench build can import it as it is.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SendOptions {
  /** Sent as `authorization: Bearer <token>`. */
  token?: string;
  /** Sent as `x-api-key`. */
  apiKey?: string;
  /** As `app.inject` sends it on either transport: a string as it is, anything else as JSON. */
  payload?: unknown;
  /** Sent last, so that they win over the headers above. */
  headers?: Record<string, string>;
  /** The client's address; in process only (over loopback it is the real one). */
  ip?: string;
}

export interface Reply {
  status: number;
  headers: OutgoingHttpHeaders;
  /** The answer as JSON when it parses, else its text; undefined when empty. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** An app booted in the test process, or the base URL of a server (`loopback(port)`). */
export type Target = NestFastifyApplication | string;

export const loopback = (port: number): string => `http://127.0.0.1:${port}`;

function headersOf(options: SendOptions): Record<string, string> {
  return {
    ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
    ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}),
    ...options.headers,
  };
}

/** `app.inject` with these options, answering Fastify's own response (for specs that assert on it). */
export function inject(
  app: NestFastifyApplication,
  method: Method,
  url: string,
  options: SendOptions = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: headersOf(options),
    ...(options.payload === undefined ? {} : { payload: options.payload as string }),
    ...(options.ip ? { remoteAddress: options.ip } : {}),
  });
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON (e.g. /metrics): the text itself.
    return text;
  }
}

/** The body as light-my-request encodes a payload, so that both transports send the same bytes. */
function encode(payload: unknown, headers: Record<string, string>): string | undefined {
  if (!payload) return undefined;
  if (typeof payload === 'string') return payload;
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  return JSON.stringify(payload);
}

async function overHttp(baseUrl: string, method: Method, url: string, options: SendOptions): Promise<Reply> {
  if (options.ip) throw new Error('a client address can only be chosen in process');
  const headers = headersOf(options);
  const body = encode(options.payload, headers);
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: parse(await response.text()),
  };
}

/** One request, in process or over HTTP; the answer with its body parsed. */
export async function send(target: Target, method: Method, url: string, options: SendOptions = {}): Promise<Reply> {
  if (typeof target === 'string') return overHttp(target, method, url, options);
  const res = await inject(target, method, url, options);
  return { status: res.statusCode, headers: res.headers, body: parse(res.body) };
}
