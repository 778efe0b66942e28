import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlocksController } from '../../src/blocks/blocks.controller';
import { EMITS } from '../../src/events/emits.decorator';
import { EventsService } from '../../src/events/events.service';
import { LinksController } from '../../src/links/links.controller';
import { PageTransferController } from '../../src/page-transfer/page-transfer.controller';
import { PagesController } from '../../src/pages/pages.controller';
import { TagsController } from '../../src/tags/tags.controller';
import { addBlock, BLOCKS_URL, createTag, LINKS_URL, TAGS_URL } from '../factories/content';
import { createPage, PAGES } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, onPostgres, TestApp } from '../support/app';
import { Method, Reply, send } from '../support/http';

const EVENTS = '/api/v1/ocean/events';

interface EventJson {
  event_id: string;
  type: string;
  organization_id: string;
  actor: { user_id: string; via: string };
  resource_id: string;
  page_id: string | null;
  data: Record<string, unknown>;
  occurred_at: string;
}

describe('events: the transactional outbox and GET /events', () => {
  let t: TestApp;
  const org = `org-events-${Date.now()}`;
  let token: string;

  const call = (method: Method, url: string, payload?: unknown, as = token, headers?: Record<string, string>) =>
    send(t.app, method, url, { token: as, payload, headers });
  const ok = async (res: Promise<Reply>, status = 200): Promise<Reply> => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r;
  };
  /** Every event of the caller's organization after `after`, through the list's pages. */
  const eventsAfter = async (after: string, as = token, query = ''): Promise<EventJson[]> => {
    const all: EventJson[] = [];
    let cursor = after;
    for (;;) {
      const res = await ok(call('GET', `${EVENTS}?after=${cursor}&limit=7${query}`, undefined, as));
      all.push(...(res.body.events as EventJson[]));
      if (res.body.events.length < 7) return all;
      cursor = res.body.next_after;
    }
  };
  const head = async (as = token): Promise<string> => (await ok(call('GET', EVENTS, undefined, as))).body.next_after;
  const db = (): DataSource => t.app.get(DataSource);

  beforeAll(async () => {
    t = await bootApp();
    token = await signToken({ org, user: 'alice' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('declares its events on every route that changes pages, blocks, links or tags', () => {
    const controllers = [PagesController, BlocksController, LinksController, TagsController, PageTransferController];
    const undeclared: string[] = [];
    let routes = 0;
    for (const controller of controllers) {
      const proto = controller.prototype as unknown as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined || method === RequestMethod.GET) continue;
        routes++;
        if (!Reflect.getMetadata(EMITS, handler)) undeclared.push(`${controller.name}.${name}`);
      }
    }
    expect(routes).toBeGreaterThanOrEqual(19);
    expect(undeclared).toEqual([]);
  });

  it('emits exactly one event per change, with the resource as the API renders it after it', async () => {
    const start = await head();
    expect(start).toMatch(/^\d{16}$/);
    const page = (await ok(call('POST', PAGES, { title: 'Plan' }), 201)).body;
    const child = (await ok(call('POST', PAGES, { title: 'Child' }), 201)).body;
    const updated = (await ok(call('PUT', `${PAGES}/${page.page_id}`, { title: 'Plan B' }))).body;
    const moved = (await ok(call('POST', `${PAGES}/${child.page_id}/move`, { new_parent_id: page.page_id }))).body;
    await ok(call('PUT', `${PAGES}/${child.page_id}`, { is_archived: true }));
    await ok(call('PUT', `${PAGES}/${child.page_id}`, { is_archived: false }));
    await ok(call('DELETE', `${PAGES}/${child.page_id}`), 204);
    await ok(call('POST', `${PAGES}/${child.page_id}/restore`));
    const block = (
      await ok(
        call('POST', `${BLOCKS_URL}?page_id=${page.page_id}`, { block_type: 'text', content: { text: 'one' } }),
        201,
      )
    ).body;
    const batch = (
      await ok(
        call('POST', `${BLOCKS_URL}/batch?page_id=${page.page_id}`, {
          blocks: [
            { block_type: 'text', content: { text: 'two' } },
            { block_type: 'heading', content: { text: 'three', level: 2 } },
          ],
        }),
        201,
      )
    ).body;
    const blockUpdated = (await ok(call('PUT', `${BLOCKS_URL}/${block.block_id}`, { content: { text: 'one!' } }))).body;
    await ok(call('POST', `${BLOCKS_URL}/${block.block_id}/move`, { new_position: 2 }));
    await ok(call('POST', `${BLOCKS_URL}/${block.block_id}/convert`, { new_type: 'heading' }));
    const converted = (await ok(call('PUT', `${BLOCKS_URL}/${block.block_id}/convert`, { new_type: 'text' }))).body;
    const tag = (await ok(call('POST', TAGS_URL, { name: 'Urgent' }), 201)).body;
    await ok(call('PUT', `${TAGS_URL}/${tag.tag_id}`, { color: '#00FF00' }));
    await ok(call('POST', `${BLOCKS_URL}/${block.block_id}/tags`, { tag_id: tag.tag_id.toUpperCase() }));
    await ok(call('DELETE', `${BLOCKS_URL}/${block.block_id}/tags/${tag.tag_id}`), 204);
    const link = (
      await ok(
        call('POST', LINKS_URL, { source_block_id: block.block_id, target_id: child.page_id, link_type: 'reference' }),
        201,
      )
    ).body;
    await ok(call('DELETE', `${LINKS_URL}/${link.link_id}`), 204);
    await ok(call('DELETE', `${TAGS_URL}/${tag.tag_id}`));
    await ok(call('DELETE', `${BLOCKS_URL}/${batch.blocks[0].block_id.toUpperCase()}`), 204);
    await ok(call('DELETE', `${PAGES}/${child.page_id}`), 204);
    await ok(call('DELETE', `${PAGES}/${child.page_id}?permanent=true`), 204);
    const imported = (
      await ok(
        call('POST', '/api/v1/ocean/pages/import', '# Imported\n\nFirst paragraph.\n\n- an item\n', token, {
          'content-type': 'text/markdown',
        }),
        201,
      )
    ).body;

    const events = await eventsAfter(start);
    expect(events.map((e) => e.type)).toEqual([
      'page.created',
      'page.created',
      'page.updated',
      'page.moved',
      'page.archived',
      'page.restored',
      'page.archived',
      'page.restored',
      'block.created',
      'block.created',
      'block.created',
      'block.updated',
      'block.moved',
      'block.converted',
      'block.converted',
      'tag.created',
      'tag.updated',
      'block.tagged',
      'block.untagged',
      'link.created',
      'link.deleted',
      'tag.deleted',
      'block.deleted',
      'page.archived',
      'page.deleted',
      'page.created',
      'block.created',
      'block.created',
    ]);
    // Ids: consecutive, in the organization's order, strings that sort.
    const seqs = events.map((e) => Number(e.event_id));
    expect(seqs).toEqual(seqs.map((_, i) => Number(start) + i + 1));
    expect([...events.map((e) => e.event_id)].sort()).toEqual(events.map((e) => e.event_id));
    for (const e of events) {
      expect(e.organization_id).toBe(org);
      expect(e.actor).toEqual({ user_id: 'alice', via: 'jwt' });
      expect(Date.parse(e.occurred_at)).toBeGreaterThan(Date.now() - 60_000);
    }
    // The data is what the API answered for the change.
    expect(events[0].data).toEqual(page);
    expect(events[0]).toMatchObject({ resource_id: page.page_id, page_id: page.page_id });
    expect(events[2].data).toEqual(updated);
    expect(events[3].data).toEqual(moved);
    expect(events[4].data).toMatchObject({ page_id: child.page_id, is_archived: true });
    expect(events[8].data).toEqual(block);
    expect(events[8]).toMatchObject({ resource_id: block.block_id, page_id: page.page_id });
    expect([events[9].data, events[10].data]).toEqual(batch.blocks);
    expect(events[11].data).toEqual(blockUpdated);
    expect(events[17]).toMatchObject({
      resource_id: block.block_id,
      page_id: page.page_id,
      data: { block_id: block.block_id, tag_id: tag.tag_id, tags: [expect.objectContaining({ tag_id: tag.tag_id })] },
    });
    expect(events[18].data).toEqual({ block_id: block.block_id, tag_id: tag.tag_id });
    expect(events[19].data).toEqual(link);
    expect(events[20]).toMatchObject({ resource_id: link.link_id, data: { link_id: link.link_id } });
    expect(events[21]).toMatchObject({ resource_id: tag.tag_id, page_id: null, data: { tag_id: tag.tag_id } });
    // Deletions carry ids only, in their canonical (lower-case) spelling.
    expect(events[22]).toMatchObject({
      resource_id: batch.blocks[0].block_id,
      page_id: page.page_id,
      data: { block_id: batch.blocks[0].block_id, page_id: page.page_id },
    });
    expect(events[24]).toMatchObject({ resource_id: child.page_id, data: { page_id: child.page_id } });
    expect(Object.keys(events[24].data)).toEqual(['page_id']);
    expect(events[25].data).toEqual(imported);
    expect(events.slice(26).map((e) => e.page_id)).toEqual([imported.page_id, imported.page_id]);
    expect(events[14].data).toEqual(converted);
    // The last event of a resource says what a read says now.
    const pageNow = (await ok(call('GET', `${PAGES}/${imported.page_id}`))).body;
    expect(events[25].data).toEqual(pageNow);
  });

  it('emits nothing for a change that is refused, fails or changes nothing', async () => {
    const page = await createPage(t.app, token, { title: 'Quiet' });
    const block = await addBlock(t.app, token, page.page_id);
    const tag = await createTag(t.app, token, { name: `quiet-${Date.now()}` });
    const before = await head();
    const missing = '00000000-0000-4000-8000-000000000000';
    const refusals: Array<[Method, string, unknown, number]> = [
      ['POST', PAGES, { title: 7 }, 400],
      ['PUT', `${PAGES}/${missing}`, { title: 'x' }, 404],
      ['PUT', `${PAGES}/not-a-uuid`, { title: 'x' }, 404],
      ['DELETE', `${PAGES}/${page.page_id}?permanent=true`, undefined, 409],
      ['DELETE', `${PAGES}/${missing}`, undefined, 404],
      ['POST', `${PAGES}/${page.page_id}/move`, { new_parent_id: page.page_id }, 400],
      ['POST', `${BLOCKS_URL}?page_id=${missing}`, { block_type: 'text', content: { text: 'x' } }, 404],
      ['DELETE', `${BLOCKS_URL}/${missing}`, undefined, 404],
      ['DELETE', `${BLOCKS_URL}/zzz`, undefined, 404],
      ['POST', `${BLOCKS_URL}/${block.block_id}/tags`, { tag_id: missing }, 404],
      ['DELETE', `${BLOCKS_URL}/${block.block_id}/tags/${tag.tag_id}`, undefined, 404],
      ['POST', TAGS_URL, { name: tag.name }, 409],
      ['DELETE', `${LINKS_URL}/${missing}`, undefined, 404],
    ];
    for (const [method, url, payload, status] of refusals) {
      const res = await call(method, url, payload);
      expect([method, url, res.status]).toEqual([method, url, status]);
    }
    const stale = await call('PUT', `${BLOCKS_URL}/${block.block_id}`, { content: { text: 'y' } }, token, {
      'if-match': '"999"',
    });
    expect(stale.status).toBe(409);
    // Archiving a page twice: the second changes nothing and says nothing.
    await ok(call('DELETE', `${PAGES}/${page.page_id}`), 204);
    await ok(call('DELETE', `${PAGES}/${page.page_id}`), 204);
    const after = await eventsAfter(before);
    expect(after.map((e) => e.type)).toEqual(['page.archived']);
  });

  it('commits a change and its event together: when the event cannot be written, the change is rolled back', async () => {
    const before = await head();
    // A database that refuses this one event (as a full disk or a bug would).
    await db().query(`
      CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.data->>'title' = 'unsaid' THEN RAISE EXCEPTION 'event refused'; END IF;
        RETURN NEW;
      END $$`);
    await db().query(
      `CREATE TRIGGER refuse_event BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_event()`,
    );
    try {
      const res = await call('POST', PAGES, { title: 'unsaid' });
      expect(res.status).toBe(500);
      const rows: Array<{ n: number }> = await db().query(
        `SELECT count(*)::int AS n FROM pages WHERE organization_id = $1 AND title = 'unsaid'`,
        [org],
      );
      expect(rows[0].n).toBe(0);
    } finally {
      await db().query(`DROP TRIGGER refuse_event ON events`);
      await db().query(`DROP FUNCTION refuse_event()`);
    }
    // The number it would have taken is taken by the next change: no gap.
    await ok(call('POST', PAGES, { title: 'said' }), 201);
    const after = await eventsAfter(before);
    expect(after.map((e) => [Number(e.event_id) - Number(before), e.data.title])).toEqual([[1, 'said']]);
  });

  it('shows an organization its own events only, whatever it filters by', async () => {
    const other = await signToken({ org: `${org}-other`, user: 'mallory' });
    const mine = await createPage(t.app, token, { title: 'Mine' });
    await addBlock(t.app, token, mine.page_id);
    const theirs = await eventsAfter('0', other);
    expect(theirs).toEqual([]);
    const forged = await ok(call('GET', `${EVENTS}?page_id=${mine.page_id}`, undefined, other));
    expect(forged.body.events).toEqual([]);
    expect(forged.body.next_after).toBe('0000000000000000');
    // The organization_id of another organization in the query is refused (as everywhere).
    const res = await call('GET', `${EVENTS}?organization_id=${org}`, undefined, other);
    expect(res.status).toBe(403);
    // Its own change shows in its own list, numbered from 1.
    await createPage(t.app, other, { title: 'Theirs' });
    const own = await eventsAfter('0', other);
    expect(own.map((e) => [e.event_id, e.organization_id, e.data.title])).toEqual([
      ['0000000000000001', `${org}-other`, 'Theirs'],
    ]);
  });

  it('filters by type and page, pages through with next_after, and refuses bad parameters', async () => {
    const start = await head();
    const a = await createPage(t.app, token, { title: 'A' });
    const b = await createPage(t.app, token, { title: 'B' });
    await addBlock(t.app, token, a.page_id);
    await addBlock(t.app, token, b.page_id);
    await ok(call('PUT', `${PAGES}/${a.page_id}`, { title: 'A2' }));
    const onA = await eventsAfter(start, token, `&page_id=${a.page_id.toUpperCase()}`);
    expect(onA.map((e) => e.type)).toEqual(['page.created', 'block.created', 'page.updated']);
    const blocks = await eventsAfter(start, token, '&types=block.created,page.updated');
    expect(blocks.map((e) => e.type)).toEqual(['block.created', 'block.created', 'page.updated']);
    // Fewer matches than the limit: next_after moves on to the organization's last event.
    const filtered = await ok(call('GET', `${EVENTS}?after=${start}&types=tag.deleted`));
    expect(filtered.body).toEqual({ events: [], next_after: await head() });
    const one = await ok(call('GET', `${EVENTS}?after=${start}&limit=1`));
    expect(one.body.events).toHaveLength(1);
    expect(one.body.next_after).toBe(one.body.events[0].event_id);
    const bad = [
      'after=abc',
      'after=-1',
      'after=12345678901234567',
      'after=',
      'limit=0',
      'limit=501',
      'limit=x',
      'types=page.exploded',
      'types=',
      'page_id=nope',
      'after=1&after=2',
      'after=%00',
    ];
    for (const query of bad) {
      const res = await call('GET', `${EVENTS}?${query}`);
      expect([query, res.status, res.body?.error_code]).toEqual([query, 400, expect.any(String)]);
    }
    const beyond = await call('GET', `${EVENTS}?after=${String(Number(await head()) + 5).padStart(16, '0')}`);
    expect([beyond.status, beyond.body.error_code]).toEqual([400, 'UNKNOWN_EVENT_ID']);
  });

  it('sweeps events past the retention period, and a resume from before them answers 410', async () => {
    const as = await signToken({ org: `${org}-retention`, user: 'rita' });
    const first = await createPage(t.app, as, { title: 'old' });
    await addBlock(t.app, as, first.page_id);
    await createPage(t.app, as, { title: 'new' });
    await db().query(
      `UPDATE events SET occurred_at = now() - interval '8 days' WHERE organization_id = $1 AND seq <= 2`,
      [`${org}-retention`],
    );
    expect(await t.app.get(EventsService).sweep()).toBeGreaterThanOrEqual(2);
    for (const after of ['0', '1']) {
      const res = await call('GET', `${EVENTS}?after=${after}`, undefined, as);
      expect([after, res.status, res.body.error_code]).toEqual([after, 410, 'EVENTS_EXPIRED']);
    }
    // From the last swept one on, nothing is missing.
    const rest = await ok(call('GET', `${EVENTS}?after=2`, undefined, as));
    expect(rest.body.events.map((e: EventJson) => e.data.title)).toEqual(['new']);
    const fresh = await ok(call('GET', EVENTS, undefined, as));
    expect(fresh.body.events.map((e: EventJson) => e.event_id)).toEqual(['0000000000000003']);
  });

  it.runIf(onPostgres())(
    'numbers events in commit order: a writer waits for the one before it, and a rollback leaves no gap',
    async () => {
      const orgId = `${org}-order`;
      const as = await signToken({ org: orgId, user: 'olga' });
      await createPage(t.app, as, { title: 'first' });
      // Another transaction holds the organization's counter, as a concurrent writer does from
      // its append until it commits.
      const holder = new Client({ connectionString: t.databaseUrl });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query(`UPDATE event_counters SET last_seq = last_seq + 1 WHERE organization_id = $1`, [orgId]);
        let answered = false;
        const write = call('POST', PAGES, { title: 'second' }, as).then((r) => {
          answered = true;
          return r;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        // The second writer cannot commit before the first: it waits, and no reader sees it.
        expect(answered).toBe(false);
        const meanwhile = await ok(call('GET', `${EVENTS}?after=0`, undefined, as));
        expect(meanwhile.body.events.map((e: EventJson) => e.data.title)).toEqual(['first']);
        await holder.query('ROLLBACK');
        expect((await write).status).toBe(201);
      } finally {
        await holder.end();
      }
      const events = await eventsAfter('0', as);
      expect(events.map((e) => [e.event_id, e.data.title])).toEqual([
        ['0000000000000001', 'first'],
        ['0000000000000002', 'second'],
      ]);
    },
  );

  it('numbers 30 concurrent writes of one organization without a gap or a repeat', async () => {
    const orgId = `${org}-concurrent`;
    const as = await signToken({ org: orgId, user: 'cora' });
    const page = await createPage(t.app, as, { title: 'busy' });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? call('POST', PAGES, { title: `p${i}` }, as)
          : call(
              'POST',
              `${BLOCKS_URL}?page_id=${page.page_id}`,
              { block_type: 'text', content: { text: `b${i}` } },
              as,
            ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    const events = await eventsAfter('0', as);
    expect(events.map((e) => Number(e.event_id))).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    const ids = new Set(events.slice(1).map((e) => e.resource_id));
    expect(ids.size).toBe(30);
  });
});
