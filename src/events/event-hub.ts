import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Broadcast } from '../database/broadcast';
import type { OrgScope } from '../common/org-scope';
import type { OceanEvent } from './event-types';
import { EVENTS_CHANNEL, EventsRepository } from './events.repository';

/** Rows an instance reads of one organization's outbox at a time. */
export const FAN_OUT_BATCH = 500;

/** A live reader of one organization's events (an open stream). */
export interface EventSubscriber {
  readonly scope: OrgScope;
  /** The last event number it has seen; it is handed only later ones. */
  readonly cursor: number;
  /** Events after its cursor, in order; the subscriber filters and advances its cursor. */
  deliver(events: OceanEvent[]): void;
}

interface OrgFeed {
  scope: OrgScope;
  /** The last event number handed to this organization's subscribers. */
  cursor: number;
  subscribers: Set<EventSubscriber>;
  reading: boolean;
  /** Told of a newer event while reading: read again. */
  again: boolean;
}

/**
 * This instance's fan-out: one reader of the outbox per organization with open streams, however
 * many streams it has. A message on the events channel (any instance's commit, this one's too)
 * is a hint to read the table after the organization's cursor; so is a feed reconnecting, and so
 * is a look at the counters every EVENT_POLL_MS, which bounds what a lost message can delay.
 * Nothing is ever taken from a message but the organization and how far it got.
 */
@Injectable()
export class EventHub implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Events');
  private readonly feeds = new Map<string, OrgFeed>();
  private poller?: NodeJS.Timeout;

  constructor(
    private readonly events: EventsRepository,
    private readonly broadcast: Broadcast,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.broadcast.subscribe(EVENTS_CHANNEL, {
      message: (payload) => {
        const [organizationId, seq] = payload.split('\n');
        if (organizationId && /^[0-9]+$/.test(seq ?? '')) this.committed(organizationId, Number(seq));
      },
      resync: () => {
        for (const organizationId of this.feeds.keys()) this.read(organizationId);
      },
    });
    this.poller = setInterval(() => void this.poll(), this.config.events.pollMs);
    this.poller.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.poller);
  }

  /** The organization's events up to `seq` have committed (told by an instance, or by the counter). */
  committed(organizationId: string, seq: number): void {
    const feed = this.feeds.get(organizationId);
    if (feed && seq > feed.cursor) this.read(organizationId);
  }

  /**
   * Adds a subscriber that has caught up to its cursor from the table. Answers false when this
   * instance has already handed out events past that cursor (the subscriber must read the table
   * again first): what the feed hands out from now on starts after its own cursor.
   */
  attach(subscriber: EventSubscriber): boolean {
    const { organizationId } = subscriber.scope;
    let feed = this.feeds.get(organizationId);
    if (!feed) {
      feed = {
        scope: subscriber.scope,
        cursor: subscriber.cursor,
        subscribers: new Set(),
        reading: false,
        again: false,
      };
      this.feeds.set(organizationId, feed);
      feed.subscribers.add(subscriber);
      // Whatever committed between the subscriber's last read and now.
      this.read(organizationId);
      return true;
    }
    if (feed.cursor > subscriber.cursor) return false;
    feed.subscribers.add(subscriber);
    return true;
  }

  detach(subscriber: EventSubscriber): void {
    const { organizationId } = subscriber.scope;
    const feed = this.feeds.get(organizationId);
    if (!feed) return;
    feed.subscribers.delete(subscriber);
    if (feed.subscribers.size === 0) this.feeds.delete(organizationId);
  }

  /** Reads the organization's outbox after its cursor and hands the events out, once at a time. */
  private read(organizationId: string): void {
    const feed = this.feeds.get(organizationId);
    if (!feed) return;
    if (feed.reading) {
      feed.again = true;
      return;
    }
    feed.reading = true;
    void (async () => {
      try {
        for (;;) {
          feed.again = false;
          const events = await this.events.since(feed.scope, feed.cursor, FAN_OUT_BATCH);
          if (events.length > 0) {
            feed.cursor = Number(events[events.length - 1].event_id);
            for (const subscriber of [...feed.subscribers]) {
              if (feed.subscribers.has(subscriber)) subscriber.deliver(events);
            }
          }
          if (events.length < FAN_OUT_BATCH && !feed.again) break;
          if (this.feeds.get(organizationId) !== feed) break;
        }
      } catch (err) {
        // The next message or poll reads again from the same cursor: nothing is skipped.
        this.logger.warn(`events of an organization not read: ${(err as Error).message}`);
      } finally {
        feed.reading = false;
      }
    })();
  }

  /** Asks the counters of the organizations with streams: the bound on a lost message. */
  private async poll(): Promise<void> {
    if (this.feeds.size === 0) return;
    try {
      const heads = await this.events.heads([...this.feeds.keys()]);
      for (const [organizationId, seq] of heads) this.committed(organizationId, seq);
    } catch {
      // The database is away; the next poll asks again.
    }
  }
}
