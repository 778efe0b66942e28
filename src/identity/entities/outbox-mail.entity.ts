import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A mail in the outbox: written in the transaction that causes it, sent after commit. */
@Entity({ name: 'mail_outbox' })
export class OutboxMail {
  @PrimaryColumn({ name: 'mail_id', type: 'uuid', primaryKeyConstraintName: 'mail_outbox_pkey' })
  id: string;

  @Column({ name: 'to_email', type: 'varchar', length: 320 })
  toEmail: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
