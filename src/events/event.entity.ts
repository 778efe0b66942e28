import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A change of an organization's pages, blocks, links or tags (see the create-events migration). */
@Entity({ name: 'events' })
@Check('events_data_object', `jsonb_typeof(data) = 'object'`)
// USING brin, which TypeORM cannot declare: the migration makes it.
@Index('events_occurred_brin', { synchronize: false })
export class StoredEvent {
  @PrimaryColumn({ name: 'organization_id', type: 'text', primaryKeyConstraintName: 'events_pkey' })
  organizationId: string;

  /** A bigint, as node-postgres hands it over: a string. */
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'events_pkey' })
  seq: string;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ name: 'actor_user_id', type: 'text' })
  actorUserId: string;

  @Column({ name: 'actor_via', type: 'varchar', length: 10 })
  actorVia: string;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId: string;

  @Column({ name: 'page_id', type: 'uuid', nullable: true })
  pageId: string | null;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;
}

/** An organization's last event number; kept when its events are swept. */
@Entity({ name: 'event_counters' })
export class EventCounter {
  @PrimaryColumn({ name: 'organization_id', type: 'text', primaryKeyConstraintName: 'event_counters_pkey' })
  organizationId: string;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq: string;
}
