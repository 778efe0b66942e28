/**
 * The baseline: bare Fastify and a `pg` Pool running the very statements Ocean runs for the page
 * list, the single page and a page's blocks, with no Nest, no auth, no validation and no mapping;
 * and argon2id verification alone, the floor under a login. It runs in its own process, started
 * by run.ts.
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
import type { EntityManager } from 'typeorm';
import { blocksListStatement, BlocksRepository } from '../src/blocks/blocks.repository';
import { hashPassword } from '../src/identity/passwords';
import { pagesListStatement, PagesRepository } from '../src/pages/pages.repository';

/**
 * The repository keeps its single-page SELECT private: record it from the repository itself,
 * once, so that the baseline can never drift from what Ocean sends.
 */
async function singlePageStatement(): Promise<string> {
  const ORG = '\u0000org';
  const ID = '\u0000id';
  let statement: string | undefined;
  const recorder = {
    query: (sql: string, params: unknown[]): Promise<unknown[]> => {
      if (params[0] !== ORG || params[1] !== ID) throw new Error('PagesRepository.find changed its parameters');
      statement = sql;
      return Promise.resolve([]);
    },
  };
  await new PagesRepository(undefined as never).find(ORG, ID, recorder as unknown as EntityManager);
  if (statement === undefined) throw new Error('PagesRepository.find sent no statement');
  return statement;
}

/** The page check Ocean runs before listing blocks, recorded from the repository likewise. */
async function pageExistsStatement(): Promise<string> {
  const ORG = '\u0000org';
  const ID = '\u0000page';
  let statement: string | undefined;
  const recorder = {
    query: (sql: string, params: unknown[]): Promise<unknown[]> => {
      if (params[0] !== ORG || params[1] !== ID) throw new Error('BlocksRepository.pageExists changed its parameters');
      statement = sql;
      return Promise.resolve([]);
    },
  };
  await new BlocksRepository(undefined as never).pageExists(recorder as unknown as EntityManager, ORG, ID);
  if (statement === undefined) throw new Error('BlocksRepository.pageExists sent no statement');
  return statement;
}

async function openPool(): Promise<{ pool: Pool; close: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const pool = new Pool({
      connectionString: url,
      max: Number(process.env.POOL_SIZE ?? 10),
      application_name: 'ocean-bench-bare',
    });
    return { pool, close: () => pool.end() };
  }
  const dir = process.env.PGLITE_DIR;
  if (!dir) throw new Error('set DATABASE_URL or PGLITE_DIR');
  // The same adapter and single connection as Ocean's PGlite data source.
  const pglite = await PGlite.create(dir);
  const pool = new Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 });
  return {
    pool,
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
  const findSql = await singlePageStatement();
  const pageExistsSql = await pageExistsStatement();
  // With Ocean's own parameters (ARGON2_PARAMS), as a user's stored hash would be.
  const argon2Hash = await hashPassword(process.env.ARGON2_PASSWORD ?? '');
  const { pool, close } = await openPool();
  const app = Fastify({ logger: false });

  app.get('/health', () => ({ status: 'ok' }));

  app.get<Scoped>('/pages', async (request) => {
    const limit = Number(request.query.limit ?? 50);
    const offset = Number(request.query.offset ?? 0);
    // The filter Ocean derives from `?limit=50` with no other parameter.
    const { sql, params } = pagesListStatement(request.query.org ?? '', { archived: false, limit, offset });
    const { rows } = await pool.query<{ total: number }>(sql, params);
    return { pages: rows, total: rows.length ? rows[0].total : 0, limit, offset };
  });

  app.get<Scoped & { Params: { id: string } }>('/pages/:id', async (request, reply) => {
    const { rows } = await pool.query(findSql, [request.query.org ?? '', request.params.id]);
    if (rows.length === 0) return reply.code(404).send({ detail: 'not found' });
    return rows[0];
  });

  // Ocean's block list: the page must exist (first statement), then the tree in document order.
  app.get<{ Querystring: { org?: string; page?: string; limit?: string } }>('/blocks', async (request, reply) => {
    const org = request.query.org ?? '';
    const page = request.query.page ?? '';
    const limit = Number(request.query.limit ?? 100);
    const exists = await pool.query(pageExistsSql, [org, page]);
    if (exists.rows.length === 0) return reply.code(404).send({ detail: 'not found' });
    const { sql, params } = blocksListStatement(org, page, { limit, offset: 0 });
    const { rows } = await pool.query<{ total: number }>(sql, params);
    return { blocks: rows, total: rows.length ? rows[0].total : 0, limit, offset: 0 };
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
