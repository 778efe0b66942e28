import type { LightMyRequestResponse } from 'fastify';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kidOf } from '../../src/auth/jwt-keys';
import {
  AUTH,
  caller,
  createApiKey,
  expectError,
  expectRevoked,
  login,
  mailedToken,
  outboxCount,
  register,
  registerAndLogin,
  STRONG_PASSWORD,
  uniqueEmail,
  type TokenPairJson,
  type UserJson,
} from '../factories/identity';
import { createPage, PAGES } from '../factories/pages';
import { bootApp, TEST_SECRET, TestApp } from '../support/app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const USER_KEYS = ['created_at', 'email', 'full_name', 'id', 'is_verified', 'organization_id', 'role'];
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

describe('identity: accounts, sessions and mail flows', () => {
  let t: TestApp;
  const call = caller(() => t.app);
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
    t.app.get(DataSource).query(query, params);
  const listPages = (token: string): Promise<LightMyRequestResponse> => call('GET', PAGES, { token });
  const refresh = (refreshToken: string): Promise<LightMyRequestResponse> =>
    call('POST', `${AUTH}/refresh`, { payload: { refresh_token: refreshToken } });
  const loginRes = (email: string, password: string): Promise<LightMyRequestResponse> =>
    call('POST', `${AUTH}/login`, { payload: { email, password } });

  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('register', () => {
    it('answers 201 with the new user, email lowercased, in an organization of its own', async () => {
      const local = `Mixed.Case-${Date.now()}`;
      const res = await call('POST', `${AUTH}/register`, {
        payload: { email: `${local}@Example.COM`, password: STRONG_PASSWORD, full_name: '  Ada Lovelace ' },
      });
      expect(res.statusCode, res.body).toBe(201);
      const user = res.json();
      expect(Object.keys(user).sort()).toEqual(USER_KEYS);
      expect(user).toMatchObject({
        email: `${local.toLowerCase()}@example.com`,
        role: 'USER',
        full_name: 'Ada Lovelace',
        is_verified: false,
      });
      expect(user.id).toMatch(UUID);
      expect(user.organization_id).toMatch(UUID);
      expect(user.organization_id).not.toBe(user.id);
      expect(user.created_at).toMatch(ISO_Z);
      expect(Math.abs(Date.parse(user.created_at) - Date.now())).toBeLessThan(60_000);
      // Without organization_name the organization is named after the email; the user owns it.
      expect(await sql(`SELECT name FROM organizations WHERE organization_id = $1`, [user.organization_id])).toEqual([
        { name: user.email },
      ]);
      expect(
        await sql(`SELECT user_id, role FROM memberships WHERE organization_id = $1`, [user.organization_id]),
      ).toEqual([{ user_id: user.id, role: 'owner' }]);
      // The account signs in with the mixed-case address too.
      const pair = await login(t.app, `${local}@EXAMPLE.com`);
      expect(pair.user.id).toBe(user.id);
    });

    it('names the organization after organization_name', async () => {
      const user = await register(t.app, { organization_name: 'Deep Sea Research' });
      expect(await sql(`SELECT name FROM organizations WHERE organization_id = $1`, [user.organization_id])).toEqual([
        { name: 'Deep Sea Research' },
      ]);
      expect(user.full_name).toBeNull();
    });

    it('refuses an email that is taken, whatever its case, with 409 EMAIL_TAKEN and leaves no stray rows', async () => {
      const email = uniqueEmail('taken');
      await register(t.app, { email });
      const [{ n: orgsBefore }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM organizations`);
      for (const variant of [email, email.toUpperCase(), ` ${email.replace('taken', 'TaKeN')}`.trim()]) {
        const res = await call('POST', `${AUTH}/register`, { payload: { email: variant, password: STRONG_PASSWORD } });
        expectError(res, 409, 'EMAIL_TAKEN');
      }
      const [{ n: orgsAfter }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM organizations`);
      expect(Number(orgsAfter)).toBe(Number(orgsBefore));
      expect(await sql(`SELECT 1 FROM users WHERE lower(email) = $1`, [email])).toHaveLength(1);
    });

    const weak: Array<[string, string | ((local: string) => string), string, RegExp]> = [
      ['shorter than 8 characters', 'Sh0rt!', 'WEAK_PASSWORD', /at least 8 characters/],
      ['without an uppercase letter', 'no-upper-case-7!', 'WEAK_PASSWORD', /needs an uppercase letter$/],
      ['without a lowercase letter', 'NO-LOWER-CASE-7!', 'WEAK_PASSWORD', /needs a lowercase letter$/],
      ['without a digit', 'No-Digits-Here!', 'WEAK_PASSWORD', /needs a digit$/],
      ['without a symbol', 'NoSymbolsHere123', 'WEAK_PASSWORD', /needs a symbol$/],
      ['that is common (P@ssw0rd)', 'P@ssw0rd', 'WEAK_PASSWORD', /too common/],
      ['that contains the email address', (local) => `Z9!${local}`, 'WEAK_PASSWORD', /too close to the email/],
      ['longer than 128 characters', `Aa1!${'x'.repeat(125)}`, 'VALIDATION_FAILED', /128/],
    ];
    it.each(weak)('refuses a password %s with 400 on the password field', async (_why, password, code, message) => {
      const local = `weakling-${Date.now()}`;
      const email = `${local}@example.com`;
      const pw = typeof password === 'function' ? password(local) : password;
      const res = await call('POST', `${AUTH}/register`, { payload: { email, password: pw } });
      expectError(res, 400, code);
      // Exactly the one rule this password breaks.
      expect(res.json().errors).toEqual([{ field: 'password', message: expect.stringMatching(message) }]);
      expect(res.body).not.toContain(pw);
      expect(await sql(`SELECT 1 FROM users WHERE email = $1`, [email])).toHaveLength(0);
    });

    it('refuses a malformed email, a missing password and wrong types with 400 VALIDATION_FAILED', async () => {
      const bad = await call('POST', `${AUTH}/register`, {
        payload: { email: 'not-an-email', password: STRONG_PASSWORD },
      });
      expectError(bad, 400, 'VALIDATION_FAILED');
      expect(bad.json().errors).toEqual([{ field: 'email', message: expect.any(String) }]);
      expectError(
        await call('POST', `${AUTH}/register`, { payload: { email: uniqueEmail() } }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await call('POST', `${AUTH}/register`, { payload: { email: uniqueEmail(), password: 12345678 } }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await call('POST', `${AUTH}/register`, {
          payload: { email: uniqueEmail(), password: STRONG_PASSWORD, organization_name: '' },
        }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('takes JSON only: a form-encoded registration → 415', async () => {
      const res = await call('POST', `${AUTH}/register`, {
        headers: FORM,
        payload: form({ email: uniqueEmail(), password: STRONG_PASSWORD }),
      });
      expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('login', () => {
    let email: string;
    let userId: string;

    beforeAll(async () => {
      const user = await register(t.app, { full_name: 'Login Tester' });
      email = user.email;
      userId = user.id;
    });

    it('JSON {email, password} → 200 with a bearer pair and the user', async () => {
      const res = await loginRes(email, STRONG_PASSWORD);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type', 'user']);
      expect(body).toMatchObject({ token_type: 'bearer', expires_in: 1800 });
      expect(body.user).toMatchObject({ id: userId, email, role: 'USER', full_name: 'Login Tester' });
      expect(Object.keys(body.user).sort()).toEqual(USER_KEYS);
      expect(body.refresh_token).toMatch(/^rt_[A-Za-z0-9_-]{40,}$/);
      expect((await listPages(body.access_token)).statusCode).toBe(200);
    });

    it('the OAuth2 password grant (form: username, password) → 200 likewise', async () => {
      const res = await call('POST', `${AUTH}/login`, {
        headers: FORM,
        payload: form({ grant_type: 'password', username: email, password: STRONG_PASSWORD, scope: '' }),
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ token_type: 'bearer', expires_in: 1800, user: { id: userId } });
      expect((await listPages(res.json().access_token)).statusCode).toBe(200);
    });

    it('issues an access token with the claims of API.md and the kid of the current secret', async () => {
      const before = Math.floor(Date.now() / 1000);
      const pair = await login(t.app, email);
      const claims = decodeJwt(pair.access_token);
      expect(Object.keys(claims).sort()).toEqual(
        ['email', 'exp', 'iat', 'jti', 'organization_id', 'role', 'sid', 'sub', 'type'].sort(),
      );
      expect(claims).toMatchObject({
        sub: userId,
        email,
        role: 'USER',
        organization_id: pair.user.organization_id,
        type: 'access',
      });
      expect(claims.jti).toMatch(UUID);
      expect(claims.sid).toMatch(UUID);
      expect(claims.iat).toBeGreaterThanOrEqual(before - 1);
      expect(claims.iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 1);
      expect(claims.exp! - claims.iat!).toBe(1800);
      expect(decodeProtectedHeader(pair.access_token)).toEqual({ alg: 'HS256', typ: 'JWT', kid: kidOf(TEST_SECRET) });
      // Each login opens its own session with its own token id.
      const again = decodeJwt((await login(t.app, email)).access_token);
      expect(again.sid).not.toBe(claims.sid);
      expect(again.jti).not.toBe(claims.jti);
    });

    it('wrong password and unknown email answer the identical 401 INVALID_CREDENTIALS', async () => {
      const wrong = await loginRes(email, 'Wrong-Horse-Battery-9!');
      const unknown = await loginRes(uniqueEmail('nobody'), STRONG_PASSWORD);
      const wrongForm = await call('POST', `${AUTH}/login`, {
        headers: FORM,
        payload: form({ username: email, password: 'Wrong-Horse-Battery-9!' }),
      });
      for (const res of [wrong, unknown, wrongForm]) {
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({ detail: expect.any(String), error_code: 'INVALID_CREDENTIALS' });
      }
      expect(unknown.body).toBe(wrong.body);
      expect(wrongForm.body).toBe(wrong.body);
      // The failure was counted, then a good login clears it.
      expect(await sql(`SELECT failed_login_attempts FROM users WHERE user_id = $1`, [userId])).toEqual([
        { failed_login_attempts: 2 },
      ]);
      await login(t.app, email);
      expect(await sql(`SELECT failed_login_attempts FROM users WHERE user_id = $1`, [userId])).toEqual([
        { failed_login_attempts: 0 },
      ]);
    });

    it('missing fields → 400 VALIDATION_FAILED', async () => {
      expectError(
        await call('POST', `${AUTH}/login`, { payload: { password: STRONG_PASSWORD } }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(await call('POST', `${AUTH}/login`, { payload: { email } }), 400, 'VALIDATION_FAILED');
      expectError(
        await call('POST', `${AUTH}/login`, {
          headers: FORM,
          payload: form({ username: email, password: STRONG_PASSWORD, grant_type: 'client_credentials' }),
        }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('form bodies are refused on every other route → 415', async () => {
      const pair = await login(t.app, email);
      const res = await call('POST', PAGES, { token: pair.access_token, headers: FORM, payload: form({ title: 'x' }) });
      expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(
        await call('POST', `${AUTH}/refresh`, { headers: FORM, payload: form({ refresh_token: pair.refresh_token }) }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    });
  });

  describe('session life cycle', () => {
    it('login → Ocean call → refresh → reuse detection → login → logout', async () => {
      const user = await register(t.app);
      const viaForm = await call('POST', `${AUTH}/login`, {
        headers: FORM,
        payload: form({ username: user.email, password: STRONG_PASSWORD }),
      });
      expect(viaForm.statusCode).toBe(200);
      const first = viaForm.json<TokenPairJson>();
      const other = await login(t.app, user.email);

      // The access token works on the resource API, in the user's organization.
      const created = await call('POST', PAGES, { token: first.access_token, payload: { title: 'Tide tables' } });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ organization_id: user.organization_id, user_id: user.id });

      // Refresh: a new pair; the old refresh token is spent.
      const rotated = await refresh(first.refresh_token);
      expect(rotated.statusCode, rotated.body).toBe(200);
      const second = rotated.json<TokenPairJson>();
      expect(second).toMatchObject({ token_type: 'bearer', expires_in: 1800, user: { id: user.id } });
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect(second.access_token).not.toBe(first.access_token);
      expect(decodeJwt(second.access_token).sid).toBe(decodeJwt(first.access_token).sid);
      expect((await listPages(second.access_token)).statusCode).toBe(200);

      // Reuse of the spent token revokes the whole session: its newest refresh and access tokens.
      expectError(await refresh(first.refresh_token), 401, 'REFRESH_TOKEN_REUSED');
      expectError(await refresh(second.refresh_token), 401, 'INVALID_REFRESH_TOKEN');
      expectRevoked(await listPages(second.access_token));
      expectRevoked(await listPages(first.access_token));
      // The user's other session is untouched.
      expect((await listPages(other.access_token)).statusCode).toBe(200);

      // Sign in again, then out.
      const third = await login(t.app, user.email);
      expect((await listPages(third.access_token)).statusCode).toBe(200);
      const out = await call('POST', `${AUTH}/logout`, { token: third.access_token });
      expect(out.statusCode, out.body).toBe(204);
      expect(out.body).toBe('');
      expectRevoked(await call('POST', PAGES, { token: third.access_token, payload: { title: 'after logout' } }));
      expectRevoked(await call('GET', `${AUTH}/me`, { token: third.access_token }));
      expectError(await refresh(third.refresh_token), 401, 'INVALID_REFRESH_TOKEN');
      expect((await listPages(other.access_token)).statusCode).toBe(200);
    });

    it('refresh refuses unknown, malformed and missing tokens, and access tokens', async () => {
      const s = await registerAndLogin(t.app);
      expectError(await refresh('rt_definitely-not-a-real-token'), 401, 'INVALID_REFRESH_TOKEN');
      expectError(await refresh(s.access_token), 401, 'INVALID_REFRESH_TOKEN');
      expectError(await call('POST', `${AUTH}/refresh`, { payload: {} }), 400, 'VALIDATION_FAILED');
      expectError(await call('POST', `${AUTH}/refresh`, { payload: { refresh_token: 42 } }), 400, 'VALIDATION_FAILED');
      // A refresh token is not an access token.
      expectError(await listPages(s.refresh_token), 401, 'INVALID_TOKEN');
      expect((await refresh(s.refresh_token)).statusCode).toBe(200);
    });

    it('logout scope=local leaves the other sessions working; scope=global ends them all', async () => {
      const user = await register(t.app);
      const [a, b, c] = [
        await login(t.app, user.email),
        await login(t.app, user.email),
        await login(t.app, user.email),
      ];
      const local = await call('POST', `${AUTH}/logout?scope=local`, { token: a.access_token });
      expect(local.statusCode).toBe(204);
      expectRevoked(await listPages(a.access_token));
      expectError(await refresh(a.refresh_token), 401, 'INVALID_REFRESH_TOKEN');
      expect((await listPages(b.access_token)).statusCode).toBe(200);
      expect((await listPages(c.access_token)).statusCode).toBe(200);

      const global = await call('POST', `${AUTH}/logout?scope=global`, { token: b.access_token });
      expect(global.statusCode).toBe(204);
      expectRevoked(await listPages(b.access_token));
      expectRevoked(await listPages(c.access_token));
      expectError(await refresh(c.refresh_token), 401, 'INVALID_REFRESH_TOKEN');
      // Signing in again afterwards works.
      expect((await listPages((await login(t.app, user.email)).access_token)).statusCode).toBe(200);
    });

    it('logout with an empty body declared as JSON (as the AINative CLI sends it) signs out, 204', async () => {
      const s = await registerAndLogin(t.app);
      const out = await call('POST', `${AUTH}/logout`, {
        token: s.access_token,
        headers: { 'content-type': 'application/json' },
      });
      expect(out.statusCode).toBe(204);
      expectRevoked(await listPages(s.access_token));
    });

    it('logout refuses an unknown scope (400), a missing credential (401) and an API key (400)', async () => {
      const s = await registerAndLogin(t.app);
      expectError(await call('POST', `${AUTH}/logout?scope=foo`, { token: s.access_token }), 400, 'VALIDATION_FAILED');
      expect((await listPages(s.access_token)).statusCode).toBe(200);
      expectError(await call('POST', `${AUTH}/logout`), 401, 'UNAUTHENTICATED');
      const key = await createApiKey(t.app, s.access_token);
      expectError(await call('POST', `${AUTH}/logout`, { apiKey: key.key }), 400, 'BAD_REQUEST');
      expect((await listPages(s.access_token)).statusCode).toBe(200);
    });
  });

  describe('me', () => {
    it('answers the caller for an access token and for an API key', async () => {
      const s = await registerAndLogin(t.app);
      const viaToken = await call('GET', `${AUTH}/me`, { token: s.access_token });
      expect(viaToken.statusCode).toBe(200);
      expect(viaToken.json()).toEqual({ ...s.user, scopes: ['read', 'write'] });
      const key = await createApiKey(t.app, s.access_token, ['read']);
      const viaKey = await call('GET', `${AUTH}/me`, { apiKey: key.key });
      expect(viaKey.statusCode, viaKey.body).toBe(200);
      expect(viaKey.json()).toEqual({ ...s.user, scopes: ['read'], api_key_id: key.api_key_id });
      const viaBearerKey = await call('GET', `${AUTH}/me`, { token: key.key });
      expect(viaBearerKey.json()).toEqual(viaKey.json());
      for (const res of [viaToken, viaKey]) expect(Object.keys(res.json())).toEqual(expect.arrayContaining(USER_KEYS));
    });

    it('without a credential → 401 UNAUTHENTICATED', async () => {
      expectError(await call('GET', `${AUTH}/me`), 401, 'UNAUTHENTICATED');
    });
  });

  describe('verify-email', () => {
    it('the mailed ev_ token verifies the account once', async () => {
      const s = await registerAndLogin(t.app);
      const token = await mailedToken(t.app, s.user.email, 'ev_');
      const verified = await call('POST', `${AUTH}/verify-email`, { payload: { token } });
      expect(verified.statusCode, verified.body).toBe(204);
      expect((await call('GET', `${AUTH}/me`, { token: s.access_token })).json()).toMatchObject({ is_verified: true });
      expectError(await call('POST', `${AUTH}/verify-email`, { payload: { token } }), 400, 'INVALID_ONE_TIME_TOKEN');
    });

    it('refuses unknown tokens, reset tokens and bad bodies', async () => {
      const user = await register(t.app);
      expectError(
        await call('POST', `${AUTH}/verify-email`, { payload: { token: 'ev_nope' } }),
        400,
        'INVALID_ONE_TIME_TOKEN',
      );
      expect((await call('POST', `${AUTH}/forgot-password`, { payload: { email: user.email } })).statusCode).toBe(202);
      const reset = await mailedToken(t.app, user.email, 'pr_');
      expectError(
        await call('POST', `${AUTH}/verify-email`, { payload: { token: reset } }),
        400,
        'INVALID_ONE_TIME_TOKEN',
      );
      expectError(await call('POST', `${AUTH}/verify-email`, { payload: {} }), 400, 'VALIDATION_FAILED');
      const [row] = await sql<{ is_verified: boolean }>(`SELECT is_verified FROM users WHERE user_id = $1`, [user.id]);
      expect(row.is_verified).toBe(false);
    });
  });

  describe('forgot-password and reset-password', () => {
    it('answers 202 with the same body for known and unknown emails; only the known one gets a mail', async () => {
      const user = await register(t.app);
      const unknown = uniqueEmail('ghost');
      const before = await outboxCount(t.app, user.email);
      const known = await call('POST', `${AUTH}/forgot-password`, { payload: { email: user.email.toUpperCase() } });
      const ghost = await call('POST', `${AUTH}/forgot-password`, { payload: { email: unknown } });
      expect(known.statusCode).toBe(202);
      expect(ghost.statusCode).toBe(202);
      expect(ghost.body).toBe(known.body);
      expect(known.json()).toEqual({ detail: expect.any(String) });
      expect(await outboxCount(t.app, user.email)).toBe(before + 1);
      expect(await outboxCount(t.app, unknown)).toBe(0);
      expect(await mailedToken(t.app, user.email, 'pr_')).toMatch(/^pr_[A-Za-z0-9_-]{40,}$/);
    });

    it('reset revokes every session, swaps the password, and the token is single use', async () => {
      const user = await register(t.app);
      const s1 = await login(t.app, user.email);
      const s2 = await login(t.app, user.email);
      await call('POST', `${AUTH}/forgot-password`, { payload: { email: user.email } });
      const token = await mailedToken(t.app, user.email, 'pr_');
      const newPassword = 'Brand-New-Sextant-77?';

      // A weak new password is refused and the token stays usable.
      const weak = await call('POST', `${AUTH}/reset-password`, { payload: { token, new_password: 'weakweak' } });
      expectError(weak, 400, 'WEAK_PASSWORD');
      expect((weak.json().errors as Array<{ field: string }>).every((e) => e.field === 'new_password')).toBe(true);
      expect((await listPages(s1.access_token)).statusCode).toBe(200);

      const reset = await call('POST', `${AUTH}/reset-password`, { payload: { token, new_password: newPassword } });
      expect(reset.statusCode, reset.body).toBe(204);
      expectRevoked(await listPages(s1.access_token));
      expectRevoked(await listPages(s2.access_token));
      expectError(await refresh(s1.refresh_token), 401, 'INVALID_REFRESH_TOKEN');
      expectError(await refresh(s2.refresh_token), 401, 'INVALID_REFRESH_TOKEN');
      expectError(await loginRes(user.email, STRONG_PASSWORD), 401, 'INVALID_CREDENTIALS');
      const fresh = await login(t.app, user.email, newPassword);
      expect((await listPages(fresh.access_token)).statusCode).toBe(200);

      expectError(
        await call('POST', `${AUTH}/reset-password`, { payload: { token, new_password: 'Another-Sextant-88?' } }),
        400,
        'INVALID_ONE_TIME_TOKEN',
      );
      expect((await loginRes(user.email, newPassword)).statusCode).toBe(200);
    });

    it('refuses unknown tokens and verification tokens', async () => {
      const user = await register(t.app);
      const verify = await mailedToken(t.app, user.email, 'ev_');
      for (const token of ['pr_unknown', verify]) {
        expectError(
          await call('POST', `${AUTH}/reset-password`, { payload: { token, new_password: 'Brand-New-Sextant-77?' } }),
          400,
          'INVALID_ONE_TIME_TOKEN',
        );
      }
      expect((await loginRes(user.email, STRONG_PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('change-password', () => {
    it('needs the old password and a strong new one; then every other session is revoked', async () => {
      const s = await registerAndLogin(t.app);
      const other = await login(t.app, s.user.email);
      const newPassword = 'Changed-Anchor-Chain-5$';

      const wrongOld = await call('POST', `${AUTH}/change-password`, {
        token: s.access_token,
        payload: { old_password: 'Not-The-Password-1!', new_password: newPassword },
      });
      expectError(wrongOld, 400, 'VALIDATION_FAILED');
      expect(wrongOld.json().errors).toEqual([{ field: 'old_password', message: expect.any(String) }]);

      const weak = await call('POST', `${AUTH}/change-password`, {
        token: s.access_token,
        payload: { old_password: STRONG_PASSWORD, new_password: 'short' },
      });
      expectError(weak, 400, 'WEAK_PASSWORD');
      expect((await listPages(s.access_token)).statusCode).toBe(200);

      expectError(
        await call('POST', `${AUTH}/change-password`, {
          payload: { old_password: STRONG_PASSWORD, new_password: newPassword },
        }),
        401,
        'UNAUTHENTICATED',
      );

      const changed = await call('POST', `${AUTH}/change-password`, {
        token: s.access_token,
        payload: { old_password: STRONG_PASSWORD, new_password: newPassword },
      });
      expect(changed.statusCode, changed.body).toBe(204);
      // The caller's own session goes on (API.md: the same revocation as a reset, except it).
      expect((await listPages(s.access_token)).statusCode).toBe(200);
      expectRevoked(await listPages(other.access_token));
      expectError(await refresh(other.refresh_token), 401, 'INVALID_REFRESH_TOKEN');
      expect((await refresh(s.refresh_token)).statusCode).toBe(200);
      expectError(await loginRes(s.user.email, STRONG_PASSWORD), 401, 'INVALID_CREDENTIALS');
      expect((await listPages((await login(t.app, s.user.email, newPassword)).access_token)).statusCode).toBe(200);
    });
  });

  describe('tenant isolation', () => {
    it("another organization's tokens and keys cannot see a page (404)", async () => {
      const alice = await registerAndLogin(t.app);
      const bob = await registerAndLogin(t.app);
      expect(bob.user.organization_id).not.toBe(alice.user.organization_id);
      const page = await createPage(t.app, alice.access_token, { title: 'Alice only' });
      expect(page.organization_id).toBe(alice.user.organization_id);
      const bobKey = await createApiKey(t.app, bob.access_token, ['read', 'write']);

      for (const creds of [{ token: bob.access_token }, { apiKey: bobKey.key }]) {
        expectError(await call('GET', `${PAGES}/${page.page_id}`, creds), 404, 'PAGE_NOT_FOUND');
        expectError(
          await call('PUT', `${PAGES}/${page.page_id}`, { ...creds, payload: { title: 'mine now' } }),
          404,
          'PAGE_NOT_FOUND',
        );
        const listed = await call('GET', PAGES, creds);
        expect(listed.statusCode).toBe(200);
        expect(listed.json().pages.map((p: { page_id: string }) => p.page_id)).not.toContain(page.page_id);
        // A client never picks its organization.
        const forged = await call('POST', PAGES, {
          ...creds,
          payload: { title: 'forged', organization_id: alice.user.organization_id },
        });
        expect(forged.json().organization_id).toBe(bob.user.organization_id);
      }
      const own = await call('GET', `${PAGES}/${page.page_id}`, { token: alice.access_token });
      expect(own.json().title).toBe('Alice only');
    });
  });
});

describe('identity: lockout (MAX_LOGIN_ATTEMPTS=3, LOCKOUT_DURATION_MINUTES=1)', () => {
  let t: TestApp;
  const call = caller(() => t.app);
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
    t.app.get(DataSource).query(query, params);
  const attempt = (email: string, password: string): Promise<LightMyRequestResponse> =>
    call('POST', `${AUTH}/login`, { payload: { email, password } });
  const WRONG = 'Wrong-Horse-Battery-9!';
  const expire = (userId: string): Promise<unknown> =>
    sql(`UPDATE users SET locked_until = now() - interval '1 second' WHERE user_id = $1`, [userId]);

  beforeAll(async () => {
    t = await bootApp({ MAX_LOGIN_ATTEMPTS: '3', LOCKOUT_DURATION_MINUTES: '1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function lockOut(email: string): Promise<void> {
    for (let i = 0; i < 3; i++) expectError(await attempt(email, WRONG), 401, 'INVALID_CREDENTIALS');
  }

  function expectLocked(res: LightMyRequestResponse): void {
    expect(res.statusCode, res.body).toBe(423);
    expect(res.json()).toEqual({ detail: expect.any(String), error_code: 'ACCOUNT_LOCKED' });
    const retryAfter = res.headers['retry-after'];
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  }

  it('locks after 3 failures: even the right password → 423 with Retry-After', async () => {
    const user = await register(t.app);
    await lockOut(user.email);
    expectLocked(await attempt(user.email, STRONG_PASSWORD));
    expectLocked(await attempt(user.email, WRONG));
    // Case does not open a side door.
    expectLocked(await attempt(user.email.toUpperCase(), STRONG_PASSWORD));
    // Another account is not affected.
    const bystander = await register(t.app);
    expect((await attempt(bystander.email, STRONG_PASSWORD)).statusCode).toBe(200);
  });

  it('concurrent guesses cannot outrun the lock: only 3 of 10 parallel attempts are checked', async () => {
    const user = await register(t.app);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call('POST', `${AUTH}/login`, { payload: { email: user.email, password: `${WRONG}${i}` }, ip: `10.7.0.${i}` }),
      ),
    );
    const codes = answers.map((r) => r.json<{ error_code: string }>().error_code).sort();
    expect(codes).toEqual([
      ...Array<string>(7).fill('ACCOUNT_LOCKED'),
      ...Array<string>(3).fill('INVALID_CREDENTIALS'),
    ]);
    expectLocked(await attempt(user.email, STRONG_PASSWORD));
  });

  it('once the lock expires the right password works and the counter restarts', async () => {
    const user = await register(t.app);
    await lockOut(user.email);
    expectLocked(await attempt(user.email, STRONG_PASSWORD));
    await expire(user.id);
    expect((await attempt(user.email, STRONG_PASSWORD)).statusCode).toBe(200);
    expect(await sql(`SELECT failed_login_attempts, locked_until FROM users WHERE user_id = $1`, [user.id])).toEqual([
      { failed_login_attempts: 0, locked_until: null },
    ]);
  });

  it('after an expired lock a wrong password counts from zero', async () => {
    const user = await register(t.app);
    await lockOut(user.email);
    await expire(user.id);
    expectError(await attempt(user.email, WRONG), 401, 'INVALID_CREDENTIALS');
    expect(await sql(`SELECT failed_login_attempts, locked_until FROM users WHERE user_id = $1`, [user.id])).toEqual([
      { failed_login_attempts: 1, locked_until: null },
    ]);
    expectError(await attempt(user.email, WRONG), 401, 'INVALID_CREDENTIALS');
    expect((await attempt(user.email, STRONG_PASSWORD)).statusCode).toBe(200);
    // And three fresh failures lock it again.
    await lockOut(user.email);
    expectLocked(await attempt(user.email, STRONG_PASSWORD));
  });

  it('unknown emails never lock anything (same 401 every time)', async () => {
    const ghost = uniqueEmail('ghost');
    for (let i = 0; i < 4; i++) expectError(await attempt(ghost, WRONG), 401, 'INVALID_CREDENTIALS');
  });

  it('a password reset unlocks the account', async () => {
    const user = await register(t.app);
    await lockOut(user.email);
    await call('POST', `${AUTH}/forgot-password`, { payload: { email: user.email } });
    const token = await mailedToken(t.app, user.email, 'pr_');
    const newPassword = 'Unlocked-Lighthouse-3#';
    const res = await call('POST', `${AUTH}/reset-password`, { payload: { token, new_password: newPassword } });
    expect(res.statusCode).toBe(204);
    expect((await attempt(user.email, newPassword)).statusCode).toBe(200);
  });
});

describe('identity: the /api/v1/auth aliases of the AINative command line client', () => {
  let t: TestApp;
  const call = caller(() => t.app);
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('register, login (JSON and form), me, refresh and logout answer under /api/v1/auth too', async () => {
    const email = uniqueEmail('alias');
    const reg = await call('POST', '/api/v1/auth/register', { payload: { email, password: STRONG_PASSWORD } });
    expect(reg.statusCode).toBe(201);
    const json = await call('POST', '/api/v1/auth/login', { payload: { email, password: STRONG_PASSWORD } });
    expect(json.statusCode).toBe(200);
    expect(json.headers['cache-control']).toBe('no-store');
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=${encodeURIComponent(email)}&password=${encodeURIComponent(STRONG_PASSWORD)}`,
    });
    expect(form.statusCode).toBe(200);
    const { access_token, refresh_token } = json.json<TokenPairJson>();
    const me = await call('GET', '/api/v1/auth/me', { token: access_token });
    expect(me.json()).toMatchObject({ email, id: reg.json<UserJson>().id });
    const refreshed = await call('POST', '/api/v1/auth/refresh', { payload: { refresh_token } });
    expect(refreshed.statusCode).toBe(200);
    const next = refreshed.json<TokenPairJson>().access_token;
    expect((await call('POST', '/api/v1/auth/logout', { token: next })).statusCode).toBe(204);
    expectRevoked(await call('GET', '/v1/auth/me', { token: next }));
    const doc = (await call('GET', '/docs-json')).json<{ paths: Record<string, unknown> }>();
    for (const path of ['login', 'register', 'refresh', 'logout', 'me']) {
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([`/v1/auth/${path}`, `/api/v1/auth/${path}`]));
    }
  });
});
