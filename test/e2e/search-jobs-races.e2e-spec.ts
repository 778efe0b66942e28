/* eslint-disable @typescript-eslint/no-explicit-any -- these specs reach into internals to force races and failures */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../src/jobs/job-runner';
import { JobsRepository } from '../../src/jobs/jobs.repository';
import { EmbeddingWorker } from '../../src/search/embedding-worker';
import { EmbeddingsRepository } from '../../src/search/embeddings.repository';
import { addBlock, BLOCKS_URL } from '../factories/content';
import { createPage, PageJson } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootWithEmbeddings, TestApp } from '../support/app';
import { EmbeddingsServer } from '../support/embeddings-server';
import { send } from '../support/http';

const SEARCH = '/api/v1/ocean/search';
const MODEL = 'test-hash-64';

describe('search: jobs, cache and provider failures', () => {
  let t: TestApp;
  let server: EmbeddingsServer;
  let close: () => Promise<void>;
  let a: string;
  let b: string;
  let pageA: PageJson;
  let pageB: PageJson;
  const runner = () => t.app.get(JobRunner);
  const get = (params: Record<string, string>, as: string) =>
    send(t.app, 'GET', `${SEARCH}?${new URLSearchParams(params).toString()}`, { token: as });

  beforeAll(async () => {
    ({ t, server, close } = await bootWithEmbeddings(MODEL));
    a = await signToken({ org: 'org-red-a', user: 'ua' });
    b = await signToken({ org: 'org-red-b', user: 'ub' });
    pageA = await createPage(t.app, a, { title: 'Fleet' });
    pageB = await createPage(t.app, b, { title: 'Deals' });
    for (let i = 0; i < 6; i++) await addBlock(t.app, a, pageA.page_id, { content: { text: `car number ${i}` } });
    for (let i = 0; i < 130; i++) await addBlock(t.app, a, pageA.page_id, { content: { text: `alpha item ${i}` } });
    await addBlock(t.app, b, pageB.page_id, { content: { text: 'acquisition of zebracorp' } });
    await runner().drain();
  }, 120_000);
  afterAll(() => close?.());

  it('keeps query vectors per organization: A cannot tell whether B searched a phrase', async () => {
    const secret = 'zebracorp acquisition closing date';
    expect((await get({ q: secret }, b)).body.degraded).toBe(false); // B searches: vector cached
    server.setDown(true);
    try {
      const control = await get({ q: 'some phrase nobody searched' }, a);
      expect(control.body.degraded).toBe(true); // the provider is down for A
      const probe = await get({ q: secret }, a);
      // An isolated cache answers A like the control; the shared cache answers with B's vector.
      expect(probe.body.degraded, 'A learns B searched this phrase').toBe(true);
    } finally {
      server.setDown(false);
    }
  });
});

describe('search: jobs, cache and provider failures', () => {
  let t: TestApp;
  let server: EmbeddingsServer;
  let close: () => Promise<void>;
  let a: string;
  let page: PageJson;
  const runner = () => t.app.get(JobRunner);
  const embedding = async (id: string) =>
    (await send(t.app, 'GET', `${BLOCKS_URL}/${id}/embedding`, { token: a })).body;

  beforeAll(async () => {
    ({ t, server, close } = await bootWithEmbeddings(MODEL));
    a = await signToken({ org: 'org-red-fence', user: 'ua' });
    page = await createPage(t.app, a, { title: 'P' });
  });
  afterAll(() => close?.());

  it('a stale runner’s failure must not fail the job another runner holds for the edited text', async () => {
    const block = await addBlock(t.app, a, page.page_id, { content: { text: 'first words' } });
    server.setDelay(400);
    server.failNext(1, 400); // the provider refuses the OLD text
    const first = runner().runOnce(); // instance 1 claims (attempts=1, hash of "first words")
    await new Promise((r) => setTimeout(r, 100));
    const put = await send(t.app, 'PUT', `${BLOCKS_URL}/${block.block_id}`, {
      token: a,
      payload: { content: { text: 'second words' } },
    });
    expect(put.status).toBe(200); // trigger: pending, attempts=0, new hash
    const [held] = await t.app.get(JobsRepository).claim('embed', 8, 60); // instance 2 claims: attempts=1 again
    expect(held.subjectId).toBe(block.block_id);
    await first; // instance 1: 400 → release(final) matches attempts=1 → instance 2's job is 'failed'
    server.setDelay(0);
    const worker: { run(jobs: unknown[]): Promise<void> } = t.app.get<any>(EmbeddingWorker);
    await worker.run([held]); // instance 2 embeds "second words"
    await runner().drain();
    const state = await embedding(block.block_id);
    expect(state, JSON.stringify(state)).toMatchObject({ status: 'done', has_embedding: true });
  });

  it('sends one request for a batch refused for its key (401), not one per text, and keeps the jobs', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++)
      ids.push((await addBlock(t.app, a, page.page_id, { content: { text: `note ${i}` } })).block_id);
    const before = server.requests.length;
    server.failNext(100, 401); // a revoked / rotated key
    await runner().runOnce();
    const sent = server.requests.length - before;
    server.failNext(0);
    (server as any).failures = []; // key fixed
    const requeued = await t.app.get(EmbeddingsRepository).requeueAtStart(MODEL); // what a restart does
    await runner().drain();
    const states = await Promise.all(ids.map(embedding));
    expect({ sent, requeued, states: states.map((s) => `${s.status}:${s.last_error}`) }).toMatchObject({ sent: 1 });
  });

  it('retries a job refused for its key once the key is fixed, rather than failing it for good', async () => {
    const id = (await addBlock(t.app, a, page.page_id, { content: { text: 'lonely note' } })).block_id;
    (server as any).failures = [401, 401];
    await runner().runOnce();
    (server as any).failures = [];
    await t.app.get(EmbeddingsRepository).requeueAtStart(MODEL);
    await runner().drain();
    expect(await embedding(id)).toMatchObject({ status: 'done', has_embedding: true });
  });
});
