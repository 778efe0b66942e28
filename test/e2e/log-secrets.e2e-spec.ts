import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '../factories/pages';
import {
  AUTH,
  caller,
  createApiKey,
  registerAndLogin,
  settled,
  STRONG_PASSWORD,
  uniqueEmail,
} from '../factories/identity';
import { bootApp, TestApp } from '../support/app';
import { LogSink } from '../support/log-sink';

/**
 * Statements that fail carry their parameters (hashes, digests, emails) and PostgreSQL quotes
 * values in its messages. A trigger makes the database refuse the identity's writes, quoting
 * the secret values in its message and detail as a real constraint would; the log lines of the
 * 500s that follow must name the statement and the SQLSTATE, and nothing else.
 */
describe('no secret reaches a log line when a statement fails', () => {
  const sink = new LogSink();
  let t: TestApp;
  const call = caller(() => t.app);
  const secrets: string[] = [];

  beforeAll(async () => {
    t = await bootApp({ LOG_LEVEL: 'debug' }, { logDestination: sink });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs the failing flows', async () => {
    const ds = t.app.get(DataSource);
    const session = await registerAndLogin(t.app);
    const key = await createApiKey(t.app, session.access_token);
    const [{ password_hash: hash }] = await ds.query(`SELECT password_hash FROM users WHERE user_id = $1`, [
      session.user.id,
    ]);
    secrets.push(
      STRONG_PASSWORD,
      session.user.email,
      session.access_token,
      session.refresh_token,
      key.key,
      createHash('sha256').update(key.key).digest('hex'),
      hash,
    );

    await ds.query(`
      CREATE FUNCTION refuse_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'refused % for %', to_jsonb(NEW)::text, current_user
          USING ERRCODE = 'XX000', DETAIL = to_jsonb(NEW)::text;
      END $$`);
    for (const table of ['users', 'sessions', 'refresh_tokens', 'api_keys', 'one_time_tokens', 'mail_outbox']) {
      await ds.query(`CREATE TRIGGER refuse_${table} BEFORE INSERT OR UPDATE ON ${table}
                      FOR EACH ROW EXECUTE FUNCTION refuse_write()`);
    }
    try {
      const email = uniqueEmail('refused');
      const password = 'Refused-Horse-Battery-9!';
      secrets.push(email, password);
      const attempts = [
        await call('POST', `${AUTH}/register`, { payload: { email, password } }),
        await call('POST', `${AUTH}/login`, { payload: { email: session.user.email, password: STRONG_PASSWORD } }),
        await call('POST', `${AUTH}/refresh`, { payload: { refresh_token: session.refresh_token } }),
        await call('POST', `${AUTH}/api-keys`, {
          token: session.access_token,
          payload: { name: 'refused', scopes: ['read'] },
        }),
        await call('POST', `${AUTH}/change-password`, {
          token: session.access_token,
          payload: { old_password: STRONG_PASSWORD, new_password: 'Changed-Horse-Battery-7!' },
        }),
      ];
      secrets.push('Changed-Horse-Battery-7!');
      await call('POST', `${AUTH}/forgot-password`, { payload: { email: session.user.email } });
      await settled(t.app);
      for (const res of attempts) {
        expect(res.statusCode, res.body).toBe(500);
        expect(res.json()).toEqual({
          detail: 'An unexpected error occurred; it has been logged.',
          error_code: 'INTERNAL_ERROR',
        });
      }
      // Text the database cannot store never gets as far as a statement.
      const nul = await call('POST', PAGES, { token: session.access_token, payload: { title: `a\u0000${hash}` } });
      expect(nul.statusCode).toBe(400);
    } finally {
      for (const table of ['users', 'sessions', 'refresh_tokens', 'api_keys', 'one_time_tokens', 'mail_outbox']) {
        await ds.query(`DROP TRIGGER refuse_${table} ON ${table}`);
      }
      await ds.query(`DROP FUNCTION refuse_write()`);
    }
  });

  it('logs each failure with its statement shape and SQLSTATE', () => {
    const failures = sink.lines.filter(
      (l) => l.level === 50 && (l.err as { code?: string } | undefined)?.code === 'XX000',
    );
    // Five request errors and the background reset request.
    expect(failures.length).toBeGreaterThanOrEqual(6);
    for (const line of failures) {
      const err = line.err as Record<string, unknown>;
      expect(err.type).toBe('QueryFailedError');
      expect(err.statement).toMatch(/^(INSERT|UPDATE|WITH) /);
      expect(Object.keys(err).sort()).toEqual(expect.arrayContaining(['code', 'statement', 'type']));
      expect(err).not.toHaveProperty('parameters');
      expect(err).not.toHaveProperty('message');
      expect(err).not.toHaveProperty('detail');
    }
  });

  it('no line holds a password, email, token, key, digest or hash', () => {
    expect(secrets.length).toBeGreaterThanOrEqual(9);
    const everything = sink.raw.join('\n');
    for (const secret of secrets) expect(everything, secret.slice(0, 12)).not.toContain(secret);
    expect(everything).not.toContain('$argon2');
    expect(everything).not.toContain('"parameters"');
    expect(everything).not.toContain('refused {');
  });
});
