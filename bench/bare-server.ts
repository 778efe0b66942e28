/**
 * The baseline: bare Fastify and a `pg` Pool running the very statements Ocean runs for the page
 * list, the single page and a page's blocks, with no Nest, no auth, no validation and no mapping;
 * argon2id verification alone, the floor under a login; and the substring scan that search
 * replaces. It runs in its own process, started by run.ts.
 *
 * Environment: PORT; DATABASE_URL (PostgreSQL) or PGLITE_DIR (a PGlite data directory that no
 * other process has open); POOL_SIZE (PostgreSQL only, the same as Ocean's); ARGON2_PASSWORD (the
 * password of the hash that POST /argon2 verifies).
 */
import 'reflect-metadata';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import Fastify from 'fastify';
import { verify } from '@node-rs/argon2';
import { Pool } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { BlockReads } from '../src/blocks/blocks.repository';
import { Block } from '../src/blocks/block.entity';
import { ENTITIES, PGLITE_EXTENSIONS } from '../src/database/data-source';
import { entityRows } from '../src/database/entity-rows';
import { hashPassword } from '../src/identity/passwords';
import { PageReads } from '../src/pages/pages.repository';
import { Page } from '../src/pages/page.entity';

/**
 * Ocean's own statement builders, made from the entities' metadata exactly as the repositories
 * make them, so that the baseline can never drift from what Ocean sends. The data source only
 * builds the metadata and is closed before the bare pool opens.
 */
async function oceanReads(options: DataSourceOptions): Promise<{ pages: PageReads; blocks: BlockReads }> {
  const dataSource = await new DataSource({ ...options, entities: ENTITIES }).initialize();
  try {
    return {
      pages: new PageReads(entityRows(dataSource, Page)),
      blocks: new BlockReads(entityRows(dataSource, Block)),
    };
  } finally {
    await dataSource.destroy();
  }
}

async function openPool(): Promise<{
  pool: Pool;
  reads: { pages: PageReads; blocks: BlockReads };
  close: () => Promise<void>;
}> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const reads = await oceanReads({ type: 'postgres', url, poolSize: 1 });
    const pool = new Pool({
      connectionString: url,
      max: Number(process.env.POOL_SIZE ?? 10),
      application_name: 'ocean-bench-bare',
    });
    return { pool, reads, close: () => pool.end() };
  }
  const dir = process.env.PGLITE_DIR;
  if (!dir) throw new Error('set DATABASE_URL or PGLITE_DIR');
  // The same adapter and single connection as Ocean's PGlite data source.
  const pglite = await PGlite.create(dir, { extensions: PGLITE_EXTENSIONS });
  const reads = await oceanReads({ type: 'postgres', poolSize: 1, extra: { ...createPgConfig(pglite), max: 1 } });
  const pool = new Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 });
  return {
    pool,
    reads,
    close: async () => {
      await pool.end();
      await pglite.close();
    },
  };
}

interface Scoped {
  Querystring: { org?: string; limit?: string; offset?: string };
}

async function main(): Promise<void> {
  // With Ocean's own parameters (ARGON2_PARAMS), as a user's stored hash would be.
  const argon2Hash = await hashPassword(process.env.ARGON2_PASSWORD ?? '');
  const { pool, reads, close } = await openPool();
  const app = Fastify({ logger: false });

  app.get('/health', () => ({ status: 'ok' }));

  app.get<Scoped>('/pages', async (request) => {
    const limit = Number(request.query.limit ?? 50);
    const offset = Number(request.query.offset ?? 0);
    // The filter Ocean derives from `?limit=50` with no other parameter.
    const { sql, params } = reads.pages.list(request.query.org ?? '', { archived: false, limit, offset });
    const { rows } = await pool.query<{ total: number }>(sql, params);
    return { pages: rows, total: rows.length ? rows[0].total : 0, limit, offset };
  });

  app.get<Scoped & { Params: { id: string } }>('/pages/:id', async (request, reply) => {
    const { sql, params } = reads.pages.find(request.query.org ?? '', request.params.id);
    const { rows } = await pool.query(sql, params);
    if (rows.length === 0) return reply.code(404).send({ detail: 'not found' });
    return rows[0];
  });

  // Ocean's block list: the page must exist (first statement), then the tree in document order.
  app.get<{ Querystring: { org?: string; page?: string; limit?: string } }>('/blocks', async (request, reply) => {
    const org = request.query.org ?? '';
    const page = request.query.page ?? '';
    const limit = Number(request.query.limit ?? 100);
    const check = reads.pages.exists(org, page);
    const exists = await pool.query(check.sql, check.params);
    if (exists.rows.length === 0) return reply.code(404).send({ detail: 'not found' });
    const { sql, params } = reads.blocks.list(org, page, { limit, offset: 0 });
    const { rows } = await pool.query<{ total: number }>(sql, params);
    return { blocks: rows, total: rows.length ? rows[0].total : 0, limit, offset: 0 };
  });

  // The old system's search, the one Ocean's replaces: a substring scan of the organization's
  // blocks' JSON, no index, no ranking, the first `limit` rows the scan meets. q's % and _ (and
  // the escape character itself) are literal.
  app.get<{ Querystring: { org?: string; q?: string; limit?: string } }>('/search-scan', async (request) => {
    const pattern = (request.query.q ?? '').replace(/[\\%_]/g, '\\$&');
    const limit = Number(request.query.limit ?? 20);
    const { rows } = await pool.query(
      `SELECT block_id, page_id, block_type, content FROM blocks
       WHERE organization_id = $1 AND content::text ILIKE '%' || $2 || '%' LIMIT $3`,
      [request.query.org ?? '', pattern, limit],
    );
    return { results: rows, limit };
  });

  // What a login cannot do without: one argon2id verification on libuv's thread pool.
  app.post<{ Body: { password?: string } }>('/argon2', async (request, reply) => {
    const ok = await verify(argon2Hash, request.body.password ?? '');
    return ok ? { ok } : reply.code(401).send({ ok });
  });

  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    app
      .close()
      .then(close)
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
}

main().catch((err: unknown) => {
  console.error(`bare server: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
