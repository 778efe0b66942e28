import type { Contract } from '../context';
import type { Check } from '../runner';
import { expect, expectEqual, expectMatch, expectOk, expectRefusal } from '../support';

/** Health, info, the OpenAPI document and the headers every answer carries. */
export function opsChecks(c: Contract): Check[] {
  return [
    {
      name: 'ops: GET /health answers 200 {status: "ok"}',
      async run() {
        const s = c.anonymous();
        const data = await expectOk(s, s.api.GET('/health'), 200, 'GET /health');
        expectEqual((data as unknown as { status?: unknown })?.status, 'ok', 'GET /health status');
      },
    },
    {
      name: 'ops: GET /health/ready answers 200 {status: "ok"} (the database answers)',
      async run() {
        const s = c.anonymous();
        const data = await expectOk(s, s.api.GET('/health/ready'), 200, 'GET /health/ready');
        expectEqual((data as unknown as { status?: unknown })?.status, 'ok', 'GET /health/ready status');
      },
    },
    {
      name: 'ops: GET /api/v1/info is public: service, api_version, auth_mode, features',
      async run() {
        const s = c.anonymous();
        const data = (await expectOk(s, s.api.GET('/api/v1/info'), 200, 'GET /api/v1/info')) as unknown as Record<
          string,
          unknown
        >;
        expect(typeof data.service === 'string' && data.service.length > 0, `no service name: ${JSON.stringify(data)}`);
        expect(typeof data.api_version === 'string', `no api_version: ${JSON.stringify(data)}`);
        expect(['local', 'remote'].includes(data.auth_mode as string), `auth_mode: ${JSON.stringify(data.auth_mode)}`);
        expect(
          Array.isArray(data.features) && data.features.includes('pages'),
          `features: ${JSON.stringify(data.features)}`,
        );
      },
    },
    {
      name: 'ops: GET /docs-json is an OpenAPI 3 document of the resource (and identity) routes',
      async run() {
        // Not an operation of the document itself, so not in the typed client: plain fetch.
        const response = await fetch(new URL('/docs-json', c.options.baseUrl));
        expectEqual(response.status, 200, 'GET /docs-json status');
        const doc = (await response.json()) as { openapi?: unknown; paths?: Record<string, unknown> };
        expectMatch(doc.openapi, /^3\.\d+\.\d+$/, 'openapi version');
        const paths = Object.keys(doc.paths ?? {});
        const wanted = ['/api/v1/ocean/pages', '/api/v1/ocean/blocks', '/api/v1/ocean/search', '/api/v1/ocean/tags'];
        if (await c.identityEnabled()) wanted.push('/v1/auth/login', '/api/v1/auth/login', '/api/v1/auth/refresh');
        const missing = wanted.filter((p) => !paths.includes(p));
        expect(missing.length === 0, `paths missing from /docs-json: ${missing.join(', ')}`);
      },
    },
    {
      name: 'ops: every answer carries X-Request-Id (a sane one is echoed), nosniff, X-Frame-Options DENY, a CSP',
      async run() {
        const s = c.anonymous();
        await s.api.GET('/health');
        const headers = s.last()!.headers;
        expectMatch(headers.get('x-request-id'), /^\S{8,}$/, 'X-Request-Id');
        expectEqual(headers.get('x-content-type-options'), 'nosniff', 'X-Content-Type-Options');
        expectEqual(headers.get('x-frame-options')?.toUpperCase(), 'DENY', 'X-Frame-Options');
        expectMatch(headers.get('content-security-policy'), /default-src 'none'/, 'Content-Security-Policy');

        const mine = `contract-${c.run}-0123456789`;
        await s.api.GET('/health', { headers: { 'x-request-id': mine } });
        expectEqual(s.last()!.headers.get('x-request-id'), mine, 'echoed X-Request-Id');

        const failed = await expectRefusal(s, s.api.GET('/api/v1/ocean/pages'), 401, undefined, 'an error answer');
        expectMatch(failed.response.headers.get('x-request-id'), /^\S{8,}$/, 'X-Request-Id on an error');
        expectEqual(failed.error.requestId, failed.response.headers.get('x-request-id'), 'OceanApiError.requestId');
      },
    },
  ];
}
