import { createServer, Server, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { openDatabase } from '../../src/database/data-source';
import { loadConfig } from '../../src/config/config';
import { PAGES } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, createScratchDatabase, onPostgres, TestApp } from '../support/app';

describe('database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps concurrent transactions isolated: one rollback never undoes another commit', async () => {
    const ds = t.app.get(DataSource);
    const insert = (m: { query: DataSource['query'] }, title: string) =>
      m.query(
        `INSERT INTO pages (page_id, organization_id, user_id, title, sort_key)
         VALUES (gen_random_uuid(), 'org-isolation', 'u', $1, $2)`,
        [title, title],
      );
    const failing = ds.transaction(async (m) => {
      await insert(m, 'rolled-back');
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('abort this transaction');
    });
    const succeeding = ds.transaction(async (m) => {
      await insert(m, 'committed');
    });
    const [failed, ok] = await Promise.allSettled([failing, succeeding]);
    expect(failed.status).toBe('rejected');
    expect(ok.status === 'rejected' ? String(ok.reason) : ok.status).toBe('fulfilled');
    const rows = await ds.query(`SELECT title FROM pages WHERE organization_id = 'org-isolation' ORDER BY title`);
    expect(rows).toEqual([{ title: 'committed' }]);
  });

  it('applies migrations once: a second run finds nothing pending', async () => {
    const ds = t.app.get(DataSource);
    expect(await ds.showMigrations()).toBe(false);
    const applied = await ds.query(`SELECT name FROM migrations`);
    expect(applied.length).toBeGreaterThan(0);
  });

  it('a database error that is not the caller’s fault is a logged 500 without internals', async () => {
    const ds = t.app.get(DataSource);
    const token = await signToken({ org: 'org-broken' });
    await ds.query(`ALTER TABLE pages RENAME COLUMN metadata TO metadata_gone`);
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: PAGES,
        headers: { authorization: `Bearer ${token}` },
        payload: { title: 'x' },
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({
        detail: 'An unexpected error occurred; it has been logged.',
        error_code: 'INTERNAL_ERROR',
      });
    } finally {
      await ds.query(`ALTER TABLE pages RENAME COLUMN metadata_gone TO metadata`);
    }
  });
});

/**
 * A TCP proxy between Ocean and PostgreSQL that can be cut and restored: the database going
 * away and coming back, as a network partition or a restart would look to Ocean.
 */
class CuttableProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async open(port = 0): Promise<void> {
    this.server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

describe.skipIf(!onPostgres())('database outage (PostgreSQL)', () => {
  it('answers 503 DATABASE_UNAVAILABLE while the database is away and recovers by itself', async () => {
    const scratch = await createScratchDatabase();
    const target = new URL(scratch.url);
    const proxy = new CuttableProxy(target.hostname, Number(target.port || 5432));
    await proxy.open();
    const viaProxy = new URL(scratch.url);
    viaProxy.port = String(proxy.port);
    const app = await createApp(
      loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        JWT_SECRET: 'outage-secret-long-enough-0123456789abcdef',
        DATABASE_URL: viaProxy.toString(),
      }),
    );
    const token = await signToken({ org: 'org-outage', secret: 'outage-secret-long-enough-0123456789abcdef' });
    const get = () => app.inject({ method: 'GET', url: PAGES, headers: { authorization: `Bearer ${token}` } });
    try {
      expect((await get()).statusCode).toBe(200);
      await proxy.cut();
      const down = await get();
      expect(down.statusCode).toBe(503);
      expect(down.json().error_code).toBe('DATABASE_UNAVAILABLE');
      expect(down.headers['retry-after']).toBeDefined();
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      await proxy.open(proxy.port);
      let status = 0;
      for (let i = 0; i < 20 && status !== 200; i++) {
        status = (await get()).statusCode;
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
    } finally {
      await app.close();
      await proxy.cut();
      await scratch.drop();
    }
  });
});

describe('migration runner', () => {
  it('opens a database without migrating and migrates on demand', async () => {
    const scratch = onPostgres() ? await createScratchDatabase() : undefined;
    const config = loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: 'migration-secret-long-enough-0123456789abcdef',
      DATA_DIR: 'memory://',
      ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    });
    const db = await openDatabase(config, { runMigrations: false });
    try {
      expect(await db.dataSource.showMigrations()).toBe(true);
      await db.dataSource.runMigrations();
      expect(await db.dataSource.showMigrations()).toBe(false);
    } finally {
      await db.close();
      await scratch?.drop();
    }
  });
});

describe.skipIf(!onPostgres())('concurrent start-ups (PostgreSQL)', () => {
  it('two instances migrating one empty database at once both come up', async () => {
    const scratch = await createScratchDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: 'migration-secret-long-enough-0123456789abcdef',
      DATABASE_URL: scratch.url,
    });
    try {
      const dbs = await Promise.all([openDatabase(config), openDatabase(config)]);
      for (const db of dbs) expect(await db.dataSource.showMigrations()).toBe(false);
      await Promise.all(dbs.map((db) => db.close()));
    } finally {
      await scratch.drop();
    }
  });
});
