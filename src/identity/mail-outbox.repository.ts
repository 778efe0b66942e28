import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxMail } from './entities/outbox-mail.entity';
import { Db } from '../database/db';

/** The mail outbox: every mail is written here first, in the transaction that causes it. */
@Injectable()
export class MailOutboxRepository {
  constructor(private readonly db: Db) {}

  private get tx(): EntityManager {
    return this.db.tx;
  }

  async enqueue(mail: Pick<OutboxMail, 'id' | 'toEmail' | 'subject' | 'body'>): Promise<void> {
    await this.tx.insert(OutboxMail, mail);
  }

  async markSent(mailId: string): Promise<void> {
    await this.tx.update(OutboxMail, { id: mailId }, { sentAt: () => 'now()' });
  }
}
