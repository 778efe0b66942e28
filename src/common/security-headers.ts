import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type HeaderSet = Readonly<Record<string, string>>;

/** A JSON API loads nothing and is framed by nobody. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * What Swagger UI needs: its bundle and stylesheet from this origin, inline styles (the page's
 * own <style> and React's style attributes), data: images (its icons), fetches of /docs-json
 * and "try it out" against this origin; it may frame itself.
 */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

const NO_STORE: HeaderSet = { 'cache-control': 'no-store' };

/** Routes whose answers carry tokens or keys (login, refresh, register, api-keys …). */
const IDENTITY_PREFIXES = ['/v1/auth/', '/api/v1/auth/'];
const isIdentityRoute = (url: string): boolean =>
  IDENTITY_PREFIXES.some((prefix) => url.startsWith(prefix) || url === prefix.slice(0, -1));
const isDocsRoute = (url: string): boolean => url === '/docs' || url.startsWith('/docs/');

/**
 * Runs helmet once against a recorder and keeps the headers it would set: the values are the
 * same for every answer of a kind, so a request only copies a frozen object instead of running
 * helmet's middleware (or, as @fastify/helmet does, building it anew per request).
 */
function headersOf(options: HelmetOptions): HeaderSet {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string) {
      headers[name.toLowerCase()] = value;
    },
    removeHeader() {},
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return Object.freeze(headers);
}

export interface SecurityHeaders {
  /** Every answer, errors and preflights included. */
  api: HeaderSet;
  /** Swagger UI and its assets (the differences from `api` are applied on top of it). */
  docs: HeaderSet;
}

const directives = (csp: string): Record<string, string[]> =>
  Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

export function buildSecurityHeaders(publicUrl: string): SecurityHeaders {
  // Browsers ignore HSTS over plain http; sending it from an http deployment only misleads.
  const hsts = publicUrl.startsWith('https:') ? { maxAge: 31_536_000, includeSubDomains: true } : false;
  const kind = (csp: string, frame: 'deny' | 'sameorigin'): HelmetOptions => ({
    strictTransportSecurity: hsts,
    contentSecurityPolicy: { useDefaults: false, directives: directives(csp) },
    xFrameOptions: { action: frame },
  });
  return { api: headersOf(kind(API_CSP, 'deny')), docs: headersOf(kind(DOCS_CSP, 'sameorigin')) };
}

const appendOnRequest = (route: RouteOptions, hook: onRequestHookHandler): void => {
  const existing = route.onRequest;
  route.onRequest = existing === undefined ? [hook] : Array.isArray(existing) ? [...existing, hook] : [existing, hook];
};

const setting =
  (headers: HeaderSet): onRequestHookHandler =>
  (_request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    void reply.headers(headers);
    done();
  };

/**
 * Puts the security headers on every answer (onRequest runs for matched routes, the 404 handler
 * and before a CORS preflight is answered) and decides per route, once at registration, what
 * differs: Swagger UI gets its CSP; identity routes, present and future, get `no-store`.
 * Must be called before any route is registered.
 */
export function registerSecurityHeaders(fastify: FastifyInstance, headers: SecurityHeaders): void {
  const docsOnly: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers.docs)) if (headers.api[name] !== value) docsOnly[name] = value;
  const docsHook = setting(Object.freeze(docsOnly));
  const noStoreHook = setting(NO_STORE);

  fastify.addHook('onRequest', setting(headers.api));
  fastify.addHook('onRoute', (route) => {
    if (isDocsRoute(route.url)) appendOnRequest(route, docsHook);
    else if (isIdentityRoute(route.url)) appendOnRequest(route, noStoreHook);
  });
}
