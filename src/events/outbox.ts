import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { OrgScope } from '../common/org-scope';
import { Broadcast } from '../database/broadcast';
import { MetricsService } from '../metrics/metrics.service';
import { EventHub } from './event-hub';
import type { EventDraft } from './event-types';
import { EVENTS_CHANNEL, EventsRepository } from './events.repository';

/** Writes events in the change's transaction, and tells every instance once it has committed. */
@Injectable()
export class Outbox {
  private readonly extensions: string[] = [];

  constructor(
    private readonly events: EventsRepository,
    private readonly hub: EventHub,
    private readonly broadcast: Broadcast,
    private readonly metrics: MetricsService,
  ) {}

  /** True when the commit itself tells the other instances (NOTIFY without Redis). */
  private get notifiesInTransaction(): boolean {
    return this.broadcast.shared && !this.broadcast.viaRedis;
  }

  /** Appends in the current transaction; answers the last event number (0 when none). */
  async append(actor: AuthContext, drafts: EventDraft[]): Promise<number> {
    if (drafts.length === 0) return 0;
    const last = await this.events.append(
      OrgScope.of(actor),
      actor,
      drafts,
      this.notifiesInTransaction,
      this.extensions,
    );
    this.metrics.eventsAppended.inc(drafts.length);
    return last;
  }

  /**
   * What else every append writes, in its own statement (so in the change's transaction): a CTE
   * that reads `appended (seq, type)` and the organization as `$1`. The webhooks' deliveries are
   * one: a single round trip while the organization's counter row is locked.
   */
  extendAppend(cte: string): void {
    this.extensions.push(cte);
  }

  /** The organization's events up to `last` have committed: this instance's streams, then the others. */
  committed(organizationId: string, last: number): void {
    this.hub.committed(organizationId, last);
    if (!this.notifiesInTransaction && this.broadcast.shared) {
      void this.broadcast.publish(EVENTS_CHANNEL, `${organizationId}\n${last}`);
    }
  }
}
