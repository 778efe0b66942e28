import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import type { OrgScope } from '../common/org-scope';
import { queryPrepared } from '../database/api-rows';
import { Db } from '../database/db';
import { EventDraft, EventType, formatEventId, OceanEvent } from './event-types';

/** The channel every instance listens on; a message is `<organization>\n<last seq>`. */
export const EVENTS_CHANNEL = 'ocean_events';

/** What a reader asks for after `after` (exclusive). */
export interface EventFilter {
  types?: EventType[];
  pageId?: string;
}

/** One read of the outbox, with where the organization's events start and end in its snapshot. */
export interface EventPage {
  events: OceanEvent[];
  /** The organization's last event number (0: none yet). */
  head: number;
  /** The smallest event number still kept, or head + 1 when none is. */
  oldest: number;
}

const COLUMNS = `organization_id, seq, type, actor_user_id, actor_via, resource_id, page_id, data, occurred_at`;

function toEvent(r: Record<string, unknown>): OceanEvent {
  return {
    event_id: formatEventId(Number(r.seq)),
    type: r.type as EventType,
    organization_id: r.organization_id as string,
    actor: { user_id: r.actor_user_id as string, via: r.actor_via as AuthContext['via'] },
    resource_id: r.resource_id as string,
    page_id: (r.page_id as string | null) ?? null,
    data: r.data as Record<string, unknown>,
    occurred_at: (r.occurred_at as Date).toISOString(),
  };
}

/**
 * The events table (see the create-events migration). `occurred_at` is the time of the append
 * (clock_timestamp(), not the transaction's start): appends of an organization are serialized by
 * its counter row, so the times grow with the numbers and the retention sweep, which goes by
 * time, never leaves a hole behind an event it keeps. Appending is one statement: the counter
 * upsert (whose row lock orders the organization's commits), the rows, and, when PostgreSQL
 * NOTIFY is the channel, the notification, which PostgreSQL sends at commit and not at all on
 * rollback.
 */
@Injectable()
export class EventsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Appends `drafts` in the current transaction; answers the last event number they took.
   * `extensions` are more CTEs of the same statement, which read `appended (seq, type)` and the
   * organization as `$1` (the webhooks' deliveries): one round trip while the counter is held.
   */
  async append(
    scope: OrgScope,
    actor: AuthContext,
    drafts: EventDraft[],
    notify: boolean,
    extensions: readonly string[] = [],
  ): Promise<number> {
    const events = drafts.map((d) => ({ type: d.type, resource_id: d.resourceId, page_id: d.pageId, data: d.data }));
    const rows = await queryPrepared<{ last: string }>(
      this.db.tx,
      `WITH counter AS (
         INSERT INTO event_counters AS c (organization_id, last_seq) VALUES ($1, $2)
         ON CONFLICT (organization_id) DO UPDATE SET last_seq = c.last_seq + EXCLUDED.last_seq
         RETURNING last_seq
       ), appended AS (
         INSERT INTO events (organization_id, seq, type, actor_user_id, actor_via, resource_id, page_id, data,
           occurred_at)
         SELECT $1, counter.last_seq - $2 + e.n, e.ev->>'type', $3, $4, (e.ev->>'resource_id')::uuid,
           (e.ev->>'page_id')::uuid, e.ev->'data', clock_timestamp()
         FROM counter, jsonb_array_elements($5::jsonb) WITH ORDINALITY AS e(ev, n)
         RETURNING seq, type
       )${extensions.map((cte) => `, ${cte}`).join('')}
       SELECT max(seq) AS last${notify ? `, pg_notify('${EVENTS_CHANNEL}', $1 || chr(10) || max(seq)::text)` : ''}
       FROM appended`,
      [scope.organizationId, drafts.length, actor.userId, actor.via, JSON.stringify(events)],
    );
    return Number(rows[0].last);
  }

  /**
   * Up to `limit` events after `after` that match `filter`, oldest first, with the head and the
   * oldest kept number, all of one snapshot: an event committed later has a larger number than
   * `head` (commits are in number order), so a reader may move on to `head` when fewer than
   * `limit` matched.
   */
  async after(scope: OrgScope, after: number, limit: number, filter: EventFilter = {}): Promise<EventPage> {
    const rows = await queryPrepared<Record<string, unknown>>(
      this.db.tx,
      `WITH bounds AS (
         SELECT coalesce((SELECT last_seq FROM event_counters WHERE organization_id = $1), 0) AS head,
                (SELECT min(seq) FROM events WHERE organization_id = $1) AS oldest
       )
       SELECT bounds.head, bounds.oldest, e.*
       FROM bounds LEFT JOIN LATERAL (
         SELECT ${COLUMNS} FROM events
         WHERE organization_id = $1 AND seq > $2
           AND ($4::text[] IS NULL OR type = ANY($4::text[]))
           AND ($5::uuid IS NULL OR page_id = $5::uuid)
         ORDER BY seq LIMIT $3
       ) e ON true
       ORDER BY e.seq`,
      [scope.organizationId, after, limit, filter.types ?? null, filter.pageId ?? null],
    );
    const head = Number(rows[0].head);
    const oldest = rows[0].oldest === null ? head + 1 : Number(rows[0].oldest);
    return { events: rows.filter((r) => r.seq !== null).map(toEvent), head, oldest };
  }

  /** Every event after `after`, unfiltered, up to `limit`: what an instance fans out. */
  async since(scope: OrgScope, after: number, limit: number): Promise<OceanEvent[]> {
    const rows = await queryPrepared<Record<string, unknown>>(
      this.db.tx,
      `SELECT ${COLUMNS} FROM events WHERE organization_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [scope.organizationId, after, limit],
    );
    return rows.map(toEvent);
  }

  /**
   * The last event number of each of `organizationIds` that has one: the one read across
   * organizations (an instance's look at the organizations it has streams for), of counters only.
   */
  async heads(organizationIds: string[]): Promise<Map<string, number>> {
    const rows: Array<{ organization_id: string; last_seq: string }> = await this.db.tx.query(
      `SELECT organization_id, last_seq FROM event_counters WHERE organization_id = ANY($1::text[])`,
      [organizationIds],
    );
    return new Map(rows.map((r) => [r.organization_id, Number(r.last_seq)]));
  }

  /** Deletes up to `batch` events older than `days` days; answers how many. */
  async sweep(days: number, batch: number): Promise<number> {
    const [, affected] = await this.db.tx.query<[unknown, number]>(
      `DELETE FROM events WHERE (organization_id, seq) IN (
         SELECT organization_id, seq FROM events WHERE occurred_at < now() - make_interval(days => $1) LIMIT $2)`,
      [days, batch],
    );
    return affected;
  }
}
