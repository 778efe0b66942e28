import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../factories/tokens';
import { createScratchDatabase, onPostgres, TEST_SECRET } from '../support/app';
import { send } from '../support/http';
import { freePort, OceanProcess } from '../support/processes';
import { SseReader } from '../support/sse';

const PAGES = '/api/v1/ocean/pages';
const STREAM = '/api/v1/ocean/events/stream';

const shapes: Array<[string, () => Record<string, string> | undefined]> = [
  ['PostgreSQL NOTIFY', () => ({})],
  ['Redis pub/sub', () => (process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : undefined)],
];

for (const [name, extra] of shapes) {
  describe.skipIf(!onPostgres() || extra() === undefined)(`events across two real processes (${name})`, () => {
    let one: OceanProcess;
    let two: OceanProcess;
    let databaseUrl: string;
    let drop: () => Promise<void>;
    const readers: SseReader[] = [];
    const org = `org-cluster-events-${Date.now()}`;
    let token: string;
    const auth = (): Record<string, string> => ({ authorization: `Bearer ${token}` });
    const open = async (p: OceanProcess, headers: Record<string, string> = {}): Promise<SseReader> => {
      const reader = await SseReader.open(`${p.url}${STREAM}`, { ...auth(), ...headers });
      readers.push(reader);
      expect(reader.status).toBe(200);
      return reader;
    };

    beforeAll(async () => {
      const scratch = await createScratchDatabase();
      databaseUrl = scratch.url;
      drop = scratch.drop;
      // The counters are looked at once a minute only: what arrives sooner came by the channel.
      const env = {
        NODE_ENV: 'development',
        JWT_SECRET: TEST_SECRET,
        DATABASE_URL: scratch.url,
        EVENT_POLL_MS: '60000',
        ...extra()!,
      };
      one = new OceanProcess(await freePort(), env);
      two = new OceanProcess(await freePort(), env);
      await Promise.all([one.start(), two.start()]);
      token = await signToken({ org, user: 'clu' });
    });
    afterAll(async () => {
      for (const r of readers) r.close();
      await Promise.all([one?.stop(), two?.stop()]);
      await drop?.();
    });

    it('a write on one instance reaches the other’s stream within a second', async () => {
      const reader = await open(two);
      const latencies: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await send(one.url, 'POST', PAGES, { token, payload: { title: `cross ${i}` } });
        expect(res.status).toBe(201);
        const committed = Date.now();
        await reader.until((r) => r.events().length === i + 1, 1000, `event ${i} on the other instance`);
        latencies.push(Date.now() - committed);
      }
      expect(Math.max(...latencies)).toBeLessThan(1000);
      reader.close();
    });

    it('20 concurrent writers over both instances: a reader that resumes sees every event exactly once', async () => {
      const start = (await send(one.url, 'GET', '/api/v1/ocean/events', { token })).body.next_after as string;
      const first = await open(two, { 'last-event-id': start });
      const created: string[] = [];
      let resumed: SseReader | undefined;
      const writers = Array.from({ length: 20 }, async (_, w) => {
        for (let i = 0; i < 5; i++) {
          const target = (w + i) % 2 === 0 ? one : two;
          const res = await send(target.url, 'POST', PAGES, { token, payload: { title: `w${w}-${i}` } });
          expect(res.status).toBe(201);
          created.push(res.body.page_id as string);
          // Half-way, the reader drops its connection and resumes on the other instance.
          if (w === 0 && i === 2) {
            await first.until((r) => r.events().length > 0, 2000, 'some events');
            first.close();
            resumed = await open(one, { 'last-event-id': first.events().at(-1)!.id! });
          }
        }
      });
      await Promise.all(writers);
      const seen = (): Array<{ id?: string; data: Record<string, unknown> }> => [
        ...first.events(),
        ...(resumed?.events() ?? []),
      ];
      await resumed!.until(() => seen().length >= 100, 5000, 'all 100 events');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const events = seen();
      const ids = events.map((e) => Number(e.id));
      expect(ids).toEqual(Array.from({ length: 100 }, (_, i) => Number(start) + i + 1));
      expect(new Set(events.map((e) => e.data.resource_id)).size).toBe(100);
      expect(events.map((e) => e.data.resource_id).sort()).toEqual([...created].sort());
      resumed!.close();
    });

    it.runIf(name === 'PostgreSQL NOTIFY')(
      'an instance whose listening connection drops catches up from the table when it reconnects',
      async () => {
        const reader = await open(two);
        const admin = new Client({ connectionString: databaseUrl });
        await admin.connect();
        try {
          // Every instance's LISTEN connection goes; a write lands while they reconnect.
          await admin.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE application_name = 'ocean-broadcast' AND datname = current_database()`,
          );
          const res = await send(one.url, 'POST', PAGES, { token, payload: { title: 'in the gap' } });
          expect(res.status).toBe(201);
          await reader.until((r) => r.events().length === 1, 5000, 'the event written in the gap');
          expect(reader.events()[0].data.data).toMatchObject({ title: 'in the gap' });
        } finally {
          await admin.end();
          reader.close();
        }
      },
    );
  });
}
