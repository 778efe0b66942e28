import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/config';

const VERSION = 'v1';
const SECRET_PREFIX = 'whsec_';

/**
 * Webhook signing secrets: made here (256 random bits, shown once), kept encrypted with
 * AES-256-GCM under a key derived (HKDF-SHA256) from WEBHOOK_SECRET_KEY, the webhook's id bound
 * in as associated data (a ciphertext copied to another webhook does not decrypt). Encrypted,
 * not hashed: every delivery is signed with the secret itself.
 */
@Injectable()
export class WebhookSecrets {
  private readonly key?: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const raw = config.webhooks.secretKey;
    if (raw) this.key = Buffer.from(hkdfSync('sha256', raw, 'ocean', 'ocean webhook secrets v1', 32));
  }

  /** A new secret and its ciphertext for webhook `webhookId`. */
  create(webhookId: string): { secret: string; ciphertext: string } {
    const secret = SECRET_PREFIX + randomBytes(32).toString('base64url');
    return { secret, ciphertext: this.encrypt(webhookId, secret) };
  }

  encrypt(webhookId: string, secret: string): string {
    const key = this.requireKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(webhookId));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [
      VERSION,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      body.toString('base64url'),
    ].join('.');
  }

  /** The secret, or an error whose message says nothing of it (a wrong key, a tampered row). */
  decrypt(webhookId: string, ciphertext: string): string {
    const key = this.requireKey();
    const [version, iv, tag, body] = ciphertext.split('.');
    if (version !== VERSION || !iv || !tag || !body) throw new Error('webhook secret: unknown format');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(webhookId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('webhook secret: does not decrypt (was WEBHOOK_SECRET_KEY changed?)');
    }
  }

  private requireKey(): Buffer {
    if (!this.key) throw new AppError('WEBHOOKS_UNAVAILABLE');
    return this.key;
  }
}
