import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../src/jobs/job-runner';
import { addBlock, BLOCKS_URL, ContentBlockJson } from '../factories/content';
import { createPage, PageJson } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, onPostgres, TestApp } from '../support/app';
import { EmbeddingsServer } from '../support/embeddings-server';
import { Reply, send } from '../support/http';

const SEARCH = '/api/v1/ocean/search';

/**
 * Semantic and hybrid search end to end, against a real OpenAI-compatible embeddings server on
 * loopback: jobs run off the request path, vectors are stored, and a provider that is down
 * neither fails a write nor a hybrid search.
 */
describe(`semantic search (${onPostgres() ? 'PostgreSQL, exact scan' : 'PGlite, pgvector'})`, () => {
  let t: TestApp;
  let server: EmbeddingsServer;
  let close: () => Promise<void>;
  let token: string;
  let other: string;
  let page: PageJson;
  const blocks: Record<string, ContentBlockJson> = {};
  const org = `org-semantic-${Date.now()}`;

  const db = (): DataSource => t.app.get(DataSource);
  const runner = (): JobRunner => t.app.get(JobRunner);
  const get = (params: Record<string, string>, as = token): Promise<Reply> =>
    send(t.app, 'GET', `${SEARCH}?${new URLSearchParams(params).toString()}`, { token: as });
  const embedding = async (id: string, as = token): Promise<Record<string, unknown>> => {
    const res = await send(t.app, 'GET', `${BLOCKS_URL}/${id}/embedding`, { token: as });
    expect(res.status).toBe(200);
    return res.body;
  };
  const add = async (key: string, text: string, as = token, on = page): Promise<void> => {
    blocks[key] = await addBlock(t.app, as, on.page_id, { content: { text } });
  };

  beforeAll(async () => {
    server = new EmbeddingsServer({ dimensions: 64, apiKey: 'sk-test-embeddings-key' });
    const started = await server.start();
    close = started.close;
    t = await bootApp({
      EMBEDDINGS_URL: started.url,
      EMBEDDINGS_MODEL: 'test-hash-64',
      EMBEDDINGS_API_KEY: 'sk-test-embeddings-key',
      EMBEDDINGS_BATCH_SIZE: '8',
      EMBEDDINGS_TIMEOUT_MS: '1000',
      JOB_POLL_MS: '60000',
      JOB_RETRY_BASE_MS: '1',
    });
    token = await signToken({ org, user: 'semantic' });
    other = await signToken({ org: `${org}-other`, user: 'other' });
    page = await createPage(t.app, token, { title: 'Garage' });
    await add('car', 'Service the car before the trip');
    await add('physician', 'Book an appointment with the physician');
    await add('movie', 'Watch a film on Friday');
    await add('empty', '');
    const theirs = await createPage(t.app, other, { title: 'Theirs' });
    await add('foreign', 'Sell the old truck', other, theirs);
  });
  afterAll(async () => {
    await t?.close();
    await close?.();
  });

  it('embeds changed blocks off the request path and reports each state', async () => {
    expect(await embedding(blocks.car.block_id)).toMatchObject({ status: 'pending', has_embedding: false });
    await runner().drain();
    expect(await embedding(blocks.car.block_id)).toMatchObject({
      status: 'done',
      has_embedding: true,
      model: 'test-hash-64',
      vector_dimensions: 64,
      searchable_text: 'Service the car before the trip',
      attempts: 1,
      last_error: null,
    });
    expect(await embedding(blocks.empty.block_id)).toMatchObject({ status: 'done', has_embedding: false });
    const block = await send(t.app, 'GET', `${BLOCKS_URL}/${blocks.car.block_id}`, { token });
    expect(block.body).toMatchObject({ vector_dimensions: 64 });
    expect(block.body.vector_id).toMatch(/^[0-9a-f]{32}$/);
    // Batched: the first request carried a full batch of texts, with the key as a bearer token.
    expect(server.requests[0].input?.length).toBeGreaterThan(1);
    expect(server.requests[0].authorization).toBe('Bearer sk-test-embeddings-key');
  });

  it('finds blocks by meaning, in the caller’s organization only', async () => {
    const res = await get({ q: 'vehicle maintenance', search_type: 'semantic' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ search_type: 'semantic', threshold: 0.3, degraded: false });
    const results = res.body.results as Array<{ block_id: string; score: number; highlights: string[] }>;
    expect(results[0].block_id).toBe(blocks.car.block_id);
    expect(results.map((r) => r.block_id)).not.toContain(blocks.foreign.block_id);
    expect(results.every((r) => r.score >= 0.3 && r.score <= 1)).toBe(true);
    const theirs = await get({ q: 'vehicle', search_type: 'semantic' }, other);
    expect(theirs.body.results.map((r: { block_id: string }) => r.block_id)).toEqual([blocks.foreign.block_id]);
  });

  it('applies the filters in semantic mode too', async () => {
    const res = await get({ q: 'vehicle', search_type: 'semantic', block_types: 'heading' });
    expect(res.body.results).toEqual([]);
    const elsewhere = await createPage(t.app, token, { title: 'Elsewhere' });
    const onPage = await get({ q: 'vehicle', search_type: 'semantic', page_id: elsewhere.page_id });
    expect(onPage.body.results).toEqual([]);
  });

  it('fuses words and meaning in hybrid: a synonym and an exact word both rank', async () => {
    const res = await get({ q: 'doctor' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ search_type: 'hybrid', degraded: false, degraded_reason: null });
    // "doctor" is no word of any block: only the meaning finds the physician.
    expect(res.body.results[0].block_id).toBe(blocks.physician.block_id);
    const exact = await get({ q: 'film friday' });
    expect(exact.body.results[0]).toMatchObject({ block_id: blocks.movie.block_id, highlights: ['film', 'Friday'] });
    // First in both lists: the largest fused score there is.
    expect(exact.body.results[0].score).toBeCloseTo(1, 5);
  });

  it('re-embeds an edited block, and only when its words change', async () => {
    const before = server.requests.length;
    const put = await send(t.app, 'PUT', `${BLOCKS_URL}/${blocks.movie.block_id}`, {
      token,
      payload: { content: { text: 'Watch a movie on Friday' } },
    });
    expect(put.status).toBe(200);
    expect(await embedding(blocks.movie.block_id)).toMatchObject({ status: 'pending', has_embedding: false });
    await runner().drain();
    expect(server.requests.length).toBe(before + 1);
    expect(await embedding(blocks.movie.block_id)).toMatchObject({ status: 'done', has_embedding: true });
    const moved = await send(t.app, 'POST', `${BLOCKS_URL}/${blocks.movie.block_id}/move`, {
      token,
      payload: { new_position: 0 },
    });
    expect(moved.status).toBe(200);
    await runner().drain();
    expect(server.requests.length).toBe(before + 1);
  });

  it('keeps writes and hybrid search working while the provider is down, and catches up after', async () => {
    server.setDown(true);
    await add('down', 'Rotate the tyres of the car');
    expect(blocks.down.block_id).toBeDefined();
    await runner().drain(1);
    const state = await embedding(blocks.down.block_id);
    expect(state).toMatchObject({ status: 'pending', has_embedding: false });
    expect(state.attempts).toBeGreaterThanOrEqual(1);
    expect(state.last_error).toEqual(expect.any(String));
    expect(String(state.last_error)).not.toContain('sk-test-embeddings-key');
    const hybrid = await get({ q: 'tyres' });
    expect(hybrid.status).toBe(200);
    expect(hybrid.body).toMatchObject({ degraded: true, degraded_reason: 'unavailable' });
    expect(hybrid.body.results[0].block_id).toBe(blocks.down.block_id);
    const semantic = await get({ q: 'tyres', search_type: 'semantic' });
    expect(semantic.status).toBe(503);
    expect(semantic.body.error_code).toBe('EMBEDDINGS_UNAVAILABLE');
    expect(semantic.headers['retry-after']).toBeDefined();

    server.setDown(false);
    // Due again at once (JOB_RETRY_BASE_MS=1), once the breaker lets a trial through.
    await db().query(`UPDATE jobs SET run_at = now() WHERE state = 'pending'`);
    const breakerWait = Date.now() + 40_000;
    while ((await embedding(blocks.down.block_id)).status !== 'done' && Date.now() < breakerWait) {
      await runner().drain(5);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await embedding(blocks.down.block_id)).toMatchObject({ status: 'done', has_embedding: true });
  }, 60_000);

  it('survives a restart: pending jobs are in the table, not in memory', async () => {
    const rows: Array<{ n: number }> = await db().query(`SELECT count(*)::int AS n FROM jobs WHERE queue = 'embed'`);
    expect(rows[0].n).toBeGreaterThanOrEqual(Object.keys(blocks).length);
  });

  it('answers another organization’s block embedding with 404', async () => {
    const res = await send(t.app, 'GET', `${BLOCKS_URL}/${blocks.foreign.block_id}/embedding`, { token });
    expect(res.status).toBe(404);
  });
});
