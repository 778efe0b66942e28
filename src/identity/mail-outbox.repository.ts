import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** The mail outbox: every mail is written here first, in the transaction that causes it. */
@Injectable()
export class MailOutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  async enqueue(m: EntityManager, mail: { id: string; to: string; subject: string; body: string }): Promise<void> {
    await m.query(`INSERT INTO mail_outbox (mail_id, to_email, subject, body) VALUES ($1, $2, $3, $4)`, [
      mail.id,
      mail.to,
      mail.subject,
      mail.body,
    ]);
  }

  async markSent(mailId: string): Promise<void> {
    await this.dataSource.manager.query(`UPDATE mail_outbox SET sent_at = now() WHERE mail_id = $1`, [mailId]);
  }
}
