import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

/** A receiver of an organization's events (see the create-webhooks migration). */
@Entity({ name: 'webhooks' })
@Unique('webhooks_org_id_unique', ['organizationId', 'id'])
export class Webhook {
  @PrimaryColumn({ name: 'webhook_id', type: 'uuid', primaryKeyConstraintName: 'webhooks_pkey' })
  id: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @Column({ name: 'user_id', type: 'text' })
  userId: string;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  /** Event types it wants; empty: every type. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  types: string[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  /** The signing secret, encrypted (WebhookSecrets); never rendered. */
  @Column({ name: 'secret_ciphertext', type: 'text' })
  secretCiphertext: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 500, nullable: true })
  disabledReason: string | null;

  /** Since when every attempt failed (null: the last one succeeded); 24 h of it disables. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one webhook, and how sending it went. */
@Entity({ name: 'webhook_deliveries' })
@Check('webhook_deliveries_status_known', `status IN ('pending', 'delivered', 'failed')`)
@Check('webhook_deliveries_body', `event_seq IS NOT NULL OR payload IS NOT NULL`)
@Index('webhook_deliveries_queue_idx', ['webhookId', 'status', 'position'])
@Index('webhook_deliveries_created_idx', ['createdAt'])
@ForeignKey(() => Webhook, ['organizationId', 'webhookId'], ['organizationId', 'id'], {
  name: 'webhook_deliveries_webhook_fk',
  onDelete: 'CASCADE',
})
export class WebhookDelivery {
  @PrimaryColumn({ name: 'delivery_id', type: 'uuid', primaryKeyConstraintName: 'webhook_deliveries_pkey' })
  id: string;

  /** Order of the webhook's deliveries (a bigint: a string). */
  @Column({ type: 'bigint', generated: 'increment' })
  position: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @Column({ name: 'webhook_id', type: 'uuid' })
  webhookId: string;

  /** The event's number in the organization; null for a `webhook.test` delivery. */
  @Column({ name: 'event_seq', type: 'bigint', nullable: true })
  eventSeq: string | null;

  @Column({ name: 'event_type', type: 'varchar', length: 40 })
  eventType: string;

  /** The body of a delivery that has no event row (`webhook.test`). */
  @Column({ type: 'jsonb', nullable: true })
  payload: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_status', type: 'integer', nullable: true })
  lastStatus: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
