/* eslint-disable @typescript-eslint/no-explicit-any -- these specs reach into internals to force races and failures */
import { ClsService } from 'nestjs-cls';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrgScope } from '../../src/common/org-scope';
import { Db } from '../../src/database/db';
import { JobRunner } from '../../src/jobs/job-runner';
import { JobsRepository } from '../../src/jobs/jobs.repository';
import { SearchRepository } from '../../src/search/search.repository';
import { ExactVectorIndex } from '../../src/search/vector-index';
import { addBlock, BLOCKS_URL } from '../factories/content';
import { createPage, PageJson } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootWithEmbeddings, onPostgres, TestApp } from '../support/app';
import { embedText } from '../support/embeddings-server';
import { send } from '../support/http';

const MODEL = 'test-hash-64';

describe('search: worker races', () => {
  let t: TestApp;
  let close: () => Promise<void>;
  let a: string;
  let page: PageJson;
  const org = 'org-red-conc';
  const runner = () => t.app.get(JobRunner);
  const put = (id: string, text: string) =>
    send(t.app, 'PUT', `${BLOCKS_URL}/${id}`, { token: a, payload: { content: { text } } });

  beforeAll(async () => {
    ({ t, close } = await bootWithEmbeddings(MODEL));
    a = await signToken({ org, user: 'ua' });
    page = await createPage(t.app, a, { title: 'P' });
  });
  afterAll(() => close?.());

  it('ExactVectorIndex: a write that races a load is picked up by a later search', async () => {
    const x = await addBlock(t.app, a, page.page_id, { content: { text: 'apples and pears' } });
    const y = await addBlock(t.app, a, page.page_id, { content: { text: 'bananas' } });
    await runner().drain();
    const index = new ExactVectorIndex(t.app.get(Db), t.app.get(SearchRepository));
    const scope = (OrgScope as any).of({ organizationId: org }) as OrgScope;
    const nearest = (q: string) =>
      index.nearest(scope, {
        model: MODEL,
        vector: Float32Array.from(embedText(q, 64)),
        filter: { threshold: 0, limit: 10 },
        minSimilarity: 0.5,
        limit: 10,
      });
    const load = (index as any).load.bind(index);
    let raced = process.env.RED_CONTROL === '1'; // RED_CONTROL=1: no race, passes
    (index as any).load = async (...args: unknown[]) => {
      if (!raced) {
        raced = true; // another instance's worker re-embeds y between the state query and the load
        await put(y.block_id, 'bananas and cherries');
        await runner().drain();
      }
      return load(...args);
    };
    await nearest('apples'); // first search: loads with the race
    await put(x.block_id, 'zeppelin airship');
    await runner().drain();
    await nearest('zeppelin'); // "refreshed by the next search"
    const hits = await nearest('zeppelin airship');
    expect(
      hits.map((h) => h.blockId),
      'x re-embedded as zeppelin airship',
    ).toContain(x.block_id);
  });

  it.skipIf(!onPostgres())(
    'a block edit while the worker stores its vector is not refused (deadlock → 409)',
    async () => {
      const x = await addBlock(t.app, a, page.page_id, { content: { text: 'deadlock bait one' } });
      const jobs = t.app.get(JobsRepository);
      const complete = jobs.complete.bind(jobs);
      let edit: Promise<{ status: number; body: any }> | undefined;
      let waiting: string[] = [];
      (jobs as any).complete = async (job: any) => {
        const ok = await complete(job); // the worker's unit now holds the job row lock
        if (!edit) {
          edit = t.app.get(ClsService).exit(() => put(x.block_id, 'deadlock bait two')); // the user's edit: locks the block, trigger waits on the job
          const admin = new Client({ connectionString: t.databaseUrl });
          await admin.connect();
          try {
            for (let i = 0; i < 100; i++) {
              const w = await admin.query(
                `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
              );
              if (w.rows[0].n > 0) break;
              await new Promise((r) => setTimeout(r, 50));
            }
            const w = await admin.query(
              `SELECT left(query, 80) AS q FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
            );
            waiting = w.rows.map((r: any) => r.q);
          } finally {
            await admin.end();
          }
        }
        return ok; // then store() updates blocks.vector_id: waits on the user's lock → deadlock
      };
      try {
        await runner().runOnce();
      } finally {
        (jobs as any).complete = complete;
      }
      const res = await edit!;
      const rows: Array<{ state: string }> = await t.app
        .get(DataSource)
        .query(`SELECT state FROM jobs WHERE organization_id = $1 AND subject_id = $2`, [org, x.block_id]);
      expect({ waiting, edit: res.status, body: res.body?.error_code, job: rows[0]?.state }).toMatchObject({
        edit: 200,
        job: 'pending',
      });
    },
    30_000,
  );
});
