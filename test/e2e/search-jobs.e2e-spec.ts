import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../src/jobs/job-runner';
import { BLOCKS_URL } from '../factories/content';
import { createPage } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, createScratchDatabase, onPostgres, TestApp } from '../support/app';
import { EmbeddingsServer } from '../support/embeddings-server';
import { send } from '../support/http';

/** The embedding jobs live in the database: they outlast a process, and two runners share them. */
describe('embedding jobs', () => {
  let server: EmbeddingsServer;
  let url: string;
  let closeServer: () => Promise<void>;
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  const org = `org-jobs-${Date.now()}`;

  beforeAll(async () => {
    server = new EmbeddingsServer({ dimensions: 32 });
    ({ url, close: closeServer } = await server.start());
    if (onPostgres()) {
      const scratch = await createScratchDatabase();
      env = { DATABASE_URL: scratch.url };
      cleanup = scratch.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'ocean-jobs-'));
      env = { DATA_DIR: dir };
      cleanup = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
    }
    env = { ...env, EMBEDDINGS_URL: url, EMBEDDINGS_MODEL: 'test-32', JOB_POLL_MS: '60000', JOB_RETRY_BASE_MS: '1' };
  });
  afterAll(async () => {
    await cleanup?.();
    await closeServer?.();
  });

  const stateOf = async (t: TestApp, token: string, id: string): Promise<Record<string, unknown>> => {
    const res = await send(t.app, 'GET', `${BLOCKS_URL}/${id}/embedding`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('finishes after a restart what a provider outage left pending', { timeout: 60_000 }, async () => {
    const token = await signToken({ org, user: 'restart' });
    server.setDown(true);
    const first = await bootApp(env);
    let blockId: string;
    try {
      const page = await createPage(first.app, token, { title: 'Before the restart' });
      const res = await send(first.app, 'POST', `${BLOCKS_URL}?page_id=${page.page_id}`, {
        token,
        payload: { block_type: 'text', content: { text: 'Written while the model was down' } },
      });
      expect(res.status).toBe(201);
      blockId = res.body.block_id;
      await first.app.get(JobRunner).drain(1);
      expect(await stateOf(first, token, blockId)).toMatchObject({ status: 'pending', has_embedding: false });
    } finally {
      await first.close();
    }
    server.setDown(false);
    const second = await bootApp(env);
    try {
      await second.app.get(DataSource).query(`UPDATE jobs SET run_at = now() WHERE state = 'pending'`);
      // The new instance's own first poll may hold the job as the drain starts, or retry it once:
      // what is asserted is that the job left pending by the outage gets done after the restart.
      const until = Date.now() + 20_000;
      while ((await stateOf(second, token, blockId)).status !== 'done' && Date.now() < until) {
        await second.app.get(JobRunner).drain();
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await stateOf(second, token, blockId)).toMatchObject({ status: 'done', has_embedding: true });
    } finally {
      await second.close();
    }
  });

  it.skipIf(!onPostgres())(
    'lets two instances share the jobs: each text is embedded exactly once',
    async () => {
      const pairOrg = `${org}-pair`;
      const token = await signToken({ org: pairOrg, user: 'pair' });
      const [a, b] = await Promise.all([bootApp(env), bootApp(env)]);
      try {
        const page = await createPage(a.app, token, { title: 'Shared' });
        const texts = Array.from({ length: 60 }, (_, i) => `Shared note number ${i} about topic ${i % 7}`);
        const res = await send(a.app, 'POST', `${BLOCKS_URL}/batch?page_id=${page.page_id}`, {
          token,
          payload: { blocks: texts.map((text) => ({ block_type: 'text', content: { text } })) },
        });
        expect(res.status).toBe(201);
        const before = server.requests.length;
        await Promise.all([a.app.get(JobRunner).drain(), b.app.get(JobRunner).drain()]);
        const embedded = server.requests.slice(before).flatMap((r) => r.input ?? []);
        expect(embedded.sort()).toEqual([...texts].sort());
        const rows: Array<{ state: string; n: number }> = await a.app
          .get(DataSource)
          .query(`SELECT state, count(*)::int AS n FROM jobs WHERE organization_id = $1 GROUP BY state`, [pairOrg]);
        expect(rows).toContainEqual({ state: 'done', n: 60 });
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    },
    60_000,
  );
});
