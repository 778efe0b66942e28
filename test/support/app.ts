import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DestinationStream } from 'pino';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/config';
import { EmbeddingsServer } from './embeddings-server';

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789abcdef';
export const PREVIOUS_SECRET = 'previous-secret-that-is-also-long-enough-9876543210';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** Connection string of this app's scratch database (PostgreSQL runs only). */
  databaseUrl?: string;
  close(): Promise<void>;
}

/** The server of `DATABASE_URL` when the suite runs on PostgreSQL; PGlite otherwise. */
export const onPostgres = (): boolean => Boolean(process.env.DATABASE_URL);

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * DROP DATABASE … WITH (FORCE), again while an autovacuum worker is in the database: FORCE may
 * not end a process of no role unless the caller is a superuser (42501), and the worker soon
 * ends by itself.
 */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '42501' || attempt === 50) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** A fresh database per app so test files never see each other's rows. */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ocean_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => dropDatabase(name),
  };
}

/**
 * Boots the real application in-process on a real database (PGlite in memory, or PostgreSQL).
 * `logDestination` receives the JSON log lines (set LOG_LEVEL in `env` to see any); nestjs-pino
 * keeps the logger of the first app of a process, so it only works for a file's first app.
 */
export async function bootApp(
  env: Record<string, string> = {},
  options: { logDestination?: DestinationStream } = {},
): Promise<TestApp> {
  const scratch = onPostgres() ? await createScratchDatabase() : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_SECRET,
    DATA_DIR: 'memory://',
    // Suites send far more than a person would; the rate-limit specs set their own limits.
    RATE_LIMIT_PER_MINUTE: '1000000',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    AUTH_FAILURE_LIMIT_PER_MINUTE: '1000000',
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    ...env,
  });
  let app: NestFastifyApplication;
  try {
    app = await createApp(config, options);
    await app.getHttpAdapter().getInstance().ready();
  } catch (err) {
    await scratch?.drop();
    throw err;
  }
  return {
    app,
    config,
    databaseUrl: scratch?.url,
    close: async () => {
      await app.close();
      await scratch?.drop();
    },
  };
}

/**
 * Boots the app with a fresh deterministic embeddings server on loopback as its provider
 * (test/support/embeddings-server.ts). Jobs run when a spec drains the runner: the poll is a
 * minute, and a failed job is due again after a millisecond. `close` stops both.
 */
export async function bootWithEmbeddings(
  model: string,
  env: Record<string, string> = {},
): Promise<{ t: TestApp; server: EmbeddingsServer; close: () => Promise<void> }> {
  const server = new EmbeddingsServer({ dimensions: 64 });
  const started = await server.start();
  try {
    const t = await bootApp({
      EMBEDDINGS_URL: started.url,
      EMBEDDINGS_MODEL: model,
      EMBEDDINGS_BATCH_SIZE: '8',
      EMBEDDINGS_TIMEOUT_MS: '3000',
      JOB_POLL_MS: '60000',
      JOB_RETRY_BASE_MS: '1',
      ...env,
    });
    return { t, server, close: () => t.close().finally(started.close) };
  } catch (err) {
    await started.close();
    throw err;
  }
}
