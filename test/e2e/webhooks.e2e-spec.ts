import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DNS_RESOLVER, type DnsResolver } from '../../src/webhooks/webhook-targets';
import { createApiKey, registerAndLogin } from '../factories/identity';
import { createPage } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, onPostgres, TestApp } from '../support/app';
import { Reply, send } from '../support/http';
import { WebhookReceiver } from '../support/webhook-receiver';

const WEBHOOKS = '/api/v1/ocean/webhooks';
const SECRET_KEY = 'webhook-secret-key-for-the-suite-0123456789abcdef';

/** Fast retries, loopback receivers allowed, http allowed (development). */
const ENV = {
  NODE_ENV: 'development',
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_SECRET_KEY: SECRET_KEY,
  WEBHOOK_RETRY_BASE_MS: '150',
  WEBHOOK_TIMEOUT_MS: '1000',
  JOB_POLL_MS: '50',
  LOG_LEVEL: process.env.HOOK_LOG ?? 'silent',
};

interface DeliveryJson {
  delivery_id: string;
  event_id: string | null;
  event_type: string;
  status: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
}

async function until<T>(read: () => Promise<T>, ready: (value: T) => boolean, ms = 10_000, what = 'it'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ready(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const verify = (secret: string, body: string, header: string | string[] | undefined): boolean => {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(header));
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest('hex');
  return expected === match[2] && Math.abs(Number(match[1]) - Date.now() / 1000) < 60;
};

describe('webhooks', () => {
  let t: TestApp;
  const receivers: WebhookReceiver[] = [];
  const org = `org-hooks-${Date.now()}`;
  let token: string;
  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    as = token,
  ): Promise<Reply> => send(t.app, method, url, { token: as, payload });
  const receiver = async (): Promise<{ r: WebhookReceiver; url: string }> => {
    const r = new WebhookReceiver();
    receivers.push(r);
    return { r, url: await r.start() };
  };
  const register = async (url: string, types?: string[], as = token) => {
    const res = await call('POST', WEBHOOKS, { url, ...(types ? { types } : {}) }, as);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { webhook_id: string; secret: string };
  };
  const deliveries = async (id: string, as = token): Promise<DeliveryJson[]> =>
    (await call('GET', `${WEBHOOKS}/${id}/deliveries`, undefined, as)).body.deliveries as DeliveryJson[];

  beforeAll(async () => {
    t = await bootApp(ENV);
    token = await signToken({ org, user: 'hank' });
  });
  afterAll(async () => {
    for (const r of receivers) await r.stop();
    await t?.close();
  });

  it('registers, reads, changes and deletes a webhook; the secret is shown once and kept encrypted', async () => {
    const { url } = await receiver();
    const created = await call('POST', WEBHOOKS, { url, types: ['page.created'], description: 'mirror' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: `${url}/`,
      types: ['page.created'],
      description: 'mirror',
      enabled: true,
      disabled_reason: null,
      organization_id: org,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
    });
    const id = created.body.webhook_id as string;
    const read = await call('GET', `${WEBHOOKS}/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.secret).toBeUndefined();
    expect(JSON.stringify(read.body)).not.toContain(created.body.secret);
    const [row] = await t.app.get(DataSource).query(`SELECT * FROM webhooks WHERE webhook_id = $1`, [id]);
    expect(JSON.stringify(row)).not.toContain(created.body.secret);
    expect(row.secret_ciphertext).toMatch(/^v1\./);
    const list = await call('GET', WEBHOOKS);
    expect(list.body.webhooks.map((w: { webhook_id: string }) => w.webhook_id)).toContain(id);
    const changed = await call('PUT', `${WEBHOOKS}/${id}`, { types: [], enabled: false, description: null });
    expect(changed.body).toMatchObject({ types: [], enabled: false, description: null });
    expect((await call('PUT', `${WEBHOOKS}/${id}`, {})).body.error_code).toBe('EMPTY_UPDATE');
    expect((await call('DELETE', `${WEBHOOKS}/${id}`)).status).toBe(204);
    expect((await call('GET', `${WEBHOOKS}/${id}`)).status).toBe(404);
    expect((await call('DELETE', `${WEBHOOKS}/${id}`)).status).toBe(404);
  });

  it('keeps an organization’s webhooks its own, and needs the write scope even to read them', async () => {
    const { url } = await receiver();
    const { webhook_id: id } = await register(url);
    const other = await signToken({ org: `${org}-other`, user: 'oscar' });
    for (const [method, path] of [
      ['GET', `${WEBHOOKS}/${id}`],
      ['PUT', `${WEBHOOKS}/${id}`],
      ['DELETE', `${WEBHOOKS}/${id}`],
      ['GET', `${WEBHOOKS}/${id}/deliveries`],
      ['POST', `${WEBHOOKS}/${id}/test`],
    ] as const) {
      const res = await call(method, path, method === 'PUT' ? { enabled: false } : undefined, other);
      expect([method, path, res.status, res.body.error_code]).toEqual([method, path, 404, 'WEBHOOK_NOT_FOUND']);
    }
    expect((await call('GET', WEBHOOKS, undefined, other)).body).toEqual({ webhooks: [], total: 0 });
    const session = await registerAndLogin(t.app);
    const readOnly = await createApiKey(t.app, session.access_token, ['read']);
    const res = await send(t.app, 'GET', WEBHOOKS, { apiKey: readOnly.key });
    expect([res.status, res.body.error_code]).toEqual([403, 'FORBIDDEN']);
    expect((await call('GET', `${WEBHOOKS}/${id}`)).body.enabled).toBe(true);
  });

  it('refuses bad input with a 400 and creates nothing', async () => {
    const before = (await call('GET', WEBHOOKS)).body.total as number;
    const bad: unknown[] = [
      {},
      { url: 7 },
      { url: '' },
      { url: 'not a url' },
      { url: 'ftp://example.com/x' },
      { url: 'http://user:pass@127.0.0.1/x' },
      { url: `http://127.0.0.1/${'a'.repeat(2100)}` },
      { url: 'http://127.0.0.1/\u0000' },
      { url: 'http://127.0.0.1/\ud800' },
      { url: 'http://127.0.0.1/', types: ['page.exploded'] },
      { url: 'http://127.0.0.1/', types: 'page.created' },
      { url: 'http://127.0.0.1/', description: 'x'.repeat(501) },
    ];
    for (const payload of bad) {
      const res = await call('POST', WEBHOOKS, payload);
      expect([JSON.stringify(payload).slice(0, 60), res.status]).toEqual([JSON.stringify(payload).slice(0, 60), 400]);
      expect(res.body.error_code).toEqual(expect.any(String));
    }
    expect((await call('GET', WEBHOOKS)).body.total).toBe(before);
  });

  it('delivers each event once, signed, with the event as GET /events renders it', async () => {
    const { r, url } = await receiver();
    const { webhook_id: id, secret } = await register(url, ['page.created']);
    const page = await createPage(t.app, token, { title: 'Hooked' });
    await call('PUT', `/api/v1/ocean/pages/${page.page_id}`, { title: 'not sent: not a type asked for' });
    await until(
      () => Promise.resolve(r.received.length),
      (n) => n >= 1,
      10_000,
      'the delivery',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.received).toHaveLength(1);
    const [got] = r.received;
    expect(verify(secret, got.body, got.headers['ocean-signature'])).toBe(true);
    expect(verify('whsec_wrong', got.body, got.headers['ocean-signature'])).toBe(false);
    const body = JSON.parse(got.body) as { event_id: string };
    const listed = await call(
      'GET',
      `/api/v1/ocean/events?after=${String(Number(body.event_id) - 1).padStart(16, '0')}&limit=1`,
    );
    expect(body).toEqual(listed.body.events[0]);
    expect(body).toMatchObject({ type: 'page.created', data: page });
    expect(got.headers['ocean-event-id']).toBe(body.event_id);
    expect(got.headers['content-type']).toBe('application/json');
    const log = await deliveries(id);
    expect(log).toEqual([
      expect.objectContaining({
        delivery_id: got.headers['ocean-delivery-id'],
        event_id: body.event_id,
        event_type: 'page.created',
        status: 'delivered',
        attempts: 1,
        last_status: 200,
        next_attempt_at: null,
      }),
    ]);
  });

  it('connects to the address it checked, never resolving the name again', async () => {
    const { r, url } = await receiver();
    const port = new URL(url).port;
    // Only Ocean's resolver knows this name; the system's would not find it.
    const resolver = t.app.get<DnsResolver>(DNS_RESOLVER);
    const system = resolver.lookup;
    resolver.lookup = (host) => (host === 'pinned.example' ? Promise.resolve(['127.0.0.1']) : system(host));
    try {
      const { webhook_id: id } = await register(`http://pinned.example:${port}/in`, ['page.created']);
      await createPage(t.app, token, { title: 'pinned' });
      const log = await until(
        () => deliveries(id),
        (d) => d[0]?.status === 'delivered',
        10_000,
        'the delivery',
      );
      expect(log[0].attempts).toBe(1);
      expect(r.received[0].headers.host).toBe(`pinned.example:${port}`);
    } finally {
      resolver.lookup = system;
    }
  });

  it('retries a failing receiver with backoff: failing twice then succeeding, it gets the event three times', async () => {
    const { r, url } = await receiver();
    r.script = [500, 503];
    const { webhook_id: id } = await register(url, ['page.created']);
    await createPage(t.app, token, { title: 'Third time lucky' });
    const log = await until(
      () => deliveries(id),
      (d) => d[0]?.status === 'delivered',
      15_000,
      'the third attempt',
    );
    expect(log[0]).toMatchObject({ attempts: 3, last_status: 200, status: 'delivered' });
    expect(r.received).toHaveLength(3);
    const ids = r.received.map((x) => x.headers['ocean-event-id']);
    expect(new Set(ids).size).toBe(1);
    expect(new Set(r.received.map((x) => x.headers['ocean-delivery-id'])).size).toBe(1);
    // Backoff: the attempts are spread out, not back to back.
    expect(r.received[2].at - r.received[0].at).toBeGreaterThanOrEqual(150);
  });

  it('keeps the order per webhook: nothing after a failing event goes out before it', async () => {
    const { r, url } = await receiver();
    r.script = [500, 500];
    const { webhook_id: id } = await register(url, ['page.created']);
    for (let i = 0; i < 4; i++) await createPage(t.app, token, { title: `ordered ${i}` });
    await until(
      () => deliveries(id),
      (d) => d.length === 4 && d.every((x) => x.status === 'delivered'),
      15_000,
      'all four',
    );
    const titles = r.bodies().map((b) => (b.data as { title: string }).title);
    expect(titles).toEqual(['ordered 0', 'ordered 0', 'ordered 0', 'ordered 1', 'ordered 2', 'ordered 3']);
  });

  it('sends a webhook.test event on request, and follows no redirect', async () => {
    const behind = await receiver();
    const { r, url } = await receiver();
    const { webhook_id: id } = await register(url);
    expect((await call('POST', `${WEBHOOKS}/${id}/test`)).body).toEqual({ webhook_id: id, queued: true });
    await until(
      () => Promise.resolve(r.received.length),
      (n) => n === 1,
      10_000,
      'the test event',
    );
    expect(r.bodies()[0]).toMatchObject({ type: 'webhook.test', resource_id: id, data: { webhook_id: id } });
    // A receiver that redirects (here, to another loopback server): not followed, a failure.
    r.fallback = { redirect: `${behind.url}/elsewhere` };
    await call('POST', `${WEBHOOKS}/${id}/test`);
    const log = await until(
      () => deliveries(id),
      (d) => d[0]?.attempts >= 1 && d[0].status === 'pending',
      10_000,
      'a failed attempt',
    );
    expect(log[0]).toMatchObject({
      last_status: 302,
      last_error: expect.stringContaining('redirects are not followed'),
    });
    expect(behind.r.received).toHaveLength(0);
    await call('PUT', `${WEBHOOKS}/${id}`, { enabled: false });
    expect((await call('POST', `${WEBHOOKS}/${id}/test`)).status).toBe(409);
  });

  it('gives a receiver 10 s (here 1 s), reads at most 64 KiB of its answer', async () => {
    const { r, url } = await receiver();
    r.script = ['hang', { status: 200, bodyBytes: 5 * 1024 * 1024 }];
    const { webhook_id: id } = await register(url, ['page.created']);
    await createPage(t.app, token, { title: 'patient' });
    const log = await until(
      () => deliveries(id),
      (d) => d[0]?.status === 'delivered',
      15_000,
      'the delivery',
    );
    expect(log[0].attempts).toBe(2);
    expect(r.received).toHaveLength(2);
  });

  it('sends what waited while it was paused as soon as it is enabled again', async () => {
    const { r, url } = await receiver();
    r.fallback = 500;
    const { webhook_id: id } = await register(url, ['page.created']);
    await createPage(t.app, token, { title: 'held' });
    await until(
      () => deliveries(id),
      (d) => d[0]?.attempts >= 1,
      10_000,
      'a failed attempt',
    );
    expect((await call('PUT', `${WEBHOOKS}/${id}`, { enabled: false })).status).toBe(200);
    // Paused: the runner lets the job go; the delivery waits.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const attempts = (await deliveries(id))[0].attempts;
    r.fallback = 200;
    expect((await call('PUT', `${WEBHOOKS}/${id}`, { enabled: true })).status).toBe(200);
    const log = await until(
      () => deliveries(id),
      (d) => d[0]?.status === 'delivered',
      10_000,
      'the held delivery',
    );
    expect(log[0].attempts).toBe(attempts + 1);
  });

  it('lets writes go on while webhooks are deleted under them, and caps an organization at 25', async () => {
    const as = await signToken({ org: `${org}-churn`, user: 'chu' });
    const { url } = await receiver();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await register(url, undefined, as)).webhook_id);
    const writes = Array.from({ length: 30 }, (_, i) =>
      call('POST', '/api/v1/ocean/pages', { title: `churn ${i}` }, as),
    );
    const deletes = ids.map((id) => call('DELETE', `${WEBHOOKS}/${id}`, undefined, as));
    const [written, deleted] = await Promise.all([Promise.all(writes), Promise.all(deletes)]);
    expect(written.map((w) => w.status)).toEqual(written.map(() => 201));
    expect(deleted.map((d) => d.status)).toEqual(deleted.map(() => 204));
    for (let i = 0; i < 25; i++) await register(url, undefined, as);
    const over = await call('POST', WEBHOOKS, { url }, as);
    expect([over.status, over.body.error_code]).toEqual([409, 'TOO_MANY_WEBHOOKS']);
  });

  it('disables a webhook after 24 h of failures, with its reason', async () => {
    const { r, url } = await receiver();
    r.fallback = 500;
    const { webhook_id: id } = await register(url, ['page.created']);
    await createPage(t.app, token, { title: 'doomed' });
    await until(
      () => deliveries(id),
      (d) => d[0]?.attempts >= 1,
      10_000,
      'a first failure',
    );
    // As if it had been failing since yesterday.
    await t.app
      .get(DataSource)
      .query(`UPDATE webhooks SET failing_since = now() - interval '25 hours' WHERE webhook_id = $1`, [id]);
    const hook = await until(
      async () => (await call('GET', `${WEBHOOKS}/${id}`)).body,
      (w) => w.enabled === false,
      10_000,
      'the webhook disabled',
    );
    expect(hook.disabled_reason).toMatch(/24 hours.*answered 500/);
    expect((await deliveries(id))[0]).toMatchObject({ status: 'failed', last_status: 500 });
    // Enabling it again starts afresh.
    const again = await call('PUT', `${WEBHOOKS}/${id}`, { enabled: true });
    expect(again.body).toMatchObject({ enabled: true, disabled_reason: null });
  });
});

describe('webhooks: outbound safety with WEBHOOK_ALLOW_PRIVATE off', () => {
  let t: TestApp;
  let token: string;
  const names = new Map<string, string[]>();

  beforeAll(async () => {
    t = await bootApp({ ...ENV, WEBHOOK_ALLOW_PRIVATE: 'false' });
    token = await signToken({ org: `org-ssrf-${Date.now()}`, user: 'sid' });
    // The network's edge: names resolve as the spec says (as a DNS server of an attacker would).
    const resolver = t.app.get<DnsResolver>(DNS_RESOLVER);
    resolver.lookup = (host) => {
      const found = names.get(host);
      return found ? Promise.resolve(found) : Promise.reject(new Error('ENOTFOUND'));
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses loopback, private, link-local, CGNAT and metadata targets, by address or by name', async () => {
    names.set('loopback.example', ['127.0.0.1']);
    names.set('mixed.example', ['93.184.216.34', '10.1.2.3']);
    names.set('v6-loopback.example', ['::1']);
    const targets = [
      'http://127.0.0.1:8080/hook',
      'http://127.1/hook',
      'http://2130706433/hook',
      'http://0x7f000001/hook',
      'http://10.0.0.5/hook',
      'http://172.16.3.4/hook',
      'http://192.168.1.1/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/hook',
      'http://0.0.0.0/hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[fd00::1]/hook',
      'http://[fe80::1]/hook',
      'http://localhost/hook',
      'http://loopback.example/hook',
      'http://mixed.example/hook',
      'http://v6-loopback.example/hook',
      'http://unresolvable.example/hook',
    ];
    for (const url of targets) {
      const res = await send(t.app, 'POST', WEBHOOKS, { token, payload: { url } });
      expect([url, res.status, res.body.error_code]).toEqual([url, 400, 'WEBHOOK_TARGET_FORBIDDEN']);
    }
    expect((await send(t.app, 'GET', WEBHOOKS, { token })).body.total).toBe(0);
  });

  it('checks again before each delivery, and refuses a name that now resolves to loopback (DNS rebinding)', async () => {
    names.set('rebind.example', ['93.184.216.34']);
    const created = await send(t.app, 'POST', WEBHOOKS, { token, payload: { url: 'http://rebind.example/hook' } });
    expect(created.status).toBe(201);
    names.set('rebind.example', ['127.0.0.1']);
    await createPage(t.app, token, { title: 'rebound' });
    const id = created.body.webhook_id as string;
    const log = await until(
      async () =>
        (await send(t.app, 'GET', `${WEBHOOKS}/${id}/deliveries`, { token })).body.deliveries as DeliveryJson[],
      (d) => d[0]?.attempts >= 1,
      10_000,
      'an attempt',
    );
    expect(log[0]).toMatchObject({ status: 'pending', last_status: null });
    expect(log[0].last_error).toMatch(/^WEBHOOK_TARGET_FORBIDDEN: .*public addresses only/);
  });
});

describe('webhooks: https outside development', () => {
  it('refuses an http target when NODE_ENV is not development, and creating needs WEBHOOK_SECRET_KEY in production', async () => {
    const t = await bootApp({ WEBHOOK_SECRET_KEY: SECRET_KEY });
    try {
      const token = await signToken({ org: 'org-https-only', user: 'hugo' });
      const res = await send(t.app, 'POST', WEBHOOKS, { token, payload: { url: 'http://93.184.216.34/hook' } });
      expect([res.status, res.body.error_code]).toEqual([400, 'WEBHOOK_TARGET_FORBIDDEN']);
      expect(res.body.detail).toContain('https');
    } finally {
      await t.close();
    }
  });
});

describe('webhooks: a restart in the middle of retries loses nothing', () => {
  it('goes on after a restart with the delivery it was retrying', async () => {
    const dir = onPostgres() ? undefined : mkdtempSync(join(tmpdir(), 'ocean-hooks-'));
    const r = new WebhookReceiver();
    const url = await r.start();
    r.fallback = 500;
    const first = await bootApp({ ...ENV, ...(dir ? { DATA_DIR: dir } : {}) });
    let second: TestApp | undefined;
    try {
      const token = await signToken({ org: `org-restart-${Date.now()}`, user: 'rex' });
      const created = await send(first.app, 'POST', WEBHOOKS, { token, payload: { url, types: ['page.created'] } });
      expect(created.status).toBe(201);
      await createPage(first.app, token, { title: 'survivor' });
      await until(
        () => Promise.resolve(r.received.length),
        (n) => n >= 2,
        10_000,
        'two failed attempts',
      );
      const databaseUrl = first.databaseUrl;
      // Stopped mid-retry; the database (and its job and delivery rows) stays.
      await first.app.close();
      const failedBefore = r.received.length;
      r.fallback = 200;
      second = await bootApp({ ...ENV, ...(dir ? { DATA_DIR: dir } : { DATABASE_URL: databaseUrl! }) });
      const log = await until(
        async () =>
          (await send(second!.app, 'GET', `${WEBHOOKS}/${created.body.webhook_id}/deliveries`, { token })).body
            .deliveries as DeliveryJson[],
        (d) => d[0]?.status === 'delivered',
        15_000,
        'the delivery after the restart',
      );
      expect(log[0].attempts).toBe(failedBefore + 1);
      expect(r.bodies().every((b) => (b.data as { title: string }).title === 'survivor')).toBe(true);
    } finally {
      await second?.close();
      await r.stop();
      if (onPostgres()) await first.close().catch(() => undefined);
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });
});
