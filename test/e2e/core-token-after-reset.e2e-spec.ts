import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '../factories/pages';
import { AUTH, caller, mailedToken, registerAndLogin } from '../factories/identity';
import { bootApp, TEST_SECRET, TestApp } from '../support/app';

/**
 * API.md: tokens of the existing core carry only sub, email, role, exp (no iat) and must work.
 * A password reset's cut-off must not refuse such tokens minted after it (it lives for the
 * refresh-token lifetime), only those that could have been issued before it.
 */
const KEY = new TextEncoder().encode(TEST_SECRET);
let t: TestApp;
const call = caller(() => t.app);

describe('core-style tokens minted after a password reset', () => {
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a core token without iat whose lifetime starts after the reset is accepted', async () => {
    const session = await registerAndLogin(t.app);
    const { id, email } = session.user;
    await call('POST', `${AUTH}/forgot-password`, { payload: { email } });
    const token = await mailedToken(t.app, email, 'pr_');
    const reset = await call('POST', `${AUTH}/reset-password`, {
      payload: { token, new_password: 'N3w-Horse-Battery!' },
    });
    expect(reset.statusCode).toBe(204);
    // Minted after the reset. Assumes core tokens live no longer than the access lifetime
    // (30 min by default; a config knob would make it explicit): an iat-less token whose exp
    // lies past cut-off + that lifetime cannot have been issued before the reset.
    const exp = Math.floor(Date.now() / 1000) + 2 * 3600;
    const core = await new SignJWT({ sub: id, email, role: 'user', exp })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(KEY);
    const res = await call('GET', PAGES, { token: core });
    expect(res.statusCode, res.body).toBe(200);
  });
});
