import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A single-use stream ticket: its SHA-256 and the caller it stands for (never the ticket). */
@Entity({ name: 'stream_tickets' })
@Index('stream_tickets_expires_idx', ['expiresAt'])
export class StreamTicket {
  @PrimaryColumn({ name: 'ticket_hash', type: 'varchar', length: 64, primaryKeyConstraintName: 'stream_tickets_pkey' })
  ticketHash: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @Column({ type: 'jsonb' })
  context: Record<string, unknown>;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
