import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuthContext } from '../auth/auth-context';
import { AppError } from '../common/errors';
import { newId } from '../common/ids';
import { OrgScope } from '../common/org-scope';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Db } from '../database/db';
import { Transactional } from '../database/transactional';
import { Outbox } from '../events/outbox';
import { CreateWebhookDto, UpdateWebhookDto } from './dto/webhook.dto';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookTargets } from './webhook-targets';
import { Webhook, WebhookDelivery } from './webhook.entity';
import { WebhooksRepository } from './webhooks.repository';

const SWEEP_MS = 60 * 60 * 1000;
/** Webhooks one organization may have: each is a job the runners share with every organization. */
export const MAX_WEBHOOKS_PER_ORG = 25;

/** An organization's webhooks; and, in every events transaction, their deliveries. */
@Injectable()
export class WebhooksService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private sweeper?: NodeJS.Timeout;

  constructor(
    readonly db: Db,
    private readonly webhooks: WebhooksRepository,
    private readonly secrets: WebhookSecrets,
    private readonly targets: WebhookTargets,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // Deliveries are written with their events, in the same statement (so the same transaction).
    this.outbox.extendAppend(WebhooksRepository.APPEND_DELIVERIES);
  }

  onApplicationBootstrap(): void {
    this.sweeper = setInterval(
      () => void this.webhooks.sweep(this.config.events.retentionDays).catch(() => undefined),
      SWEEP_MS,
    );
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  async create(auth: AuthContext, dto: CreateWebhookDto): Promise<{ webhook: Webhook; secret: string }> {
    const url = this.targets.parse(dto.url);
    await this.targets.check(url);
    if ((await this.webhooks.count(OrgScope.of(auth))) >= MAX_WEBHOOKS_PER_ORG) throw new AppError('TOO_MANY_WEBHOOKS');
    const id = newId();
    const { secret, ciphertext } = this.secrets.create(id);
    const webhook = await this.webhooks.insert({
      id,
      organizationId: OrgScope.of(auth).organizationId,
      userId: auth.userId,
      url: url.toString(),
      types: [...new Set(dto.types ?? [])],
      description: dto.description ?? null,
      secretCiphertext: ciphertext,
    });
    return { webhook, secret };
  }

  list(auth: AuthContext): Promise<Webhook[]> {
    return this.webhooks.list(OrgScope.of(auth));
  }

  async get(auth: AuthContext, id: string): Promise<Webhook> {
    const webhook = await this.webhooks.find(OrgScope.of(auth), id);
    if (!webhook) throw new AppError('WEBHOOK_NOT_FOUND');
    return webhook;
  }

  async update(auth: AuthContext, id: string, dto: UpdateWebhookDto): Promise<Webhook> {
    const fields = { url: dto.url, types: dto.types, enabled: dto.enabled, description: dto.description };
    if (Object.values(fields).every((v) => v === undefined)) throw new AppError('EMPTY_UPDATE');
    // The target is resolved and checked before the transaction: a slow DNS server holds no connection.
    let url: string | undefined;
    if (dto.url !== undefined) {
      const parsed = this.targets.parse(dto.url);
      await this.targets.check(parsed);
      url = parsed.toString();
    }
    return this.db.unitOfWork(async () => {
      const scope = OrgScope.of(auth);
      await this.get(auth, id);
      await this.webhooks.update(scope, id, { ...fields, url, types: dto.types ? [...new Set(dto.types)] : undefined });
      // Enabled again: what waited while it was paused goes out now.
      if (dto.enabled === true) await this.webhooks.wake(scope, id);
      return this.get(auth, id);
    });
  }

  async delete(auth: AuthContext, id: string): Promise<void> {
    if (!(await this.db.unitOfWork(() => this.webhooks.delete(OrgScope.of(auth), id)))) {
      throw new AppError('WEBHOOK_NOT_FOUND');
    }
  }

  async deliveries(auth: AuthContext, id: string, limit: number, offset: number): Promise<WebhookDelivery[]> {
    await this.get(auth, id);
    return this.webhooks.deliveries(OrgScope.of(auth), id, limit, offset);
  }

  /** Queues a `webhook.test` delivery: the event JSON shape, about the webhook itself. */
  @Transactional()
  async test(auth: AuthContext, id: string): Promise<void> {
    const webhook = await this.get(auth, id);
    if (!webhook.enabled)
      throw new AppError('CONFLICT', 'The webhook is disabled; enable it first (PUT enabled: true).');
    const body = {
      event_id: `test_${randomUUID()}`,
      type: 'webhook.test',
      organization_id: webhook.organizationId,
      actor: { user_id: auth.userId, via: auth.via },
      resource_id: webhook.id,
      page_id: null,
      data: { webhook_id: webhook.id, url: webhook.url },
      occurred_at: new Date().toISOString(),
    };
    await this.webhooks.enqueueTest(webhook.organizationId, webhook.id, body);
  }
}
