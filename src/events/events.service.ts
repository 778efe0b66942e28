import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { StreamTickets } from '../auth/stream-tickets';
import { AppError } from '../common/errors';
import { OrgScope } from '../common/org-scope';
import { APP_CONFIG, AppConfig } from '../config/config';
import { formatEventId, parseEventId, type OceanEvent } from './event-types';
import { EventFilter, EventsRepository } from './events.repository';

const SWEEP_MS = 60 * 60 * 1000;
const SWEEP_BATCH = 5000;

/** A resume point given by a client: an event id of the organization, or nothing (the start). */
export function resumePoint(id: string | undefined): number | undefined {
  if (id === undefined) return undefined;
  const seq = parseEventId(id);
  if (seq === null) throw new AppError('VALIDATION_FAILED', 'An event id is up to 16 digits.');
  return seq;
}

/** The catch-up list and the retention sweep of the outbox. */
@Injectable()
export class EventsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Events');
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly events: EventsRepository,
    private readonly tickets: StreamTickets,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), SWEEP_MS);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  /**
   * Up to `limit` events after `after`, oldest first, and where to resume. 410 when events after
   * `after` were swept; 400 for an id past the organization's last event (not one of its ids).
   */
  async list(
    auth: AuthContext,
    after: number | undefined,
    limit: number,
    filter: EventFilter,
  ): Promise<{ events: OceanEvent[]; nextAfter: string }> {
    const page = await this.events.after(OrgScope.of(auth), after ?? 0, limit, filter);
    if (after !== undefined) {
      if (after > page.head) throw new AppError('UNKNOWN_EVENT_ID');
      if (after + 1 < page.oldest) throw new AppError('EVENTS_EXPIRED');
    }
    const last = page.events.length > 0 ? Number(page.events[page.events.length - 1].event_id) : (after ?? 0);
    const nextAfter = page.events.length < limit ? Math.max(last, page.head) : last;
    return { events: page.events, nextAfter: formatEventId(nextAfter) };
  }

  issueTicket(auth: AuthContext): Promise<{ ticket: string; expiresIn: number }> {
    return this.tickets.issue(auth);
  }

  /** Deletes events past EVENT_RETENTION_DAYS and tickets past their minute; answers how many events. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.events.sweep(this.config.events.retentionDays, SWEEP_BATCH);
      total += n;
      if (n < SWEEP_BATCH) break;
    }
    await this.tickets.purgeExpired();
    if (total > 0) this.logger.log(`swept ${total} events past ${this.config.events.retentionDays} days`);
    return total;
  }
}
