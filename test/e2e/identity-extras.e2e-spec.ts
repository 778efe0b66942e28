import bcrypt from 'bcryptjs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/config';
import { login, register, settled, STRONG_PASSWORD, uniqueEmail } from '../factories/identity';
import { PAGES } from '../factories/pages';
import { bootApp, createScratchDatabase, onPostgres, TEST_SECRET, TestApp } from '../support/app';

describe('legacy bcrypt hashes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('verify, and are replaced by argon2id at the next login', async () => {
    const user = await register(t.app);
    const ds = t.app.get(DataSource);
    const legacy = await bcrypt.hash('Legacy-Bcrypt-2019!', 10);
    await ds.query(`UPDATE users SET password_hash = $2 WHERE user_id = $1`, [user.id, legacy]);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/v1/auth/login',
          payload: { email: user.email, password: 'wrong-Pass-1!' },
        })
      ).statusCode,
    ).toBe(401);
    const ok = await login(t.app, user.email, 'Legacy-Bcrypt-2019!');
    expect(ok.access_token).toBeTruthy();
    const [row] = await ds.query(`SELECT password_hash FROM users WHERE user_id = $1`, [user.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await login(t.app, user.email, 'Legacy-Bcrypt-2019!')).access_token).toBeTruthy();
  });
});

describe('mail through SMTP (a real SMTP server on loopback)', () => {
  const received: Array<{ to: string; body: string }> = [];
  let smtp: SMTPServer;
  let t: TestApp;
  /** While set, the server holds every mail's DATA until the test releases it. */
  let hold: Promise<void> | undefined;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let body = '';
        stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
        stream.on('end', () => {
          void (hold ?? Promise.resolve()).then(() => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
            callback();
          });
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as { port: number }).port;
    t = await bootApp({ SMTP_URL: `smtp://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('sends the verification mail and marks it sent in the outbox', async () => {
    const email = uniqueEmail('smtp');
    await register(t.app, { email });
    await settled(t.app);
    const mail = received.find((m) => m.to === email);
    expect(mail?.body).toContain('Subject: Confirm your Ocean account');
    expect(mail?.body).toMatch(/ev_[A-Za-z0-9_-]{20}/);
    const rows = await t.app.get(DataSource).query(`SELECT sent_at FROM mail_outbox WHERE to_email = $1`, [email]);
    expect(rows).toHaveLength(1);
    expect(rows[0].sent_at).not.toBeNull();
  });

  it('forgot-password answers before the mail is sent, the same for a known and an unknown email', async () => {
    const email = uniqueEmail('held');
    await register(t.app, { email });
    await settled(t.app);
    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    try {
      const known = await t.app.inject({ method: 'POST', url: '/v1/auth/forgot-password', payload: { email } });
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/forgot-password',
        payload: { email: uniqueEmail('nobody') },
      });
      expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
      expect(known.body).toBe(unknown.body);
      // The SMTP server has not taken the mail yet: the answer did not wait for it.
      expect(received.filter((m) => m.to === email && m.body.includes('pr_'))).toHaveLength(0);
    } finally {
      release();
      hold = undefined;
    }
    await settled(t.app);
    expect(received.filter((m) => m.to === email && m.body.includes('pr_'))).toHaveLength(1);
  });
});

describe.skipIf(!onPostgres() || !process.env.REDIS_URL)('rate limits shared through Redis', () => {
  let apps: NestFastifyApplication[] = [];
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const scratch = await createScratchDatabase();
    drop = scratch.drop;
    const config = () =>
      loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        JWT_SECRET: TEST_SECRET,
        DATABASE_URL: scratch.url,
        REDIS_URL: process.env.REDIS_URL,
        RATE_LIMIT_PER_MINUTE: '6',
        AUTH_RATE_LIMIT_PER_MINUTE: '1000',
        AUTH_FAILURE_LIMIT_PER_MINUTE: '1000000',
      });
    apps = [await createApp(config()), await createApp(config())];
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await drop?.();
  });

  it('one caller has one budget across instances', async () => {
    const [a, b] = apps;
    // Its own address: other suites share 127.0.0.1 and this Redis, and this app's small
    // per-IP limit must not block them (nor they it).
    const ip = '10.77.0.1';
    const user = await register(a, { email: uniqueEmail('shared-budget'), password: STRONG_PASSWORD, ip });
    const { access_token } = await login(a, user.email, STRONG_PASSWORD, ip);
    const get = (app: NestFastifyApplication) =>
      app.inject({ method: 'GET', url: PAGES, headers: { authorization: `Bearer ${access_token}` } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(a)).statusCode, (await get(b)).statusCode);
    // 6 allowed in all, whichever instance answers; the 7th and 8th are refused.
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(statuses.slice(6)).toEqual([429, 429]);
  });
});
