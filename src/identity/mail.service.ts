import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../config/config';
import { newId } from '../common/ids';
import { MailOutboxRepository } from './mail-outbox.repository';

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

/**
 * Every mail is first written to `mail_outbox` in the caller's transaction; after commit it is
 * sent through SMTP when SMTP_URL is set. Without SMTP the outbox is the delivery (an operator
 * or a test reads it), and the log notes that a mail is waiting — never its content, which
 * holds single-use tokens.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport?: Transporter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: MailOutboxRepository,
  ) {
    if (config.identity.smtpUrl) this.transport = createTransport(config.identity.smtpUrl);
  }

  /** After the HTTP server closed (HttpShutdown): a reset requested while draining is still mailed. */
  onApplicationShutdown(): void {
    this.transport?.close();
  }

  /** Queues the mail in the caller's unit of work; call `deliver` with the result after commit. */
  async enqueue(mail: Mail): Promise<string> {
    const id = newId();
    await this.outbox.enqueue({ id, toEmail: mail.to, subject: mail.subject, body: mail.body });
    return id;
  }

  async deliver(mailId: string, mail: Mail): Promise<void> {
    if (!this.transport) {
      this.logger.log(
        { event: 'mail_queued', mail_id: mailId, subject: mail.subject },
        'mail kept in the outbox (no SMTP_URL)',
      );
      return;
    }
    try {
      await this.transport.sendMail({
        from: this.config.identity.mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.body,
      });
      await this.outbox.markSent(mailId);
    } catch (err) {
      this.logger.error(
        { event: 'mail_failed', mail_id: mailId, err: (err as Error).message },
        'mail could not be sent',
      );
    }
  }
}
