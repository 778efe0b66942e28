import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { CheckedTarget } from './webhook-targets';

/** Bytes of a receiver's answer that are read (the rest is not waited for). */
export const MAX_ANSWER_BYTES = 64 * 1024;

export interface Outcome {
  delivered: boolean;
  status?: number;
  error?: string;
}

/** `Ocean-Signature`: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` (Stripe's scheme). */
export function signature(secret: string, body: string, at: number): string {
  return `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`;
}

/**
 * Sends one delivery: a POST to the checked address (never a fresh lookup of the name), with
 * the Host and TLS name of the URL, no redirects followed (a 3xx is a failure), WEBHOOK_TIMEOUT_MS
 * for the whole exchange and at most 64 KiB of the answer read. A 2xx delivers.
 */
@Injectable()
export class WebhookSender {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  send(target: CheckedTarget, body: string, headers: Record<string, string>): Promise<Outcome> {
    const { url, address, family } = target;
    const pinned: LookupFunction = (_hostname, options, callback) => {
      if ((options as { all?: boolean }).all) {
        (callback as (err: null, addresses: Array<{ address: string; family: number }>) => void)(null, [
          { address, family },
        ]);
      } else callback(null, address, family);
    };
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      const done = (outcome: Outcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.destroy();
        resolve(outcome);
      };
      const request = client.request(
        {
          protocol: url.protocol,
          hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method: 'POST',
          lookup: pinned,
          agent: false,
          headers: {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
            'user-agent': 'Ocean-Webhooks/1',
            ...headers,
          },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          let read = 0;
          res.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read >= MAX_ANSWER_BYTES) finish();
          });
          const finish = (): void => {
            if (status >= 200 && status < 300) done({ delivered: true, status });
            else if (status >= 300 && status < 400) {
              done({ delivered: false, status, error: `answered ${status}: redirects are not followed` });
            } else done({ delivered: false, status, error: `answered ${status}` });
          };
          res.on('end', finish);
          res.on('error', finish);
        },
      );
      const timer = setTimeout(
        () => done({ delivered: false, error: `no answer within ${this.config.webhooks.timeoutMs} ms` }),
        this.config.webhooks.timeoutMs,
      );
      request.on('error', (err: NodeJS.ErrnoException) =>
        done({ delivered: false, error: `could not connect (${err.code ?? 'error'})` }),
      );
      request.end(body);
    });
  }
}
