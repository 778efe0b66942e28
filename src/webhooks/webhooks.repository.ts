import { Injectable } from '@nestjs/common';
import type { OrgScope } from '../common/org-scope';
import { Db } from '../database/db';
import { DeliveryStatus, Webhook, WebhookDelivery } from './webhook.entity';

export const WEBHOOK_QUEUE = 'webhook';

/** The jobs of the webhooks in `hook_deliveries`: due now, unless running or waiting out a backoff. */
const QUEUE_UPSERT = `INSERT INTO jobs (organization_id, queue, subject_id, payload)
      SELECT DISTINCT $1, '${WEBHOOK_QUEUE}', webhook_id::text, '{"gen": 1}'::jsonb FROM hook_deliveries
      ON CONFLICT (queue, organization_id, subject_id) DO UPDATE SET
        payload = jsonb_build_object('gen', coalesce((jobs.payload->>'gen')::bigint, 0) + 1),
        state = CASE WHEN jobs.state IN ('running', 'pending') THEN jobs.state ELSE 'pending' END,
        run_at = CASE WHEN jobs.state IN ('running', 'pending') THEN jobs.run_at ELSE now() END,
        attempts = CASE WHEN jobs.state IN ('running', 'pending') THEN jobs.attempts ELSE 0 END,
        updated_at = now()`;

export interface WebhookFields {
  url?: string;
  types?: string[];
  description?: string | null;
  enabled?: boolean;
}

/** A delivery due for sending, with its body (the event as the API renders it). */
export interface DueDelivery {
  id: string;
  eventId: string | null;
  eventType: string;
  attempts: number;
  nextAttemptAt: Date;
  /** The event JSON; null when the event has been swept meanwhile. */
  body: Record<string, unknown> | null;
}

const EVENT_JSON = `jsonb_build_object(
  'event_id', lpad(e.seq::text, 16, '0'), 'type', e.type, 'organization_id', e.organization_id,
  'actor', jsonb_build_object('user_id', e.actor_user_id, 'via', e.actor_via),
  'resource_id', e.resource_id, 'page_id', e.page_id, 'data', e.data,
  'occurred_at', to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

/** The webhooks and deliveries tables; what a request reads is scoped, what the runner reads is by its job. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly db: Db) {}

  async insert(
    row: Omit<Webhook, 'createdAt' | 'updatedAt' | 'disabledReason' | 'failingSince' | 'enabled'>,
  ): Promise<Webhook> {
    const repo = this.db.tx.getRepository(Webhook);
    await repo.insert({ ...row, enabled: true });
    return repo.findOneByOrFail({ organizationId: row.organizationId, id: row.id });
  }

  find(scope: OrgScope, id: string): Promise<Webhook | null> {
    return this.db.tx.getRepository(Webhook).findOneBy({ organizationId: scope.organizationId, id });
  }

  list(scope: OrgScope): Promise<Webhook[]> {
    return this.db.tx
      .getRepository(Webhook)
      .find({ where: { organizationId: scope.organizationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async update(scope: OrgScope, id: string, fields: WebhookFields): Promise<void> {
    const set: Partial<Webhook> = { ...fields };
    // Enabling again starts afresh: no reason, no failure streak.
    if (fields.enabled === true) Object.assign(set, { disabledReason: null, failingSince: null });
    await this.db.tx.getRepository(Webhook).update({ organizationId: scope.organizationId, id }, set);
  }

  async delete(scope: OrgScope, id: string): Promise<boolean> {
    const result = await this.db.tx.getRepository(Webhook).delete({ organizationId: scope.organizationId, id });
    await this.db.tx.query(`DELETE FROM jobs WHERE queue = $1 AND organization_id = $2 AND subject_id = $3`, [
      WEBHOOK_QUEUE,
      scope.organizationId,
      id,
    ]);
    return (result.affected ?? 0) > 0;
  }

  /**
   * The part of every events append that writes deliveries (Outbox.extendAppend): a delivery for
   * every enabled webhook of the organization that wants each event, and its webhook's job, due
   * now unless it runs or waits out a backoff. The webhooks are key-share locked first: a
   * concurrent delete waits for this transaction, or, having gone first, leaves nothing to lock
   * (and no delivery to insert for it). The job's payload counts the generations of work: a
   * runner that finishes holding an older one knows there is more (JobsRepository.complete
   * fails) and puts the job back at once.
   */
  static readonly APPEND_DELIVERIES = `hooks AS (
      SELECT webhook_id, types FROM webhooks WHERE organization_id = $1 AND enabled
      ORDER BY webhook_id FOR KEY SHARE
    ), hook_deliveries AS (
      INSERT INTO webhook_deliveries (delivery_id, organization_id, webhook_id, event_seq, event_type)
      SELECT gen_random_uuid(), $1, w.webhook_id, a.seq, a.type
      FROM hooks w JOIN appended a ON cardinality(w.types) = 0 OR a.type = ANY(w.types)
      ORDER BY w.webhook_id, a.seq
      RETURNING webhook_id
    ), hook_jobs AS (
      ${QUEUE_UPSERT}
    )`;

  /** A `webhook.test` delivery to one webhook, and its job (as APPEND_DELIVERIES does for events). */
  async enqueueTest(organizationId: string, webhookId: string, body: object): Promise<void> {
    await this.db.tx.query(
      `WITH hook_deliveries AS (
         INSERT INTO webhook_deliveries (delivery_id, organization_id, webhook_id, event_type, payload)
         SELECT gen_random_uuid(), $1, webhook_id, 'webhook.test', $3::jsonb FROM webhooks
         WHERE organization_id = $1 AND webhook_id = $2::uuid AND enabled
         RETURNING webhook_id
       ) ${QUEUE_UPSERT}`,
      [organizationId, webhookId, JSON.stringify(body)],
    );
  }

  /** Makes the webhook's job due now if it has deliveries waiting (a webhook enabled again). */
  async wake(scope: OrgScope, webhookId: string): Promise<void> {
    await this.db.tx.query(
      `INSERT INTO jobs (organization_id, queue, subject_id, payload)
       SELECT $1, '${WEBHOOK_QUEUE}', $2::text, '{"gen": 1}'::jsonb
       WHERE EXISTS (SELECT 1 FROM webhook_deliveries
                     WHERE organization_id = $1 AND webhook_id = $2::uuid AND status = 'pending')
       ON CONFLICT (queue, organization_id, subject_id) DO UPDATE SET
         payload = jsonb_build_object('gen', coalesce((jobs.payload->>'gen')::bigint, 0) + 1),
         state = CASE WHEN jobs.state = 'running' THEN jobs.state ELSE 'pending' END,
         run_at = CASE WHEN jobs.state = 'running' THEN jobs.run_at ELSE now() END,
         attempts = 0, updated_at = now()`,
      [scope.organizationId, webhookId],
    );
  }

  /** How many webhooks the organization has. */
  count(scope: OrgScope): Promise<number> {
    return this.db.tx.getRepository(Webhook).countBy({ organizationId: scope.organizationId });
  }

  /** The webhook a runner works for, whatever its organization (the job names both). */
  findForJob(organizationId: string, id: string): Promise<Webhook | null> {
    return this.db.tx.getRepository(Webhook).findOneBy({ organizationId, id });
  }

  /** The webhook's oldest pending delivery, with its body. */
  async nextPending(organizationId: string, webhookId: string): Promise<DueDelivery | null> {
    const rows: Array<Record<string, unknown>> = await this.db.tx.query(
      `SELECT d.delivery_id, d.event_seq, d.event_type, d.attempts, d.next_attempt_at,
         coalesce(d.payload, ${EVENT_JSON}) AS body
       FROM webhook_deliveries d
       LEFT JOIN events e ON e.organization_id = d.organization_id AND e.seq = d.event_seq
       WHERE d.organization_id = $1 AND d.webhook_id = $2 AND d.status = 'pending'
       ORDER BY d.position LIMIT 1`,
      [organizationId, webhookId],
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      id: r.delivery_id as string,
      eventId: r.event_seq === null ? null : (r.event_seq as string).padStart(16, '0'),
      eventType: r.event_type as string,
      attempts: Number(r.attempts),
      nextAttemptAt: r.next_attempt_at as Date,
      body: (r.body as Record<string, unknown> | null) ?? null,
    };
  }

  /** Records an attempt: delivered, failed for good, or due again at `nextAttemptAt`. */
  async recordAttempt(
    deliveryId: string,
    outcome: { status: DeliveryStatus; httpStatus?: number; error?: string; nextAttemptAt?: Date },
  ): Promise<void> {
    await this.db.tx.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, status = $2::text, last_status = $3::int,
         last_error = $4::text, next_attempt_at = coalesce($5::timestamptz, next_attempt_at),
         delivered_at = CASE WHEN $2::text = 'delivered' THEN now() ELSE delivered_at END
       WHERE delivery_id = $1`,
      [
        deliveryId,
        outcome.status,
        outcome.httpStatus ?? null,
        outcome.error?.slice(0, 500) ?? null,
        outcome.nextAttemptAt ?? null,
      ],
    );
  }

  /** A success ends the webhook's failure streak. */
  async succeeded(organizationId: string, webhookId: string): Promise<void> {
    await this.db.tx.query(
      `UPDATE webhooks SET failing_since = NULL WHERE organization_id = $1 AND webhook_id = $2 AND failing_since IS NOT NULL`,
      [organizationId, webhookId],
    );
  }

  /** A failure starts (or goes on with) the streak; answers since when it fails. */
  async failed(organizationId: string, webhookId: string): Promise<Date> {
    // An UPDATE … RETURNING answers [rows, affected].
    const [rows] = await this.db.tx.query<[Array<{ since: Date }>, number]>(
      `UPDATE webhooks SET failing_since = coalesce(failing_since, now())
       WHERE organization_id = $1 AND webhook_id = $2 RETURNING failing_since AS since`,
      [organizationId, webhookId],
    );
    return rows[0]?.since ?? new Date();
  }

  /** Disables the webhook with its reason, and fails what it had pending. */
  async disable(organizationId: string, webhookId: string, reason: string): Promise<void> {
    await this.db.tx.query(
      `UPDATE webhooks SET enabled = false, disabled_reason = $3, updated_at = now()
       WHERE organization_id = $1 AND webhook_id = $2`,
      [organizationId, webhookId, reason.slice(0, 500)],
    );
    await this.db.tx.query(
      `UPDATE webhook_deliveries SET status = 'failed', last_error = coalesce(last_error, $3)
       WHERE organization_id = $1 AND webhook_id = $2 AND status = 'pending'`,
      [organizationId, webhookId, 'the webhook was disabled'],
    );
  }

  async deliveries(scope: OrgScope, webhookId: string, limit: number, offset: number): Promise<WebhookDelivery[]> {
    return this.db.tx.getRepository(WebhookDelivery).find({
      where: { organizationId: scope.organizationId, webhookId },
      order: { position: 'DESC' },
      take: limit,
      skip: offset,
    });
  }

  /** Forgets settled deliveries older than `days` days. */
  async sweep(days: number, batch = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const [, affected] = await this.db.tx.query<[unknown, number]>(
        `DELETE FROM webhook_deliveries WHERE delivery_id IN (
           SELECT delivery_id FROM webhook_deliveries
           WHERE status <> 'pending' AND created_at < now() - make_interval(days => $1) LIMIT $2)`,
        [days, batch],
      );
      total += affected;
      if (affected < batch) return total;
    }
  }
}
