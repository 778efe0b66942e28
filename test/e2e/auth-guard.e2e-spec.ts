import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import type { LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { kidOf } from '../../src/auth/jwt-keys';
import { tokenKey } from '../../src/auth/revocation-keys';
import { JwtStrategy } from '../../src/auth/strategies/jwt.strategy';
import { RevocationStore } from '../../src/auth/revocation.store';
import { createPage, PAGES } from '../factories/pages';
import { signToken, unsignedToken } from '../factories/tokens';
import { bootApp, PREVIOUS_SECRET, TEST_SECRET, TestApp } from '../support/app';

const CHALLENGE = 'Bearer error="invalid_token"';
const ALLOWED_ORIGIN = 'https://app.example.com';

const now = (): number => Math.floor(Date.now() / 1000);

/** A token as the existing core issues it: only sub, email, role and exp. */
async function coreToken(sub: string, claims: JWTPayload = {}, secret = TEST_SECRET): Promise<string> {
  return new SignJWT({ sub, email: `${sub}@example.com`, role: 'USER', exp: now() + 600, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(secret));
}

function expectUnauthorized(res: LightMyRequestResponse, code: string): void {
  expect({ status: res.statusCode, code: res.json().error_code }).toEqual({ status: 401, code });
  expect(Object.keys(res.json()).sort()).toEqual(['detail', 'error_code']);
  expect(typeof res.json().detail).toBe('string');
  expect(res.headers['www-authenticate']).toBe(CHALLENGE);
}

function expectForbidden(res: LightMyRequestResponse, code: string): void {
  expect({ status: res.statusCode, code: res.json().error_code }).toEqual({ status: 403, code });
  expect(Object.keys(res.json()).sort()).toEqual(['detail', 'error_code']);
}

function expectOk(res: LightMyRequestResponse): void {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toMatchObject({ pages: expect.any(Array), total: expect.any(Number) });
}

describe('auth guard (ORG_FALLBACK=personal, key rotation, CORS)', () => {
  let t: TestApp;

  const list = (headers: Record<string, string> = {}, query = ''): Promise<LightMyRequestResponse> =>
    t.app.inject({ method: 'GET', url: `${PAGES}${query}`, headers });
  const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
  const revoke = (key: string): Promise<void> => t.app.get(RevocationStore).revoke([{ key, expiresAt: now() + 3600 }]);

  beforeAll(async () => {
    t = await bootApp({ JWT_PREVIOUS_SECRETS: PREVIOUS_SECRET, CORS_ORIGINS: ALLOWED_ORIGIN });
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  describe('refuses a missing or malformed credential', () => {
    it('no Authorization header → 401 UNAUTHENTICATED', async () => {
      expectUnauthorized(await list(), 'UNAUTHENTICATED');
    });

    it('garbage → 401 INVALID_TOKEN', async () => {
      expectUnauthorized(await list({ authorization: 'garbage' }), 'INVALID_TOKEN');
      expectUnauthorized(await list(bearer('not-a-jwt')), 'INVALID_TOKEN');
      expectUnauthorized(await list(bearer('a.b.c')), 'INVALID_TOKEN');
      expectUnauthorized(await list({ authorization: 'Bearer' }), 'INVALID_TOKEN');
      expectUnauthorized(await list(bearer('x'.repeat(9000))), 'INVALID_TOKEN');
    });

    it('a scheme other than Bearer → 401 INVALID_TOKEN', async () => {
      expectUnauthorized(await list({ authorization: 'Basic xyz' }), 'INVALID_TOKEN');
      const token = await signToken();
      expectUnauthorized(await list({ authorization: `Token ${token}` }), 'INVALID_TOKEN');
    });

    it('a token signed with another secret → 401 INVALID_TOKEN', async () => {
      const token = await signToken({ secret: 'a-completely-different-secret-of-enough-length-42' });
      expectUnauthorized(await list(bearer(token)), 'INVALID_TOKEN');
    });

    it('a token whose payload was altered after signing → 401 INVALID_TOKEN', async () => {
      const [header, , signature] = (await signToken({ org: 'org-a' })).split('.');
      const forged = Buffer.from(
        JSON.stringify({ sub: 'user-a', organization_id: 'org-b', exp: now() + 600 }),
      ).toString('base64url');
      expectUnauthorized(await list(bearer(`${header}.${forged}.${signature}`)), 'INVALID_TOKEN');
    });
  });

  describe('accepts only HS256', () => {
    it('alg none → 401 INVALID_TOKEN', async () => {
      const token = unsignedToken({ sub: 'user-a', organization_id: 'org-a', exp: now() + 600, type: 'access' });
      expectUnauthorized(await list(bearer(token)), 'INVALID_TOKEN');
    });

    it('HS512 with the right secret → 401 INVALID_TOKEN', async () => {
      expectUnauthorized(await list(bearer(await signToken({ alg: 'HS512' }))), 'INVALID_TOKEN');
    });

    it('RS256 → 401 INVALID_TOKEN', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const token = await new SignJWT({ organization_id: 'org-a', type: 'access' })
        .setProtectedHeader({ alg: 'RS256' })
        .setSubject('user-a')
        .setIssuedAt()
        .setExpirationTime(now() + 600)
        .sign(privateKey);
      expectUnauthorized(await list(bearer(token)), 'INVALID_TOKEN');
    });
  });

  describe('time claims with 30 s leeway', () => {
    it('expired beyond the leeway → 401 TOKEN_EXPIRED', async () => {
      expectUnauthorized(await list(bearer(await signToken({ expiresIn: -60 }))), 'TOKEN_EXPIRED');
    });

    it('expired within the leeway → 200', async () => {
      expectOk(await list(bearer(await signToken({ expiresIn: -10 }))));
    });

    it('nbf 60 s in the future → 401 INVALID_TOKEN', async () => {
      expectUnauthorized(await list(bearer(await signToken({ notBefore: 60 }))), 'INVALID_TOKEN');
    });

    it('nbf 10 s in the future → 200', async () => {
      expectOk(await list(bearer(await signToken({ notBefore: 10 }))));
    });

    it('iat far in the future → 401 INVALID_TOKEN', async () => {
      const token = await coreToken('future-user', { iat: now() + 3600 });
      expectUnauthorized(await list(bearer(token)), 'INVALID_TOKEN');
    });

    it('no exp → 401 INVALID_TOKEN', async () => {
      expectUnauthorized(await list(bearer(await signToken({ expiresIn: null }))), 'INVALID_TOKEN');
    });
  });

  describe('required claims', () => {
    it('no sub → 401 INVALID_TOKEN', async () => {
      expectUnauthorized(await list(bearer(await signToken({ omitSub: true }))), 'INVALID_TOKEN');
    });

    it('an empty sub → 401 INVALID_TOKEN', async () => {
      expectUnauthorized(await list(bearer(await coreToken(''))), 'INVALID_TOKEN');
    });

    it('type "refresh" is never an access token → 401 INVALID_TOKEN', async () => {
      expectUnauthorized(await list(bearer(await signToken({ claims: { type: 'refresh' } }))), 'INVALID_TOKEN');
    });
  });

  describe('key ids and rotation', () => {
    it('an unknown kid → 401 INVALID_TOKEN, even when the signature is right', async () => {
      expectUnauthorized(await list(bearer(await signToken({ kid: 'ffffffffffffffff' }))), 'INVALID_TOKEN');
    });

    it('a kid that names the previous secret but a token signed with the current one → 401', async () => {
      const token = await signToken({ kid: kidOf(PREVIOUS_SECRET), secret: TEST_SECRET });
      expectUnauthorized(await list(bearer(token)), 'INVALID_TOKEN');
    });

    it('the kid of JWT_SECRET → 200', async () => {
      expectOk(await list(bearer(await signToken({ kid: kidOf(TEST_SECRET) }))));
    });

    it('a token signed with a previous secret, with its kid → 200', async () => {
      expectOk(await list(bearer(await signToken({ secret: PREVIOUS_SECRET, kid: kidOf(PREVIOUS_SECRET) }))));
    });

    it('a token signed with a previous secret, without kid → 200', async () => {
      expectOk(await list(bearer(await signToken({ secret: PREVIOUS_SECRET }))));
    });
  });

  describe('accepted shapes', () => {
    it('the scheme word is case-insensitive', async () => {
      const token = await signToken();
      expectOk(await list({ authorization: `bearer ${token}` }));
      expectOk(await list({ authorization: `BEARER ${token}` }));
    });

    it('a core-style minimal token works and the user is their own tenant', async () => {
      const user = `core-user-${randomUUID()}`;
      const token = await coreToken(user);
      expectOk(await list(bearer(token)));
      const page = await createPage(t.app, token, { title: 'from core' });
      expect(page.organization_id).toBe(user);
      expect(page.user_id).toBe(user);
    });

    it('the org_id claim is honoured', async () => {
      const org = `org-${randomUUID()}`;
      const token = await signToken({ org: null, claims: { org_id: org } });
      const page = await createPage(t.app, token, { title: 'org_id' });
      expect(page.organization_id).toBe(org);
    });

    it('role in lower case is accepted', async () => {
      expectOk(await list(bearer(await signToken({ role: 'admin' }))));
      expectOk(await list(bearer(await coreToken('lower-role', { role: 'user' }))));
    });
  });

  describe('organization_id query parameter', () => {
    it('equal to the caller’s organization → 200', async () => {
      const token = await signToken({ org: 'org-query' });
      expectOk(await list(bearer(token), '?organization_id=org-query'));
    });

    it('another organization → 403 ORGANIZATION_MISMATCH, without a challenge', async () => {
      const token = await signToken({ org: 'org-query' });
      const res = await list(bearer(token), '?organization_id=org-other');
      expectForbidden(res, 'ORGANIZATION_MISMATCH');
      expect(res.headers['www-authenticate']).toBeUndefined();
    });

    it('the user id of a personal tenant matches its own organization', async () => {
      const token = await coreToken('solo-user');
      expectOk(await list(bearer(token), '?organization_id=solo-user'));
      expectForbidden(await list(bearer(token), '?organization_id=someone-else'), 'ORGANIZATION_MISMATCH');
    });
  });

  it('an X-API-Key is refused (API keys are not supported yet) → 401', async () => {
    expectUnauthorized(await list({ 'x-api-key': 'sk_live_0123456789abcdef' }), 'INVALID_TOKEN');
    expectUnauthorized(await list(bearer('sk_live_0123456789abcdef')), 'INVALID_TOKEN');
    // A valid token next to an API key must not let the key slip through unchecked.
    const token = await signToken();
    expectUnauthorized(await list({ ...bearer(token), 'x-api-key': 'sk_live_x' }), 'INVALID_TOKEN');
  });

  describe('revocation and the cache of verified tokens', () => {
    it('a cached token revoked by jti is refused on the next call → 401 TOKEN_REVOKED', async () => {
      const jti = randomUUID();
      const token = await signToken({ claims: { jti } });
      expectOk(await list(bearer(token)));
      expectOk(await list(bearer(token))); // now certainly served from the cache
      await revoke(`jti:${jti}`);
      expectUnauthorized(await list(bearer(token)), 'TOKEN_REVOKED');
      expectUnauthorized(await list(bearer(token)), 'TOKEN_REVOKED');
    });

    it('a token without jti is revoked by the SHA-256 of its bytes', async () => {
      const token = await coreToken(`revoked-${randomUUID()}`);
      expectOk(await list(bearer(token)));
      await revoke(tokenKey(token));
      expectUnauthorized(await list(bearer(token)), 'TOKEN_REVOKED');
    });

    it('revoking one token leaves another of the same user working', async () => {
      const revoked = await signToken({ user: 'two-tokens' });
      const other = await signToken({ user: 'two-tokens' });
      const jti = JSON.parse(Buffer.from(revoked.split('.')[1], 'base64url').toString()).jti as string;
      await revoke(`jti:${jti}`);
      expectUnauthorized(await list(bearer(revoked)), 'TOKEN_REVOKED');
      expectOk(await list(bearer(other)));
    });

    it('the cache serves a valid token but never keeps it past its exp', async () => {
      const verify = vi.spyOn(t.app.get(JwtStrategy), 'validate');
      const long = await signToken({ expiresIn: 3600 });
      expectOk(await list(bearer(long)));
      expectOk(await list(bearer(long)));
      expect(verify).toHaveBeenCalledTimes(1);

      // Past exp but inside the leeway: valid, yet verified on every call.
      verify.mockClear();
      const lapsed = await signToken({ expiresIn: -5 });
      expectOk(await list(bearer(lapsed)));
      expectOk(await list(bearer(lapsed)));
      expect(verify).toHaveBeenCalledTimes(2);

      // Cached while valid; once exp passes, the entry is gone and the token is verified again.
      verify.mockClear();
      const exp = now() + 2;
      const short = await coreToken('short-lived', { exp });
      expectOk(await list(bearer(short)));
      expectOk(await list(bearer(short)));
      expect(verify).toHaveBeenCalledTimes(1);
      await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
      expectOk(await list(bearer(short)));
      expect(verify).toHaveBeenCalledTimes(2);
    });
  });

  describe('routes without a credential', () => {
    it('public routes need no token', async () => {
      for (const url of ['/health', '/api/v1/info', '/docs-json']) {
        const res = await t.app.inject({ method: 'GET', url });
        expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
      }
    });

    it('a CORS preflight from an allowed origin answers 204 without a credential', async () => {
      const res = await t.app.inject({
        method: 'OPTIONS',
        url: PAGES,
        headers: {
          origin: ALLOWED_ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(String(res.headers['access-control-allow-methods'])).toContain('POST');
      expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
    });

    it('a CORS preflight from a foreign origin gets no allow-origin header', async () => {
      const res = await t.app.inject({
        method: 'OPTIONS',
        url: PAGES,
        headers: { origin: 'https://evil.example.net', 'access-control-request-method': 'POST' },
      });
      expect(res.statusCode).not.toBe(401);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('an allowed origin sees the allow-origin and exposed headers on a 401 too', async () => {
      const res = await list({ origin: ALLOWED_ORIGIN });
      expectUnauthorized(res, 'UNAUTHENTICATED');
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(String(res.headers['access-control-expose-headers']).toLowerCase()).toContain('www-authenticate');
    });
  });

  it('/metrics counts refused credentials by reason', async () => {
    expectUnauthorized(await list(bearer(await signToken({ expiresIn: -120 }))), 'TOKEN_EXPIRED');
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/^ocean_auth_failures_total\{reason="TOKEN_EXPIRED"\} [1-9]\d*$/m);
    expect(res.body).toMatch(/^ocean_auth_failures_total\{reason="INVALID_TOKEN"\} [1-9]\d*$/m);
  });
});

describe('auth guard (ORG_FALLBACK=reject)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp({ ORG_FALLBACK: 'reject' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a token without an organization → 403 NO_ORGANIZATION', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: PAGES,
      headers: { authorization: `Bearer ${await coreToken('orgless-user')}` },
    });
    expectForbidden(res, 'NO_ORGANIZATION');
    expect(res.headers['www-authenticate']).toBeUndefined();
  });

  it('a token with an organization still works', async () => {
    const token = await signToken({ org: 'org-reject-mode' });
    expectOk(await t.app.inject({ method: 'GET', url: PAGES, headers: { authorization: `Bearer ${token}` } }));
    const viaOrgId = await signToken({ org: null, claims: { org_id: 'org-reject-mode' } });
    expect((await createPage(t.app, viaOrgId)).organization_id).toBe('org-reject-mode');
  });
});
