import type { Contract } from '../context';
import type { Check } from '../runner';
import {
  expect,
  expectBearerChallenge,
  expectEqual,
  expectMatch,
  expectOk,
  expectRefusal,
  ISO_UTC,
  skip,
  UUID,
  type Refusal,
  type Session,
} from '../support';

interface UserShape {
  id: string;
  email: string;
  role: string;
  organization_id: string;
  full_name: string | null;
  is_verified: boolean;
  created_at: string;
}

function expectUser(user: UserShape | undefined, email: string, what: string): asserts user {
  expect(user, `${what}: no user`);
  expectMatch(user.id, UUID, `${what}.id`);
  expectEqual(user.email, email, `${what}.email`);
  expectEqual(user.role, 'USER', `${what}.role`);
  expectMatch(user.organization_id, UUID, `${what}.organization_id`);
  expect('full_name' in user, `${what} has no full_name`);
  expectEqual(typeof user.is_verified, 'boolean', `${what}.is_verified type`);
  expectMatch(user.created_at, ISO_UTC, `${what}.created_at`);
}

function expectPair(
  pair: { access_token?: string; refresh_token?: string; token_type?: string; expires_in?: number } | undefined,
  what: string,
): asserts pair is { access_token: string; refresh_token: string; token_type: string; expires_in: number } {
  expect(pair, `${what}: no body`);
  expectMatch(pair.access_token, /^[\w-]+\.[\w-]+\.[\w-]+$/, `${what}.access_token (a JWT)`);
  expect(typeof pair.refresh_token === 'string' && pair.refresh_token.length >= 16, `${what}.refresh_token`);
  expectEqual(pair.token_type, 'bearer', `${what}.token_type`);
  expect(typeof pair.expires_in === 'number' && pair.expires_in > 0, `${what}.expires_in: ${pair.expires_in}`);
}

const noStore = (s: Session, what: string): void =>
  expectMatch(s.last()?.headers.get('cache-control'), /no-store/, `${what}: Cache-Control`);

/**
 * The identity round trip on a user of its own (logout revokes, so never the owner's session):
 * register, login (JSON and form), me, refresh rotation with reuse detection, logout.
 * Spends 8 requests of the per-IP AUTH_RATE_LIMIT_PER_MINUTE budget (20 by default).
 */
export function identityChecks(c: Contract): Check[] {
  const { email, password } = c.identityAccount;
  const state: {
    userId?: string;
    first?: { access: string; refresh: string };
    wrongPassword?: Refusal;
    spent?: Refusal;
  } = {};
  const needUser = (): { access: string; refresh: string } => state.first ?? skip('register/login failed above');

  return [
    {
      name: 'identity: POST /v1/auth/register → 201 user; the same email again → 409',
      async run() {
        await c.needIdentity();
        const s = c.anonymous('identity');
        const user = await expectOk(
          s,
          s.api.POST('/v1/auth/register', { body: { email, password, full_name: 'Contract Suite' } }),
          201,
          'register',
        );
        expectUser(user, email, 'register');
        expectEqual(user.full_name, 'Contract Suite', 'register.full_name');
        state.userId = user.id;
        c.identityAccount.registered = true;
        await expectRefusal(
          s,
          s.api.POST('/v1/auth/register', { body: { email: email.toUpperCase(), password } }),
          409,
          undefined,
          'register the same email (other case)',
        );
      },
    },
    {
      name: 'identity: POST /v1/auth/login (JSON) → 200 {access_token, refresh_token, token_type bearer, expires_in, user}, no-store; a wrong password → 401',
      async run() {
        await c.needIdentity();
        if (!state.userId) skip('register failed above');
        const s = c.anonymous('identity');
        const pair = await expectOk(s, s.api.POST('/v1/auth/login', { body: { email, password } }), 200, 'login');
        expectPair(pair, 'login');
        noStore(s, 'login');
        expectUser(pair.user, email, 'login.user');
        expectEqual(pair.user.id, state.userId, 'login.user.id');
        state.first = { access: pair.access_token, refresh: pair.refresh_token };
        state.wrongPassword = await expectRefusal(
          s,
          s.api.POST('/v1/auth/login', { body: { email, password: `${password}x` } }),
          401,
          undefined,
          'login with a wrong password',
        );
      },
    },
    {
      name: 'identity: GET /v1/auth/me with the access token → the user, its organization and scopes',
      async run() {
        await c.needIdentity();
        const first = needUser();
        const s = c.session('identity', { accessToken: first.access, refreshToken: first.refresh });
        const me = await expectOk(s, s.api.GET('/v1/auth/me'), 200, 'me');
        expectUser(me, email, 'me');
        expectEqual(me.id, state.userId, 'me.id');
        expect(
          Array.isArray(me.scopes) && me.scopes.includes('read') && me.scopes.includes('write'),
          `me.scopes: ${JSON.stringify(me.scopes)}`,
        );
      },
    },
    {
      name: 'identity: POST /v1/auth/refresh rotates the pair; the old refresh token is spent, and reusing it revokes the session',
      async run() {
        await c.needIdentity();
        const first = needUser();
        const s = c.anonymous('identity');
        const second = await expectOk(
          s,
          s.api.POST('/v1/auth/refresh', { body: { refresh_token: first.refresh } }),
          200,
          'refresh',
        );
        expectPair(second, 'refresh');
        noStore(s, 'refresh');
        expect(second.refresh_token !== first.refresh, 'refresh answered the same refresh token');
        expect(second.access_token !== first.access, 'refresh answered the same access token');

        const fresh = c.session('identity', { accessToken: second.access_token, refreshToken: second.refresh_token });
        const me = await expectOk(fresh, fresh.api.GET('/v1/auth/me'), 200, 'me with the refreshed access token');
        expectEqual(me.id, state.userId, 'me.id after refresh');

        state.spent = await expectRefusal(
          s,
          s.api.POST('/v1/auth/refresh', { body: { refresh_token: first.refresh } }),
          401,
          undefined,
          'refresh with the spent refresh token',
        );
        await expectRefusal(
          s,
          s.api.POST('/v1/auth/refresh', { body: { refresh_token: second.refresh_token } }),
          401,
          undefined,
          'refresh with the newer token after reuse was detected (the session is revoked)',
        );
      },
    },
    {
      name: 'identity: POST /v1/auth/logout → 204; the access token then answers 401 TOKEN_REVOKED, the refresh token 401',
      async run() {
        await c.needIdentity();
        if (!state.userId) skip('register failed above');
        const s = c.anonymous('identity');
        // The OAuth2 password form, as API.md allows for login.
        const pair = await expectOk(
          s,
          s.api.POST('/v1/auth/login', {
            body: { username: email, password },
            bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          }),
          200,
          'login with the form',
        );
        expectPair(pair, 'form login');
        const user = c.session('identity', { accessToken: pair.access_token, refreshToken: pair.refresh_token });
        await expectOk(user, user.api.GET('/v1/auth/me'), 200, 'me before logout');
        await expectOk(user, user.api.POST('/v1/auth/logout'), 204, 'logout');

        const revoked = await expectRefusal(user, user.api.GET('/v1/auth/me'), 401, 'TOKEN_REVOKED', 'me after logout');
        expectBearerChallenge(revoked, 'me after logout');
        await expectRefusal(
          user,
          user.api.GET('/api/v1/ocean/pages'),
          401,
          'TOKEN_REVOKED',
          'a resource route after logout',
        );
        await expectRefusal(
          s,
          s.api.POST('/v1/auth/refresh', { body: { refresh_token: pair.refresh_token } }),
          401,
          undefined,
          "refresh with the logged-out session's refresh token",
        );
      },
    },
    {
      // API.md Conventions: "401 no/invalid/expired/revoked credential (with WWW-Authenticate:
      // Bearer error="invalid_token")". The guard's 401s carry it (see the tokens checks);
      // this checks the identity routes' own 401s, which a password or a refresh token causes.
      name: 'identity [API.md Conventions: every 401 carries WWW-Authenticate]: a wrong password and a spent refresh token',
      run() {
        if (!state.wrongPassword || !state.spent) skip('the login and refresh checks above did not get their 401s');
        const missing = [
          ['POST /v1/auth/login with a wrong password', state.wrongPassword],
          ['POST /v1/auth/refresh with a spent refresh token', state.spent],
        ].filter(
          ([, refusal]) =>
            !/error="invalid_token"/.test((refusal as Refusal).response.headers.get('www-authenticate') ?? ''),
        );
        expect(
          missing.length === 0,
          `401 without WWW-Authenticate: Bearer error="invalid_token": ${missing.map(([what]) => what as string).join('; ')}`,
        );
        return Promise.resolve();
      },
    },
  ];
}
