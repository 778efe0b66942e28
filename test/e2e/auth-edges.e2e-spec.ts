import { compactVerify, SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '../factories/pages';
import {
  AUTH,
  caller,
  createApiKey,
  expectError,
  expectRevoked,
  login,
  mailedToken,
  register,
  registerAndLogin,
  STRONG_PASSWORD,
  uniqueEmail,
} from '../factories/identity';
import { jtiKey } from '../../src/auth/revocation-keys';
import { RevocationStore } from '../../src/auth/revocation.store';
import { bootApp, TEST_SECRET, TestApp } from '../support/app';
import { Db } from '../../src/database/db';

const NEW_PASSWORD = 'N3w-Horse-Battery!';
const KEY = new TextEncoder().encode(TEST_SECRET);
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A token as the older core signs it: only sub, email, role, exp (and iat when given). */
async function coreStyleToken(sub: string, options: { iat?: number; email?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    sub,
    email: options.email ?? 'core@example.com',
    role: 'user',
    exp: now + 600,
  };
  if (options.iat !== undefined) claims.iat = options.iat;
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(KEY);
}

/** The other spellings of a token whose signature's last character carries spare bits. */
function respellings(token: string): string[] {
  const [h, p, s] = token.split('.');
  const last = BASE64URL.indexOf(s[s.length - 1]);
  const spare = s.length % 4 === 2 ? 0x0f : 0x03;
  const out: string[] = [];
  for (let bits = 1; bits <= spare; bits++) {
    out.push(`${h}.${p}.${s.slice(0, -1)}${BASE64URL[(last & ~spare) | bits]}`);
  }
  return out;
}

describe('auth edges: revocation keys, password reset and change', () => {
  let t: TestApp;
  const call = caller(() => t.app);

  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a core-style token without jti cannot escape its logout by a re-spelled signature', async () => {
    const token = await coreStyleToken('core-user-respell');
    const others = respellings(token);
    expect(others.length).toBeGreaterThan(0);
    // The re-spellings really are valid signatures of the same bytes: only their text differs.
    for (const other of others) await expect(compactVerify(other, KEY)).resolves.toBeDefined();
    expect((await call('GET', PAGES, { token })).statusCode).toBe(200);
    for (const other of others) expectError(await call('GET', PAGES, { token: other }), 401, 'INVALID_TOKEN');
    expect((await call('POST', `${AUTH}/logout`, { token })).statusCode).toBe(204);
    expectRevoked(await call('GET', PAGES, { token }));
    for (const other of others) expect((await call('GET', PAGES, { token: other })).statusCode).toBe(401);
  });

  it('logout of a token with an over-long jti and sid revokes it in memory and in the table alike', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({
      sub: 'long-claims',
      organization_id: 'org-long',
      jti: 'j'.repeat(300),
      sid: 's'.repeat(300),
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(KEY);
    expect((await call('GET', PAGES, { token })).statusCode).toBe(200);
    expect((await call('POST', `${AUTH}/logout`, { token })).statusCode).toBe(204);
    expectRevoked(await call('GET', PAGES, { token }));
    const rows: Array<{ key: string }> = await t.app
      .get(DataSource)
      .query(`SELECT key FROM revocations WHERE key LIKE 'jti:%' AND length(key) <= 200`);
    expect(rows.map((r) => r.key)).toContainEqual(expect.stringMatching(/^jti:sha256:[0-9a-f]{64}$/));
  });

  it('a revocation takes effect in memory only when its transaction commits', async () => {
    const store = t.app.get(RevocationStore);
    const ds = t.app.get(DataSource);
    const db = t.app.get(Db);
    const expiresAt = Date.now() / 1000 + 600;
    const probe = (jti: string) => ({ tokenId: jti, userId: 'u', via: 'jwt' as const });
    await expect(
      db.unitOfWork(async () => {
        await store.revoke([{ key: jtiKey('rolled-back'), expiresAt }]);
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(store.isRevoked(probe('rolled-back'))).toBe(false);
    expect(await ds.query(`SELECT key FROM revocations WHERE key = $1`, [jtiKey('rolled-back')])).toHaveLength(0);
    await db.unitOfWork(() => store.revoke([{ key: jtiKey('committed'), expiresAt }]));
    expect(store.isRevoked(probe('committed'))).toBe(true);
    expect(await ds.query(`SELECT key FROM revocations WHERE key = $1`, [jtiKey('committed')])).toHaveLength(1);
  });

  it('a password reset revokes sessions, every token issued before it (core-style too), spends sibling tokens, keeps API keys', async () => {
    const session = await registerAndLogin(t.app);
    const { user } = session;
    const key = await createApiKey(t.app, session.access_token);
    const before = await coreStyleToken(user.id, { iat: Math.floor(Date.now() / 1000) - 5, email: user.email });
    const noIat = await coreStyleToken(user.id, { email: user.email });
    for (const token of [session.access_token, before, noIat])
      expect((await call('GET', PAGES, { token })).statusCode).toBe(200);

    await call('POST', `${AUTH}/forgot-password`, { payload: { email: user.email } });
    const first = await mailedToken(t.app, user.email, 'pr_');
    await call('POST', `${AUTH}/forgot-password`, { payload: { email: user.email } });
    const second = await mailedToken(t.app, user.email, 'pr_');
    expect(second).not.toBe(first);

    const reset = await call('POST', `${AUTH}/reset-password`, {
      payload: { token: second, new_password: NEW_PASSWORD },
    });
    expect(reset.statusCode).toBe(204);
    expectRevoked(await call('GET', PAGES, { token: session.access_token }));
    expectRevoked(await call('GET', PAGES, { token: before }));
    expectRevoked(await call('GET', PAGES, { token: noIat }));
    // The sibling reset token is spent too.
    expectError(
      await call('POST', `${AUTH}/reset-password`, {
        payload: { token: first, new_password: 'An0ther-Horse-Battery!' },
      }),
      400,
      'INVALID_ONE_TIME_TOKEN',
    );
    // Tokens issued after the reset work; so does the API key, by default.
    const after = await coreStyleToken(user.id, { iat: Math.floor(Date.now() / 1000) + 1, email: user.email });
    expect((await call('GET', PAGES, { token: after })).statusCode).toBe(200);
    expect((await call('GET', PAGES, { apiKey: key.key })).statusCode).toBe(200);
    const fresh = await login(t.app, user.email, NEW_PASSWORD);
    expect((await call('GET', PAGES, { token: fresh.access_token })).statusCode).toBe(200);
  });

  it('the cut-off holds for every spelling of the subject and for a fractional iat', async () => {
    const session = await registerAndLogin(t.app);
    const { user } = session;
    const now = Math.floor(Date.now() / 1000);
    const upper = await coreStyleToken(user.id.toUpperCase(), { iat: now - 5, email: user.email });
    const fractional = await coreStyleToken(user.id, { iat: now + 0.005, email: user.email });
    for (const token of [upper, fractional]) expect((await call('GET', PAGES, { token })).statusCode).toBe(200);
    await call('POST', `${AUTH}/forgot-password`, { payload: { email: user.email } });
    const token = await mailedToken(t.app, user.email, 'pr_');
    expect(
      (await call('POST', `${AUTH}/reset-password`, { payload: { token, new_password: NEW_PASSWORD } })).statusCode,
    ).toBe(204);
    expectRevoked(await call('GET', PAGES, { token: upper }));
    expectRevoked(await call('GET', PAGES, { token: fractional }));
  });

  it('a reset with revoke_api_keys revokes the API keys too', async () => {
    const session = await registerAndLogin(t.app);
    const key = await createApiKey(t.app, session.access_token);
    await call('POST', `${AUTH}/forgot-password`, { payload: { email: session.user.email } });
    const token = await mailedToken(t.app, session.user.email, 'pr_');
    const reset = await call('POST', `${AUTH}/reset-password`, {
      payload: { token, new_password: NEW_PASSWORD, revoke_api_keys: true },
    });
    expect(reset.statusCode).toBe(204);
    expect((await call('GET', PAGES, { apiKey: key.key })).statusCode).toBe(401);
  });

  it('change-password keeps the caller’s session and revokes the others and older core-style tokens', async () => {
    const email = uniqueEmail('change');
    await register(t.app, { email });
    const mine = await login(t.app, email);
    const other = await login(t.app, email);
    const core = await coreStyleToken(mine.user.id, { iat: Math.floor(Date.now() / 1000) - 5, email });
    const res = await call('POST', `${AUTH}/change-password`, {
      token: mine.access_token,
      payload: { old_password: STRONG_PASSWORD, new_password: NEW_PASSWORD },
    });
    expect(res.statusCode).toBe(204);
    expect((await call('GET', PAGES, { token: mine.access_token })).statusCode).toBe(200);
    expectRevoked(await call('GET', PAGES, { token: other.access_token }));
    expectRevoked(await call('GET', PAGES, { token: core }));
    const refreshed = await call('POST', `${AUTH}/refresh`, { payload: { refresh_token: mine.refresh_token } });
    expect(refreshed.statusCode).toBe(200);
    expect(
      (await call('POST', `${AUTH}/refresh`, { payload: { refresh_token: other.refresh_token } })).statusCode,
    ).toBe(401);
  });
});

describe('auth edges: lockout counts change-password and never trips on concurrent correct sign-ins', () => {
  let t: TestApp;
  const call = caller(() => t.app);

  beforeAll(async () => {
    t = await bootApp({ MAX_LOGIN_ATTEMPTS: '3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a wrong old password counts toward the lockout like a failed sign-in', async () => {
    const session = await registerAndLogin(t.app);
    for (let i = 0; i < 3; i++) {
      const res = await call('POST', `${AUTH}/change-password`, {
        token: session.access_token,
        payload: { old_password: `Wrong-${i}-Password!`, new_password: NEW_PASSWORD },
      });
      expectError(res, 400, 'VALIDATION_FAILED');
    }
    const right = await call('POST', `${AUTH}/change-password`, {
      token: session.access_token,
      payload: { old_password: STRONG_PASSWORD, new_password: NEW_PASSWORD },
    });
    expectError(right, 423, 'ACCOUNT_LOCKED');
    expectError(
      await call('POST', `${AUTH}/login`, { payload: { email: session.user.email, password: STRONG_PASSWORD } }),
      423,
      'ACCOUNT_LOCKED',
    );
  });

  it('more concurrent correct sign-ins than MAX_LOGIN_ATTEMPTS all succeed', async () => {
    const user = await register(t.app);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        call('POST', `${AUTH}/login`, { payload: { email: user.email, password: STRONG_PASSWORD } }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
  });

  it('concurrent guesses still get exactly MAX_LOGIN_ATTEMPTS password checks', async () => {
    const user = await register(t.app);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call('POST', `${AUTH}/login`, { payload: { email: user.email, password: `Guess-${i}-Password!` } }),
      ),
    );
    const codes = results.map((r) => r.json<{ error_code: string }>().error_code);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(3);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(9);
    expectError(
      await call('POST', `${AUTH}/login`, { payload: { email: user.email, password: STRONG_PASSWORD } }),
      423,
      'ACCOUNT_LOCKED',
    );
  });
});

describe('auth edges: failed authentication is rate limited per IP', () => {
  let t: TestApp;
  const call = caller(() => t.app);

  beforeAll(async () => {
    t = await bootApp({ AUTH_FAILURE_LIMIT_PER_MINUTE: '5', AUTH_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a client that sends more bad credentials than the budget gets 429 before the guard, even with a good one', async () => {
    const session = await registerAndLogin(t.app, { ip: '10.9.0.1' });
    const ip = '10.9.0.2';
    for (let i = 0; i < 5; i++) {
      expectError(await call('GET', PAGES, { apiKey: `sk_${'x'.repeat(30)}${i}`, ip }), 401, 'INVALID_TOKEN');
    }
    const limited = await call('GET', PAGES, { token: 'a.b.c', ip });
    expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expectError(await call('GET', PAGES, { token: session.access_token, ip }), 429, 'RATE_LIMITED');
    // Another address is not affected; a request without any credential is not a guess.
    expect((await call('GET', PAGES, { token: session.access_token, ip: '10.9.0.3' })).statusCode).toBe(200);
    for (let i = 0; i < 8; i++) expectError(await call('GET', PAGES, { ip: '10.9.0.4' }), 401, 'UNAUTHENTICATED');
    expect((await call('GET', PAGES, { token: session.access_token, ip: '10.9.0.4' })).statusCode).toBe(200);
  });

  it('refresh, reset-password and verify-email share the per-IP auth budget', async () => {
    for (const [route, payload] of [
      ['refresh', { refresh_token: 'rt_nope' }],
      ['reset-password', { token: 'pr_nope', new_password: NEW_PASSWORD }],
      ['verify-email', { token: 'ev_nope' }],
    ] as const) {
      const ip = `10.9.1.${route.length}`;
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await call('POST', `${AUTH}/${route}`, { payload, ip })).statusCode);
      expect(
        codes.slice(0, 3).every((c) => c === 400 || c === 401),
        `${route}: ${codes.join(',')}`,
      ).toBe(true);
      expect(codes[3], route).toBe(429);
    }
  });
});
