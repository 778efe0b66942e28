import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks and their deliveries.
 *
 * - `webhooks.secret_ciphertext`: the signing secret, encrypted (AES-256-GCM under a key derived
 *   from WEBHOOK_SECRET_KEY, the webhook id as associated data). Not hashed: Ocean must sign
 *   every delivery with the secret itself (HMAC), so it has to be able to read it back.
 * - `webhook_deliveries`: one row per (webhook, event), written in the event's transaction (so
 *   a committed event has its deliveries), in `position` order; the events table holds the
 *   body, except for a `webhook.test` delivery, which has its own `payload`.
 * - Delivering is a job per webhook (queue `webhook` in `jobs`, subject = the webhook id): one
 *   runner at a time per webhook, oldest delivery first, so its events go out in order.
 */
export class CreateWebhooks1733200000000 implements MigrationInterface {
  name = 'CreateWebhooks1733200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhooks (
        webhook_id uuid NOT NULL,
        organization_id text NOT NULL,
        user_id text NOT NULL,
        url varchar(2048) NOT NULL,
        types text[] NOT NULL DEFAULT '{}',
        description varchar(500),
        secret_ciphertext text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason varchar(500),
        failing_since timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhooks_pkey PRIMARY KEY (webhook_id),
        CONSTRAINT webhooks_org_id_unique UNIQUE (organization_id, webhook_id)
      )`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        delivery_id uuid NOT NULL,
        position bigserial NOT NULL,
        organization_id text NOT NULL,
        webhook_id uuid NOT NULL,
        event_seq bigint,
        event_type varchar(40) NOT NULL,
        payload jsonb,
        status varchar(10) NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        last_status integer,
        last_error varchar(500),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (delivery_id),
        CONSTRAINT webhook_deliveries_webhook_fk FOREIGN KEY (organization_id, webhook_id)
          REFERENCES webhooks (organization_id, webhook_id) ON DELETE CASCADE,
        CONSTRAINT webhook_deliveries_status_known CHECK (status IN ('pending', 'delivered', 'failed')),
        CONSTRAINT webhook_deliveries_body CHECK (event_seq IS NOT NULL OR payload IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_queue_idx ON webhook_deliveries (webhook_id, status, position)`);
    await q.query(`CREATE INDEX webhook_deliveries_created_idx ON webhook_deliveries (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhooks`);
  }
}
