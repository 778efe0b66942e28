import { mkdtempSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOceanClient, OceanApiError, type OceanEvent } from '../../src/client';
import { createApiKey, registerAndLogin } from '../factories/identity';
import { createPage } from '../factories/pages';
import { bootApp, type TestApp } from '../support/app';
import { send } from '../support/http';
import { WebhookReceiver } from '../support/webhook-receiver';
import { ocean as cliRun } from '../support/cli';

/** A TCP proxy on loopback whose connections a spec can cut (a network that drops). */
async function cuttableProxy(target: number): Promise<{ port: number; cut(): void; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(target, '127.0.0.1');
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut: () => {
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('events and webhooks from the typed client and the CLI', () => {
  let t: TestApp;
  let base: string;
  let port: number;
  let apiKey: string;
  let token: string;
  let home: string;

  beforeAll(async () => {
    t = await bootApp({
      NODE_ENV: 'development',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_SECRET_KEY: 'webhook-secret-key-for-the-suite-0123456789abcdef',
      JOB_POLL_MS: '50',
    });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
    const session = await registerAndLogin(t.app);
    token = session.access_token;
    apiKey = (await createApiKey(t.app, token)).key;
    home = mkdtempSync(join(tmpdir(), 'ocean-events-cli-'));
  });
  afterAll(async () => {
    await t?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const head = async (): Promise<string> =>
    (await send(t.app, 'GET', '/api/v1/ocean/events', { apiKey })).body.next_after as string;

  it('the client iterates the stream and resumes across a dropped connection, losing and repeating nothing', async () => {
    const proxy = await cuttableProxy(port);
    const client = createOceanClient({ baseUrl: `http://127.0.0.1:${proxy.port}`, apiKey });
    const start = await head();
    const controller = new AbortController();
    const got: OceanEvent[] = [];
    const reading = (async () => {
      for await (const event of client.events({ after: start, signal: controller.signal, reconnectMs: 100 })) {
        got.push(event);
        if (got.length === 6) controller.abort();
      }
    })();
    try {
      for (let i = 0; i < 3; i++) await createPage(t.app, token, { title: `c${i}` });
      const deadline = Date.now() + 5000;
      while (got.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      proxy.cut();
      for (let i = 3; i < 6; i++) await createPage(t.app, token, { title: `c${i}` });
      await Promise.race([reading, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 8000))]);
    } finally {
      controller.abort();
      await proxy.close();
    }
    expect(got.map((e) => (e.data as { title: string }).title)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
    expect(got.map((e) => Number(e.event_id))).toEqual(got.map((_, i) => Number(start) + i + 1));
  });

  it('the client throws OceanApiError when the stream is refused (401 without a credential, 400 for a resume point it never had)', async () => {
    const anonymous = createOceanClient({ baseUrl: base });
    const refused = async (client: ReturnType<typeof createOceanClient>, after?: string): Promise<OceanApiError> => {
      try {
        for await (const _ of client.events({ after })) void _;
      } catch (err) {
        return err as OceanApiError;
      }
      throw new Error('not refused');
    };
    expect((await refused(anonymous)).status).toBe(401);
    const unknown = await refused(createOceanClient({ baseUrl: base, apiKey }), '0000009999999999');
    expect([unknown.status, unknown.errorCode]).toEqual([400, 'UNKNOWN_EVENT_ID']);
  });

  it('`ocean events tail` prints the changes as JSON lines, and `events list` pages them', async () => {
    const env = { OCEAN_BACKEND_URL: base, OCEAN_API_KEY: apiKey };
    const start = await head();
    const tail = cliRun(
      home,
      ['--json', 'events', 'tail', '--after', start, '--count', '2', '--type', 'page.created'],
      {
        env,
      },
    );
    await createPage(t.app, token, { title: 'cli one' });
    await send(t.app, 'PUT', '/api/v1/ocean/pages/00000000-0000-4000-8000-000000000000', { token, payload: {} });
    await createPage(t.app, token, { title: 'cli two' });
    const run = await tail;
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as OceanEvent);
    expect(lines.map((e) => [e.type, (e.data as { title: string }).title])).toEqual([
      ['page.created', 'cli one'],
      ['page.created', 'cli two'],
    ]);
    const human = await cliRun(home, ['events', 'list', '--after', start, '--limit', '1'], { env });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('page.created');
    expect(human.stdout).toContain('cli one');
    expect(human.stdout).toMatch(/next: ocean events list --after \d{16}/);
  });

  it('`ocean webhooks` creates, lists, tests, shows deliveries, pauses and deletes', async () => {
    const env = { OCEAN_BACKEND_URL: base, OCEAN_API_KEY: apiKey };
    const receiver = new WebhookReceiver();
    const url = await receiver.start();
    try {
      const created = await cliRun(home, ['--json', 'webhooks', 'create', url, '--type', 'page.created,page.deleted'], {
        env,
      });
      expect(created.code, created.stderr).toBe(0);
      const hook = JSON.parse(created.stdout) as { webhook_id: string; secret: string; types: string[] };
      expect(hook.secret).toMatch(/^whsec_/);
      expect(hook.types).toEqual(['page.created', 'page.deleted']);
      const list = await cliRun(home, ['webhooks', 'list'], { env });
      expect(list.stdout).toContain(hook.webhook_id);
      expect(list.stdout).not.toContain(hook.secret);
      expect((await cliRun(home, ['webhooks', 'test', hook.webhook_id], { env })).code).toBe(0);
      const deadline = Date.now() + 5000;
      while (receiver.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(receiver.bodies()[0]).toMatchObject({ type: 'webhook.test' });
      let log = { deliveries: [] as Array<{ status: string }> };
      while (log.deliveries[0]?.status !== 'delivered' && Date.now() < deadline) {
        log = JSON.parse((await cliRun(home, ['--json', 'webhooks', 'deliveries', hook.webhook_id], { env })).stdout);
      }
      expect(log.deliveries[0]).toMatchObject({ status: 'delivered', event_type: 'webhook.test' });
      const paused = await cliRun(home, ['--json', 'webhooks', 'update', hook.webhook_id, '--disable'], { env });
      expect(JSON.parse(paused.stdout).enabled).toBe(false);
      const both = await cliRun(home, ['webhooks', 'update', hook.webhook_id, '--enable', '--disable'], { env });
      expect(both.code).toBe(2);
      expect((await cliRun(home, ['webhooks', 'rm', hook.webhook_id], { env })).code).toBe(0);
      expect((await cliRun(home, ['webhooks', 'show', hook.webhook_id], { env })).code).toBe(4);
    } finally {
      await receiver.stop();
    }
  });
});
