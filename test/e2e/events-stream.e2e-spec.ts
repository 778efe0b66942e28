import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBlock } from '../factories/content';
import { AUTH, createApiKey, registerAndLogin } from '../factories/identity';
import { createPage, PAGES } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, TestApp } from '../support/app';
import { send } from '../support/http';
import { SseReader } from '../support/sse';

const EVENTS = '/api/v1/ocean/events';
const STREAM = `${EVENTS}/stream`;

async function listening(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const types = (reader: SseReader): string[] => reader.events().map((e) => e.type);
const titles = (reader: SseReader): unknown[] =>
  reader.events().map((e) => (e.data.data as { title?: unknown } | undefined)?.title);

describe('events: the live stream (SSE)', () => {
  let t: TestApp;
  let base: string;
  const org = `org-stream-${Date.now()}`;
  let token: string;
  const readers: SseReader[] = [];
  const open = async (query = '', headers: Record<string, string> = bearer(token)): Promise<SseReader> => {
    const reader = await SseReader.open(`${base}${STREAM}${query}`, headers);
    readers.push(reader);
    return reader;
  };
  const head = async (as = token): Promise<string> =>
    (await send(t.app, 'GET', EVENTS, { token: as })).body.next_after as string;

  beforeAll(async () => {
    t = await bootApp({ EVENT_HEARTBEAT_MS: '300', EVENT_STREAMS_PER_ORG: '4' });
    base = await listening(t);
    token = await signToken({ org, user: 'sam' });
  });
  afterAll(async () => {
    for (const r of readers) r.close();
    await t?.close();
  });

  it('streams each change as it commits: id, type and the event, with headers for proxies', async () => {
    const reader = await open();
    expect(reader.status).toBe(200);
    expect(reader.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(reader.headers['x-accel-buffering']).toBe('no');
    expect(reader.headers['cache-control']).toContain('no-cache');
    expect(reader.headers['x-content-type-options']).toBe('nosniff');
    const page = await createPage(t.app, token, { title: 'Live' });
    const block = await addBlock(t.app, token, page.page_id);
    await reader.until((r) => r.events().length === 2, 1000, 'two events');
    const [first, second] = reader.events();
    expect(first.type).toBe('page.created');
    expect(first.data).toMatchObject({
      type: 'page.created',
      organization_id: org,
      resource_id: page.page_id,
      data: page,
    });
    expect(first.id).toBe(first.data.event_id);
    expect(second).toMatchObject({ type: 'block.created', data: { data: block, page_id: page.page_id } });
    expect(Number(second.id)).toBe(Number(first.id) + 1);
    // A heartbeat comment keeps idle proxies from closing it.
    await reader.until((r) => r.frames.some((f) => f.comment === 'heartbeat'), 2000, 'a heartbeat');
    reader.close();
  });

  it('resumes after Last-Event-ID (or after=) with nothing lost and nothing repeated', async () => {
    const start = await head();
    const first = await open('', { ...bearer(token), 'last-event-id': start });
    for (let i = 0; i < 3; i++) await createPage(t.app, token, { title: `r${i}` });
    await first.until((r) => r.events().length === 3, 2000, 'three events');
    first.close();
    // Written while no one listens.
    for (let i = 3; i < 6; i++) await createPage(t.app, token, { title: `r${i}` });
    const last = first.events()[2].id!;
    const again = await open('', { ...bearer(token), 'last-event-id': last });
    await again.until((r) => r.events().length === 3, 2000, 'the three missed');
    await createPage(t.app, token, { title: 'r6' });
    await again.until((r) => r.events().length === 4, 2000, 'the live one');
    expect([...titles(first), ...titles(again)]).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    again.close();
    const byQuery = await open(`?after=${start}`);
    await byQuery.until((r) => r.events().length === 7, 2000, 'all seven');
    expect(titles(byQuery)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    byQuery.close();
  });

  it('filters by type and page, and never shows another organization a thing', async () => {
    const other = await signToken({ org: `${org}-other`, user: 'eve' });
    const page = await createPage(t.app, token, { title: 'Filtered' });
    const onPage = await open(`?page_id=${page.page_id}&types=block.created`);
    const theirs = await open('', bearer(other));
    const forged = await open(`?page_id=${page.page_id}`, bearer(other));
    await addBlock(t.app, token, page.page_id, { content: { text: 'yes' } });
    await createPage(t.app, token, { title: 'elsewhere' });
    await send(t.app, 'PUT', `${PAGES}/${page.page_id}`, { token, payload: { title: 'renamed' } });
    await addBlock(t.app, token, page.page_id, { content: { text: 'yes again' } });
    await onPage.until((r) => r.events().length === 2, 2000, 'the two blocks');
    expect(types(onPage)).toEqual(['block.created', 'block.created']);
    // The other organization's own change reaches it; none of the first one's did.
    await createPage(t.app, other, { title: 'their own' });
    await theirs.until((r) => r.events().length === 1, 2000, 'their own event');
    expect(titles(theirs)).toEqual(['their own']);
    expect(forged.events()).toEqual([]);
    for (const r of [onPage, theirs, forged]) r.close();
  });

  it('refuses bad parameters and resume points with a JSON error before streaming', async () => {
    const cases: Array<[string, Record<string, string>, number, string]> = [
      ['?types=nope', {}, 400, 'VALIDATION_FAILED'],
      ['?page_id=x', {}, 400, 'VALIDATION_FAILED'],
      ['?after=zz', {}, 400, 'VALIDATION_FAILED'],
      ['', { 'last-event-id': 'abc' }, 400, 'VALIDATION_FAILED'],
      ['', { 'last-event-id': '9999999999999' }, 400, 'UNKNOWN_EVENT_ID'],
    ];
    for (const [query, headers, status, code] of cases) {
      const r = await open(query, { ...bearer(token), ...headers });
      expect([query, r.status, JSON.parse(r.body).error_code]).toEqual([query, status, code]);
    }
    const anonymous = await open('', {});
    expect([anonymous.status, JSON.parse(anonymous.body).error_code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('takes a single-use ticket in place of a header (EventSource), bound to its credential', async () => {
    const issued = await send(t.app, 'POST', `${EVENTS}/tickets`, { token });
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({ ticket: expect.stringMatching(/^st_[A-Za-z0-9_-]{43}$/), expires_in: 60 });
    const reader = await open(`?ticket=${issued.body.ticket}`, {});
    expect(reader.status).toBe(200);
    await createPage(t.app, token, { title: 'by ticket' });
    await reader.until((r) => r.events().length === 1, 2000, 'the event');
    expect(reader.events()[0].data.organization_id).toBe(org);
    reader.close();
    // Spent.
    const again = await open(`?ticket=${issued.body.ticket}`, {});
    expect([again.status, JSON.parse(again.body).error_code]).toEqual([401, 'INVALID_TOKEN']);
    expect(again.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    // Expired before use.
    const late = await send(t.app, 'POST', `${EVENTS}/tickets`, { token });
    await t.app.get(DataSource).query(`UPDATE stream_tickets SET expires_at = now() - interval '1 second'`);
    const expired = await open(`?ticket=${late.body.ticket}`, {});
    expect([expired.status, JSON.parse(expired.body).error_code]).toEqual([401, 'INVALID_TOKEN']);
    for (const junk of ['x', 'st_short', `st_${'A'.repeat(43)}`, '']) {
      const r = await open(`?ticket=${junk}`, {});
      expect([junk, r.status]).toEqual([junk, 401]);
    }
    // A ticket is only good for the stream: not as a credential elsewhere (and not spent there).
    const other = await send(t.app, 'POST', `${EVENTS}/tickets`, { token });
    const list = await send(t.app, 'GET', `${EVENTS}?ticket=${other.body.ticket}`, {});
    expect([list.status, list.body.error_code]).toEqual([401, 'UNAUTHENTICATED']);
    const still = await open(`?ticket=${other.body.ticket}`, {});
    expect(still.status).toBe(200);
    still.close();
  });

  it('ends a stream within a second of its session’s logout, a ticket’s stream too', async () => {
    const session = await registerAndLogin(t.app);
    const direct = await open('', bearer(session.access_token));
    const issued = await send(t.app, 'POST', `${EVENTS}/tickets`, { token: session.access_token });
    const byTicket = await open(`?ticket=${issued.body.ticket}`, {});
    expect([direct.status, byTicket.status]).toEqual([200, 200]);
    const out = await send(t.app, 'POST', `${AUTH}/logout`, { token: session.access_token });
    expect(out.status).toBeLessThan(300);
    const started = Date.now();
    await Promise.all([direct.ending(1000), byTicket.ending(1000)]);
    expect(Date.now() - started).toBeLessThan(1000);
    for (const r of [direct, byTicket]) {
      expect(r.frames.at(-1)).toMatchObject({ event: 'stream.closed' });
      expect(JSON.parse(r.frames.at(-1)!.data!)).toMatchObject({ reason: 'revoked' });
    }
    // And the spent session cannot open another.
    const refused = await open('', bearer(session.access_token));
    expect(refused.status).toBe(401);
  });

  it('ends a stream when its token expires, and a read-only API key may stream', async () => {
    const short = await signToken({ org, user: 'brief', expiresIn: 2 });
    const reader = await open('', bearer(short));
    expect(reader.status).toBe(200);
    await reader.ending(4000);
    expect(JSON.parse(reader.frames.at(-1)!.data!)).toMatchObject({ reason: 'expired' });

    const session = await registerAndLogin(t.app);
    const key = await createApiKey(t.app, session.access_token, ['read']);
    const ticket = await send(t.app, 'POST', `${EVENTS}/tickets`, { apiKey: key.key });
    expect(ticket.status).toBe(201);
    const byKey = await open('', { 'x-api-key': key.key });
    expect(byKey.status).toBe(200);
    byKey.close();
  });

  it('caps open streams per organization (429) and counts them in /metrics', async () => {
    const capped = await signToken({ org: `${org}-capped`, user: 'cap' });
    const opened = await Promise.all([1, 2, 3, 4, 5].map(() => open('', bearer(capped))));
    const statuses = opened.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const refused = opened.find((r) => r.status === 429)!;
    expect(JSON.parse(refused.body).error_code).toBe('TOO_MANY_STREAMS');
    const metrics = await send(t.app, 'GET', '/metrics');
    expect(String(metrics.body)).toMatch(/ocean_event_streams_open [4-9]/);
    opened.find((r) => r.status === 200)!.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await open('', bearer(capped));
    expect(next.status).toBe(200);
    for (const r of opened) r.close();
    next.close();
  });

  it('drops a consumer that does not read, with a last event saying where to resume', async () => {
    const as = await signToken({ org: `${org}-slow`, user: 'slow' });
    const slow = await open('', bearer(as));
    slow.pause();
    const bulk = { blob: 'x'.repeat(900_000) };
    let dropped = false;
    for (let i = 0; i < 60 && !dropped; i++) {
      const res = await send(t.app, 'POST', PAGES, { token: as, payload: { title: `big ${i}`, metadata: bulk } });
      expect(res.status).toBe(201);
      const metrics = String((await send(t.app, 'GET', '/metrics')).body);
      dropped = /ocean_event_streams_closed_total\{reason="slow_consumer"\} [1-9]/.test(metrics);
    }
    expect(dropped).toBe(true);
    slow.resume();
    await slow.ending(5000);
    const last = slow.frames.at(-1)!;
    expect(last.event).toBe('stream.closed');
    const { reason, last_event_id } = JSON.parse(last.data!) as { reason: string; last_event_id: string };
    expect(reason).toBe('slow_consumer');
    // Every event before it arrived, in order; resuming from its last_event_id gives the rest.
    const got = slow.events().filter((e) => e.type === 'page.created');
    expect(got.at(-1)?.id ?? '0000000000000000').toBe(last_event_id);
    const resumed = await open('', { ...bearer(as), 'last-event-id': last_event_id });
    const total = Number(await head(as));
    await resumed.until((r) => r.events().length === total - Number(last_event_id), 10_000, 'the rest');
    expect(resumed.events().map((e) => Number(e.id))).toEqual(
      Array.from({ length: total - Number(last_event_id) }, (_, i) => Number(last_event_id) + i + 1),
    );
    resumed.close();
  });
});
