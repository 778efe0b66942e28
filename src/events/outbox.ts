import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { OrgScope } from '../common/org-scope';
import { Broadcast } from '../database/broadcast';
import { MetricsService } from '../metrics/metrics.service';
import { EventHub } from './event-hub';
import type { EventDraft } from './event-types';
import { EVENTS_CHANNEL, EventsRepository } from './events.repository';

/** What else a change's events write in its transaction (webhook deliveries). */
export type AppendListener = (organizationId: string, events: Array<{ seq: number; type: string }>) => Promise<void>;

/** Writes events in the change's transaction, and tells every instance once it has committed. */
@Injectable()
export class Outbox {
  private readonly listeners: AppendListener[] = [];

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
    const scope = OrgScope.of(actor);
    const last = await this.events.append(scope, actor, drafts, this.notifiesInTransaction);
    const appended = drafts.map((d, i) => ({ seq: last - drafts.length + 1 + i, type: d.type }));
    for (const listener of this.listeners) await listener(scope.organizationId, appended);
    this.metrics.eventsAppended.inc(drafts.length);
    return last;
  }

  /** `listener` runs in the transaction of every append, after the events are written. */
  onAppend(listener: AppendListener): void {
    this.listeners.push(listener);
  }

  /** The organization's events up to `last` have committed: this instance's streams, then the others. */
  committed(organizationId: string, last: number): void {
    this.hub.committed(organizationId, last);
    if (!this.notifiesInTransaction && this.broadcast.shared) {
      void this.broadcast.publish(EVENTS_CHANNEL, `${organizationId}\n${last}`);
    }
  }
}
