import type { LightMyRequestResponse } from 'fastify';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, caller, mailedToken, uniqueEmail } from '../factories/identity';
import { PAGES } from '../factories/pages';
import { bootApp, TestApp } from '../support/app';
import { LogSink } from '../support/log-sink';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

// The only app of this file: nestjs-pino writes to the destination of a process's first app.
describe('identity: secrets stay out of answers and logs (LOG_LEVEL=debug)', () => {
  const sink = new LogSink();
  let t: TestApp;
  const call = caller(() => t.app);
  const answers: string[] = [];
  const secrets: Record<string, string> = {};

  const record = async (res: Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> => {
    const r = await res;
    answers.push(`${JSON.stringify(r.headers)}\n${r.body}`);
    return r;
  };

  beforeAll(async () => {
    t = await bootApp({ LOG_LEVEL: 'debug' }, { logDestination: sink });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs every flow that handles a secret', async () => {
    const email = uniqueEmail('secretive');
    secrets.password = 'Secret-Reef-Diver-41%';
    secrets.wrongPassword = 'Not-My-Reef-Diver-41%';
    secrets.newPassword = 'Renewed-Reef-Diver-52^';
    const reg = await record(
      call('POST', `${AUTH}/register`, { payload: { email, password: secrets.password, full_name: 'S. Ecret' } }),
    );
    expect(reg.statusCode).toBe(201);
    secrets.verifyToken = await mailedToken(t.app, email, 'ev_');
    expect(
      (await record(call('POST', `${AUTH}/verify-email`, { payload: { token: secrets.verifyToken } }))).statusCode,
    ).toBe(204);

    const wrong = await record(call('POST', `${AUTH}/login`, { payload: { email, password: secrets.wrongPassword } }));
    expect(wrong.statusCode).toBe(401);
    expect(
      (await record(call('POST', `${AUTH}/login`, { payload: { email: uniqueEmail(), password: secrets.password } })))
        .statusCode,
    ).toBe(401);
    const first = await record(
      call('POST', `${AUTH}/login`, {
        headers: FORM,
        payload: form({ username: email, password: secrets.password }),
      }),
    );
    expect(first.statusCode).toBe(200);
    secrets.access1 = first.json().access_token;
    secrets.refresh1 = first.json().refresh_token;

    const second = await record(call('POST', `${AUTH}/refresh`, { payload: { refresh_token: secrets.refresh1 } }));
    expect(second.statusCode).toBe(200);
    secrets.access2 = second.json().access_token;
    secrets.refresh2 = second.json().refresh_token;

    const created = await record(
      call('POST', `${AUTH}/api-keys`, { token: secrets.access2, payload: { name: 'ci', scopes: ['read', 'write'] } }),
    );
    expect(created.statusCode).toBe(201);
    secrets.apiKey = created.json().key;
    expect((await record(call('GET', `${AUTH}/api-keys`, { token: secrets.access2 }))).statusCode).toBe(200);
    expect((await record(call('GET', `${AUTH}/me`, { apiKey: secrets.apiKey }))).statusCode).toBe(200);
    expect((await record(call('GET', PAGES, { token: secrets.apiKey }))).statusCode).toBe(200);

    expect((await record(call('POST', `${AUTH}/forgot-password`, { payload: { email } }))).statusCode).toBe(202);
    secrets.resetToken = await mailedToken(t.app, email, 'pr_');
    const reset = await record(
      call('POST', `${AUTH}/reset-password`, {
        payload: { token: secrets.resetToken, new_password: secrets.newPassword },
      }),
    );
    expect(reset.statusCode).toBe(204);
    // A failed reset echoes nothing of what it was sent.
    expect(
      (
        await record(
          call('POST', `${AUTH}/reset-password`, {
            payload: { token: secrets.resetToken, new_password: secrets.newPassword },
          }),
        )
      ).statusCode,
    ).toBe(400);
    const third = await record(call('POST', `${AUTH}/login`, { payload: { email, password: secrets.newPassword } }));
    expect(third.statusCode).toBe(200);
    secrets.access3 = third.json().access_token;
    secrets.refresh3 = third.json().refresh_token;
    expect(
      (
        await record(
          call('POST', `${AUTH}/change-password`, {
            token: secrets.access3,
            payload: { old_password: secrets.wrongPassword, new_password: secrets.password },
          }),
        )
      ).statusCode,
    ).toBe(400);
    // A spent refresh token presented again (reuse) is logged as an event, not by value.
    expect(
      (await record(call('POST', `${AUTH}/refresh`, { payload: { refresh_token: secrets.refresh1 } }))).statusCode,
    ).toBe(401);
  });

  it('the database keeps only hashes', async () => {
    const ds = t.app.get(DataSource);
    const [user] = await ds.query(`SELECT password_hash FROM users WHERE full_name = 'S. Ecret'`);
    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const keys = await ds.query(`SELECT key_hash, prefix FROM api_keys`);
    expect(keys).toEqual([
      { key_hash: sha256(secrets.apiKey), prefix: secrets.apiKey.slice(0, keys[0].prefix.length) },
    ]);
    const tokens: Array<{ token_hash: string }> = await ds.query(`SELECT token_hash FROM refresh_tokens`);
    expect(tokens.map((r) => r.token_hash)).toContain(sha256(secrets.refresh1));
    const dump = JSON.stringify([
      await ds.query(`SELECT * FROM refresh_tokens`),
      await ds.query(`SELECT * FROM api_keys`),
      await ds.query(`SELECT * FROM one_time_tokens`),
      await ds.query(`SELECT * FROM users`),
    ]);
    for (const name of ['refresh1', 'refresh2', 'apiKey', 'verifyToken', 'resetToken', 'password', 'newPassword']) {
      expect(dump, name).not.toContain(secrets[name]);
    }
  });

  it('no answer holds a password, a hash, or the API key outside its creation', () => {
    expect(answers.length).toBeGreaterThan(10);
    const hashes = ['refresh1', 'refresh2', 'refresh3', 'apiKey', 'verifyToken', 'resetToken'].map((n) =>
      sha256(secrets[n]),
    );
    for (const [i, answer] of answers.entries()) {
      for (const name of ['password', 'wrongPassword', 'newPassword'])
        expect(answer, name).not.toContain(secrets[name]);
      expect(answer).not.toContain('$argon2');
      expect(answer).not.toMatch(/password_hash|key_hash|token_hash/);
      for (const hash of hashes) expect(answer).not.toContain(hash);
      expect(answer).not.toContain(secrets.verifyToken);
      expect(answer).not.toContain(secrets.resetToken);
      const createdKeyAnswer = answer.includes('"key":"sk_');
      if (!createdKeyAnswer) expect(answer, `answer ${i}`).not.toContain(secrets.apiKey);
    }
    expect(answers.filter((a) => a.includes(secrets.apiKey))).toHaveLength(1);
  });

  it('the logs hold no password, token, key or hash, but record the security events', () => {
    const text = sink.raw.join('\n');
    expect(sink.lines.length).toBeGreaterThan(10);
    // The debug level is on: the request lines are there.
    expect(text).toContain('/v1/auth/login');
    for (const [name, value] of Object.entries(secrets)) {
      expect(text, name).not.toContain(value);
      if (name.startsWith('access')) expect(text, `${name} signature`).not.toContain(value.split('.')[2]);
    }
    expect(text).not.toContain('$argon2');
    for (const name of ['refresh1', 'apiKey', 'resetToken']) expect(text).not.toContain(sha256(secrets[name]));

    const failed = sink.lines.filter((l) => l.event === 'login_failed');
    expect(failed.map((l) => l.reason).sort()).toEqual(['unknown_email', 'wrong_password']);
    expect(failed.every((l) => l.level === 40)).toBe(true);
    expect(sink.lines.some((l) => l.event === 'refresh_token_reused')).toBe(true);
    expect(sink.lines.some((l) => l.event === 'password_reset')).toBe(true);
    expect(sink.lines.some((l) => l.event === 'change_password_failed')).toBe(true);
  });
});
