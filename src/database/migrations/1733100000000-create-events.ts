import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event outbox and stream tickets.
 *
 * - `events`: one row per change of a page, block, link or tag, written in the change's own
 *   transaction. `seq` counts per organization, from `event_counters`: the writer's upsert of
 *   its organization's counter row holds that row's lock until it commits, so an organization's
 *   events commit in `seq` order and a rolled-back change takes its number back with it. A
 *   reader that resumes after `seq` n therefore never skips an event that commits later with a
 *   smaller number: there is none (no gaps, no out-of-order commits).
 * - `event_counters` outlives the events it counted: the retention sweep deletes old events,
 *   and the counter tells a reader resuming from before the oldest kept event that it missed some.
 * - `stream_tickets`: single-use tickets for EventSource, which cannot send headers; the ticket
 *   itself is never stored, only its SHA-256, with the caller it stands for.
 */
export class CreateEvents1733100000000 implements MigrationInterface {
  name = 'CreateEvents1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_counters (
        organization_id text NOT NULL,
        last_seq bigint NOT NULL,
        CONSTRAINT event_counters_pkey PRIMARY KEY (organization_id)
      )`);
    await q.query(`
      CREATE TABLE events (
        organization_id text NOT NULL,
        seq bigint NOT NULL,
        type varchar(40) NOT NULL,
        actor_user_id text NOT NULL,
        actor_via varchar(10) NOT NULL,
        resource_id uuid NOT NULL,
        page_id uuid,
        data jsonb NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_pkey PRIMARY KEY (organization_id, seq),
        CONSTRAINT events_data_object CHECK (jsonb_typeof(data) = 'object')
      )`);
    // BRIN: occurred_at grows with the appends, so block ranges stay tight; the hourly sweep is
    // its only reader, and a BRIN entry is far cheaper to keep up on every write than a btree's.
    await q.query(`CREATE INDEX events_occurred_brin ON events USING brin (occurred_at)`);
    await q.query(`
      CREATE TABLE stream_tickets (
        ticket_hash varchar(64) NOT NULL,
        organization_id text NOT NULL,
        context jsonb NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT stream_tickets_pkey PRIMARY KEY (ticket_hash)
      )`);
    await q.query(`CREATE INDEX stream_tickets_expires_idx ON stream_tickets (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stream_tickets`);
    await q.query(`DROP TABLE events`);
    await q.query(`DROP TABLE event_counters`);
  }
}
