import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../common/errors';

const BEARER = /^bearer +(\S+) *$/i;
const CHALLENGE = { 'www-authenticate': 'Bearer realm="metrics", error="invalid_token"' };

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** The METRICS_TOKEN check; without a token configured every scrape is allowed. */
export class MetricsAuth {
  // Comparing fixed-length digests keeps the comparison constant-time whatever the caller sends.
  private readonly expected?: Buffer;

  constructor(token: string | undefined) {
    this.expected = token === undefined ? undefined : digest(token);
  }

  /** Throws 401 unless `authorization` is `Bearer <METRICS_TOKEN>` (or no token is configured). */
  check(authorization: string | undefined): void {
    if (this.expected === undefined) return;
    const given = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
    if (given === undefined || !timingSafeEqual(digest(given), this.expected)) {
      throw new AppError(
        'UNAUTHENTICATED',
        'A valid metrics token is required (Authorization: Bearer <METRICS_TOKEN>).',
        undefined,
        CHALLENGE,
      );
    }
  }
}
