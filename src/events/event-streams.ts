import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { AuthContext } from '../auth/auth-context';
import { RevocationStore } from '../auth/revocation.store';
import { AppError } from '../common/errors';
import { HttpShutdown } from '../common/http-shutdown';
import { OrgScope } from '../common/org-scope';
import { APP_CONFIG, AppConfig } from '../config/config';
import { MetricsService } from '../metrics/metrics.service';
import { EventHub, EventSubscriber, FAN_OUT_BATCH } from './event-hub';
import { formatEventId, type OceanEvent } from './event-types';
import { EventFilter, EventsRepository } from './events.repository';

/** Bytes a stream may have waiting for its client before it is dropped as too slow. */
export const MAX_PENDING_BYTES = 1024 * 1024;

/** Why a stream ended, as its last event (`event: stream.closed`) says. */
export type CloseReason = 'revoked' | 'expired' | 'slow_consumer' | 'shutdown' | 'client';

const matches = (filter: EventFilter, event: OceanEvent): boolean =>
  (!filter.types || filter.types.includes(event.type)) && (!filter.pageId || event.page_id === filter.pageId);

const frame = (event: OceanEvent): string =>
  `id: ${event.event_id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/** One open stream: a subscriber of the hub that writes SSE frames to its response. */
class Stream implements EventSubscriber {
  cursor: number;
  /** Not yet handed to the hub: events come from the table only. */
  live = false;
  ended = false;
  /** Why it ended, once it has. */
  reason?: CloseReason;
  readonly timers: NodeJS.Timeout[] = [];

  readonly scope: OrgScope;

  constructor(
    readonly auth: AuthContext,
    after: number,
    readonly filter: EventFilter,
    readonly res: ServerResponse,
    private readonly end: (stream: Stream, reason: CloseReason) => void,
  ) {
    this.scope = OrgScope.of(auth);
    this.cursor = after;
  }

  get organizationId(): string {
    return this.scope.organizationId;
  }

  /** Writes the events after its cursor that pass its filter; drops itself when its client lags. */
  deliver(events: OceanEvent[]): void {
    if (this.ended) return;
    let text = '';
    for (const event of events) {
      const seq = Number(event.event_id);
      if (seq <= this.cursor) continue;
      this.cursor = seq;
      if (matches(this.filter, event)) text += frame(event);
    }
    if (text) this.res.write(text);
    if (this.live && this.res.writableLength > MAX_PENDING_BYTES) this.end(this, 'slow_consumer');
  }

  /** The last event its client was sent (or the cursor it resumed from). */
  get lastEventId(): string {
    return formatEventId(this.cursor);
  }
}

/**
 * The open event streams of this instance: each catches up from the table (its Last-Event-ID
 * onwards, as fast as its client reads), then takes live events from the EventHub. A stream is
 * bounded (a client that does not read is dropped with a final event and resumes), capped per
 * organization (EVENT_STREAMS_PER_ORG), ended when its credential is revoked or expires, and
 * ended at the close phase of a stop, so its client resumes on another instance.
 */
@Injectable()
export class EventStreams implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly byOrg = new Map<string, Set<Stream>>();
  private stopping = false;
  private unlisten: Array<() => void> = [];

  constructor(
    private readonly events: EventsRepository,
    private readonly hub: EventHub,
    private readonly revocations: RevocationStore,
    private readonly shutdown: HttpShutdown,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.unlisten = [
      this.revocations.onRevoked(() => this.endRevoked()),
      this.shutdown.whenClosing(() => this.endAll('shutdown')),
    ];
  }

  onApplicationShutdown(): void {
    for (const stop of this.unlisten) stop();
    this.endAll('shutdown');
  }

  /** How many streams this instance has open (for the organization, when named). */
  count(organizationId?: string): number {
    if (organizationId !== undefined) return this.byOrg.get(organizationId)?.size ?? 0;
    let n = 0;
    for (const set of this.byOrg.values()) n += set.size;
    return n;
  }

  /**
   * Opens a stream on `reply` for the caller's organization, from event number `after`. What can
   * be refused is refused before the reply is taken over (a JSON error, as everywhere).
   */
  async open(auth: AuthContext, from: number | undefined, filter: EventFilter, reply: FastifyReply): Promise<void> {
    const scope = OrgScope.of(auth);
    if (this.stopping || this.shutdown.closing) {
      throw new AppError('NOT_READY', 'This instance is stopping; connect again.', undefined, { 'retry-after': '1' });
    }
    if (this.count(scope.organizationId) >= this.config.events.streamsPerOrg) throw new AppError('TOO_MANY_STREAMS');
    const res = reply.raw;
    const stream = new Stream(auth, from ?? 0, filter, res, (s, reason) => this.end(s, reason));
    // Counted before the first await, so concurrent opens cannot pass the cap together; and a
    // client that leaves while the stream is set up frees its place at once.
    this.add(stream);
    res.once('close', () => this.end(stream, 'client'));
    try {
      // Without a resume point, the stream starts at what has committed so far.
      const after = from ?? (await this.events.heads([scope.organizationId])).get(scope.organizationId) ?? 0;
      stream.cursor = after;
      // A first read that can refuse (a resume point past retention) while the reply is still ours.
      const first = await this.events.after(scope, after, FAN_OUT_BATCH);
      if (after > first.head) throw new AppError('UNKNOWN_EVENT_ID');
      if (after + 1 < first.oldest) throw new AppError('EVENTS_EXPIRED');
      // Ended while it was set up: a client gone needs no answer; any other reason gets its error
      // (an empty 200 would make EventSource give up for good).
      if (stream.ended) {
        if (stream.reason === 'client') return void reply.hijack();
        throw stream.reason === 'revoked'
          ? new AppError('TOKEN_REVOKED')
          : stream.reason === 'expired'
            ? new AppError('TOKEN_EXPIRED')
            : new AppError('NOT_READY', 'This instance is stopping; connect again.', undefined, { 'retry-after': '1' });
      }
      reply.hijack();
      res.writeHead(200, {
        ...headersOf(reply),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      });
      // Tells EventSource how long to wait before it reconnects.
      res.write(`retry: 2000\n\n`);
      this.watch(stream);
      await this.catchUp(stream, first.events);
    } catch (err) {
      if (!reply.sent && !res.headersSent) {
        // Refused with a JSON error: the stream never was.
        stream.ended = true;
        this.remove(stream);
        throw err;
      }
      this.end(stream, 'client');
    }
  }

  /** From the table until the stream has all that committed, then live from the hub. */
  private async catchUp(stream: Stream, first: OceanEvent[]): Promise<void> {
    let batch = first;
    for (;;) {
      stream.deliver(batch);
      if (stream.ended) return;
      if (stream.res.writableLength > MAX_PENDING_BYTES) await drained(stream.res);
      if (stream.ended) return;
      if (batch.length < FAN_OUT_BATCH && this.hub.attach(stream)) {
        stream.live = true;
        return;
      }
      batch = await this.events.since(stream.scope, stream.cursor, FAN_OUT_BATCH);
    }
  }

  /** Heartbeats, and the end of the credential: expiry now, revocation on the store's word. */
  private watch(stream: Stream): void {
    const heartbeat = setInterval(() => {
      if (!stream.ended) stream.res.write(': heartbeat\n\n');
    }, this.config.events.heartbeatMs);
    heartbeat.unref();
    stream.timers.push(heartbeat);
    this.watchExpiry(stream);
    if (this.revocations.isRevoked(stream.auth)) this.end(stream, 'revoked');
  }

  /** Ends the stream when its credential expires; setTimeout holds at most 2^31-1 ms, so a long life is re-armed. */
  private watchExpiry(stream: Stream): void {
    const { expiresAt } = stream.auth;
    if (expiresAt === undefined || stream.ended) return;
    const ms = expiresAt * 1000 - Date.now();
    const longest = 2 ** 31 - 1;
    const timer = setTimeout(
      () => (ms > longest ? this.watchExpiry(stream) : this.end(stream, 'expired')),
      Math.max(0, Math.min(ms, longest)),
    );
    timer.unref();
    stream.timers.push(timer);
  }

  private endRevoked(): void {
    for (const set of this.byOrg.values()) {
      for (const stream of set) if (this.revocations.isRevoked(stream.auth)) this.end(stream, 'revoked');
    }
  }

  private endAll(reason: CloseReason): void {
    this.stopping = true;
    for (const set of [...this.byOrg.values()]) for (const stream of [...set]) this.end(stream, reason);
  }

  /** Ends a stream with a last event saying why and where to resume (none for a client gone). */
  private end(stream: Stream, reason: CloseReason): void {
    if (stream.ended) return;
    stream.ended = true;
    stream.reason = reason;
    for (const timer of stream.timers) clearTimeout(timer);
    this.remove(stream);
    this.metrics.eventStreamsClosed.inc({ reason });
    const { res } = stream;
    if (!res.headersSent) return;
    if (reason === 'client' || res.destroyed) {
      res.destroy();
      return;
    }
    res.end(`event: stream.closed\ndata: ${JSON.stringify({ reason, last_event_id: stream.lastEventId })}\n\n`);
    // A client that reads nothing would hold the socket: it goes after a grace second.
    setTimeout(() => res.destroy(), 1000).unref();
  }

  private add(stream: Stream): void {
    let set = this.byOrg.get(stream.organizationId);
    if (!set) this.byOrg.set(stream.organizationId, (set = new Set()));
    set.add(stream);
    this.metrics.eventStreams.inc();
  }

  private remove(stream: Stream): void {
    const set = this.byOrg.get(stream.organizationId);
    if (!set?.delete(stream)) return;
    if (set.size === 0) this.byOrg.delete(stream.organizationId);
    this.metrics.eventStreams.dec();
    if (stream.live) this.hub.detach(stream);
  }
}

/** The headers Fastify's hooks set on the reply so far (security headers, request id, CORS). */
function headersOf(reply: FastifyReply): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value : String(value);
  }
  return headers;
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
