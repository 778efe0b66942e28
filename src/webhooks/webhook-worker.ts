import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Db } from '../database/db';
import { backoffMs } from '../jobs/backoff';
import { JobRunner } from '../jobs/job-runner';
import { ClaimedJob, JobsRepository } from '../jobs/jobs.repository';
import { signature, WebhookSender, type Outcome } from './webhook-sender';
import { WebhookSecrets } from './webhook-secrets';
import { DNS_TIMEOUT_MS, WebhookTargets } from './webhook-targets';
import type { Webhook } from './webhook.entity';
import { DueDelivery, WEBHOOK_QUEUE, WebhooksRepository } from './webhooks.repository';

/** A webhook whose every delivery failed this long is disabled. */
export const FAILURE_WINDOW_MS = 24 * 60 * 60 * 1000;
const MAX_BACKOFF_MS = 60 * 60 * 1000;
/** Deliveries one claim sends before it lets the other webhooks' jobs have a turn. */
const PER_CLAIM = 20;
/**
 * No new send starts past this much of a claim: one send takes at most the DNS timeout plus
 * WEBHOOK_TIMEOUT_MS, so a claim ends well inside its lease and no second runner ever sends
 * the same webhook's deliveries (their order) at the same time.
 */
const CLAIM_BUDGET_MS = 30_000;
const BATCH = 8;

/**
 * Sends the webhooks' deliveries: one job per webhook, so one runner at a time sends its
 * deliveries, oldest first (in order per webhook). A failure waits out its backoff (about 30 s
 * doubling to an hour, with jitter) before anything after it is sent; 24 h of failures disable
 * the webhook with its reason. Every attempt re-checks the target (DNS and addresses) and
 * connects to the address it checked.
 */
@Injectable()
export class WebhookWorker implements OnModuleInit {
  private readonly logger = new Logger('Webhooks');

  constructor(
    readonly db: Db,
    private readonly runner: JobRunner,
    private readonly jobs: JobsRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly secrets: WebhookSecrets,
    private readonly targets: WebhookTargets,
    private readonly sender: WebhookSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.runner.register({
      queue: WEBHOOK_QUEUE,
      batchSize: BATCH,
      // The budget, plus one send begun at its very end (DNS and the receiver), plus a margin.
      leaseSeconds: Math.ceil((CLAIM_BUDGET_MS + 2 * (DNS_TIMEOUT_MS + this.config.webhooks.timeoutMs)) / 1000) + 30,
      run: async (jobs) => {
        await Promise.all(
          jobs.map((job) =>
            this.runOne(job).catch((err: unknown) => {
              // The job stays claimed until its lease ends, then runs again: nothing is lost.
              this.logger.warn(`webhook deliveries put off: ${(err as Error).message}`);
            }),
          ),
        );
      },
    });
  }

  private async runOne(job: ClaimedJob): Promise<void> {
    const started = Date.now();
    for (let sent = 0; sent < PER_CLAIM && Date.now() - started < CLAIM_BUDGET_MS; sent++) {
      // Read again before every send: a pause, a new URL or a deletion takes effect at once.
      const webhook = await this.webhooks.findForJob(job.organizationId, job.subjectId);
      if (!webhook) return this.jobs.remove(job);
      if (!webhook.enabled) return this.finish(job);
      const secret = this.secrets.decrypt(webhook.id, webhook.secretCiphertext);
      const next = await this.webhooks.nextPending(webhook.organizationId, webhook.id);
      if (!next) return this.finish(job);
      const wait = next.nextAttemptAt.getTime() - Date.now();
      if (wait > 0) return this.jobs.requeue(job, wait);
      if (!next.body) {
        await this.webhooks.recordAttempt(next.id, { status: 'failed', error: 'the event is past its retention' });
        continue;
      }
      const outcome = await this.attempt(webhook, next, secret);
      if (outcome.delivered) {
        await this.db.unitOfWork(async () => {
          await this.webhooks.recordAttempt(next.id, { status: 'delivered', httpStatus: outcome.status });
          await this.webhooks.succeeded(webhook.organizationId, webhook.id);
        });
        continue;
      }
      return this.failed(job, webhook, next, outcome);
    }
    // More may wait: back in the queue at once, behind the other webhooks' jobs.
    await this.jobs.requeue(job, 0);
  }

  private async failed(job: ClaimedJob, webhook: Webhook, delivery: DueDelivery, outcome: Outcome): Promise<void> {
    const error = outcome.error ?? 'failed';
    const since = await this.webhooks.failed(webhook.organizationId, webhook.id);
    if (Date.now() - since.getTime() >= FAILURE_WINDOW_MS) {
      await this.db.unitOfWork(async () => {
        await this.webhooks.recordAttempt(delivery.id, { status: 'failed', httpStatus: outcome.status, error });
        await this.webhooks.disable(
          webhook.organizationId,
          webhook.id,
          `Disabled after 24 hours in which every delivery failed; the last: ${error}`,
        );
      });
      this.logger.warn(`a webhook was disabled after 24 hours of failed deliveries`);
      return this.finish(job);
    }
    const delay = backoffMs(delivery.attempts + 1, this.config.webhooks.retryBaseMs, MAX_BACKOFF_MS);
    await this.webhooks.recordAttempt(delivery.id, {
      status: 'pending',
      httpStatus: outcome.status,
      error,
      nextAttemptAt: new Date(Date.now() + delay),
    });
    await this.jobs.requeue(job, delay);
  }

  private async attempt(webhook: Webhook, delivery: DueDelivery, secret: string): Promise<Outcome> {
    let target;
    try {
      target = await this.targets.check(this.targets.parse(webhook.url));
    } catch (err) {
      if (err instanceof AppError) return { delivered: false, error: `${err.code}: ${err.message}` };
      throw err;
    }
    const body = JSON.stringify(delivery.body);
    const eventId = delivery.eventId ?? String(delivery.body?.event_id);
    return this.sender.send(target, body, {
      'ocean-event-id': eventId,
      'ocean-delivery-id': delivery.id,
      'ocean-signature': signature(secret, body, Math.floor(Date.now() / 1000)),
    });
  }

  /** Done, unless deliveries were added while it ran (its payload moved on): then at once again. */
  private async finish(job: ClaimedJob): Promise<void> {
    if (!(await this.jobs.complete(job))) await this.jobs.requeue(job, 0);
  }
}
