import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Contract } from '../context';
import type { Check } from '../runner';
import { expect, expectBearerChallenge, expectEqual, expectOk, expectRefusal, skip } from '../support';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT signed with a secret the deployment cannot know. */
function forged(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const signingInput = `${b64(header)}.${b64(claims)}`;
  const alg = header.alg === 'HS512' ? 'sha512' : 'sha256';
  return `${signingInput}.${createHmac(alg, randomBytes(32)).update(signingInput).digest('base64url')}`;
}

const now = (): number => Math.floor(Date.now() / 1000);
const claims = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  sub: randomUUID(),
  email: 'nobody@example.com',
  role: 'ADMIN',
  organization_id: randomUUID(),
  type: 'access',
  jti: randomUUID(),
  iat: now(),
  exp: now() + 600,
  ...extra,
});

/**
 * The credential matrix a client can build without the server's secret: each answers 401 with
 * `WWW-Authenticate: Bearer error="invalid_token"` on a resource route. Then API keys: a
 * read-only key reads and may not write (403), a deleted key answers 401 TOKEN_REVOKED.
 */
export function tokenChecks(c: Contract): Check[] {
  const cases: Array<{ what: string; headers: () => Promise<Record<string, string>>; code: string | string[] }> = [
    { what: 'no credential', headers: () => Promise.resolve({}), code: 'UNAUTHENTICATED' },
    {
      what: 'Bearer garbage',
      headers: () => Promise.resolve({ authorization: 'Bearer garbage' }),
      code: 'INVALID_TOKEN',
    },
    {
      what: 'alg none, no signature',
      headers: () => Promise.resolve({ authorization: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.` }),
      code: 'INVALID_TOKEN',
    },
    {
      what: 'HS256 signed with a random secret',
      headers: () => Promise.resolve({ authorization: `Bearer ${forged({ alg: 'HS256', typ: 'JWT' }, claims())}` }),
      code: 'INVALID_TOKEN',
    },
    {
      what: 'HS512 signed with a random secret',
      headers: () => Promise.resolve({ authorization: `Bearer ${forged({ alg: 'HS512', typ: 'JWT' }, claims())}` }),
      code: 'INVALID_TOKEN',
    },
    {
      // Its signature does not verify, so it must not be taken for an expired token of ours
      // (TOKEN_EXPIRED tells a client to refresh).
      what: 'expired-looking (exp an hour ago, random secret)',
      headers: () =>
        Promise.resolve({
          authorization: `Bearer ${forged({ alg: 'HS256', typ: 'JWT' }, claims({ iat: now() - 7200, exp: now() - 3600 }))}`,
        }),
      code: 'INVALID_TOKEN',
    },
    {
      what: 'unknown kid',
      headers: () =>
        Promise.resolve({
          authorization: `Bearer ${forged({ alg: 'HS256', typ: 'JWT', kid: randomBytes(8).toString('hex') }, claims())}`,
        }),
      code: 'INVALID_TOKEN',
    },
    {
      what: 'wrong scheme (Basic)',
      headers: () => Promise.resolve({ authorization: `Basic ${Buffer.from('a@example.com:pw').toString('base64')}` }),
      code: ['INVALID_TOKEN', 'UNAUTHENTICATED'],
    },
    {
      what: 'X-API-Key with an unknown sk_ key',
      headers: () => Promise.resolve({ 'x-api-key': `sk_${randomBytes(24).toString('hex')}` }),
      code: 'INVALID_TOKEN',
    },
    {
      what: 'Bearer with an unknown sk_ key',
      headers: () => Promise.resolve({ authorization: `Bearer sk_${randomBytes(24).toString('hex')}` }),
      code: 'INVALID_TOKEN',
    },
    {
      what: 'a refresh token used as an access token',
      headers: async () => {
        const owner = await c.owner();
        const refresh = owner.client.tokens()?.refreshToken;
        if (!refresh) skip('the owner signs in with an API key: no refresh token to try');
        return { authorization: `Bearer ${refresh}` };
      },
      code: 'INVALID_TOKEN',
    },
  ];

  return [
    {
      name: 'tokens: a valid credential is accepted, with the scheme word in any case (positive control)',
      async run() {
        const owner = await c.owner();
        await expectOk(owner, owner.api.GET('/api/v1/ocean/pages', { params: { query: { limit: 1 } } }), 200, 'list');
        const access = owner.client.tokens()?.accessToken;
        if (!access) return;
        const anonymous = c.anonymous();
        await expectOk(
          anonymous,
          anonymous.api.GET('/api/v1/ocean/pages', {
            params: { query: { limit: 1 } },
            headers: { authorization: `bEaReR ${access}` },
          }),
          200,
          'list with "bEaReR"',
        );
      },
    },
    ...cases.map(({ what, headers, code }): Check => ({
      name: `tokens: ${what} → 401 ${[code].flat().join('|')} with WWW-Authenticate`,
      async run() {
        const s = c.anonymous();
        const refusal = await expectRefusal(
          s,
          s.api.GET('/api/v1/ocean/pages', { headers: await headers() }),
          401,
          code,
          what,
        );
        expectBearerChallenge(refusal, what);
      },
    })),
    {
      name: 'tokens: a read-only API key reads, may not write (403), and once deleted answers 401 TOKEN_REVOKED',
      async run() {
        await c.needIdentity();
        const owner = await c.owner();
        if (!owner.client.tokens()) skip('the owner is an API key: API keys are made with an access token');
        const created = await expectOk(
          owner,
          owner.api.POST('/v1/auth/api-keys', { body: { name: `contract ${c.run}`, scopes: ['read'] } }),
          201,
          'create an API key',
        );
        const key = (created as { key?: unknown }).key;
        expect(typeof key === 'string' && key.startsWith('sk_'), `the new key is not shown as sk_…: ${typeof key}`);
        const remove = () =>
          owner.api.DELETE('/v1/auth/api-keys/{id}', { params: { path: { id: created.api_key_id } } });
        c.later(`delete API key ${created.api_key_id}`, remove);

        const listed = await expectOk(owner, owner.api.GET('/v1/auth/api-keys'), 200, 'list API keys');
        const mine = JSON.stringify(listed);
        expect(mine.includes(created.api_key_id), 'GET /v1/auth/api-keys does not list the new key');
        expect(!mine.includes(key), 'GET /v1/auth/api-keys shows the whole key again');

        const reader = c.session('api key', { apiKey: key });
        await expectOk(reader, reader.api.GET('/api/v1/ocean/pages', { params: { query: { limit: 1 } } }), 200, 'read');
        await expectRefusal(
          reader,
          reader.api.POST('/api/v1/ocean/pages', { body: { title: `contract ${c.run} key` } }),
          403,
          undefined,
          'write with a read-only key',
        );
        const asBearer = c.anonymous();
        await expectOk(
          asBearer,
          asBearer.api.GET('/api/v1/ocean/pages', {
            params: { query: { limit: 1 } },
            headers: { authorization: `Bearer ${key}` },
          }),
          200,
          'the key as Bearer',
        );

        await remove();
        const revoked = await expectRefusal(
          reader,
          reader.api.GET('/api/v1/ocean/pages'),
          401,
          'TOKEN_REVOKED',
          'a deleted key',
        );
        expectBearerChallenge(revoked, 'a deleted key');
        expectEqual(revoked.error.status, 401, 'deleted key status');
      },
    },
  ];
}
