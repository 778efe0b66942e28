import { Inject, Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { RateLimitStorage } from '../common/rate-limit';
import { APP_CONFIG, AppConfig } from '../config/config';

const MINUTE_MS = 60_000;
const THROTTLER = 'auth-failures';

/**
 * The per-IP budget of bad credentials (AUTH_FAILURE_LIMIT_PER_MINUTE): without it anyone may
 * try API keys or tokens as fast as the guard answers 401. Failures are counted in the rate
 * limiter's store (Redis when configured, so every instance shares the count); a blocked IP is
 * remembered here, so the check in front of the guard costs no round trip. An instance learns
 * of a block at the first failure it sees from that IP, which is then already refused.
 */
@Injectable()
export class AuthFailureBudget {
  private readonly logger = new Logger(AuthFailureBudget.name);
  private readonly blockedUntil = new LRUCache<string, number>({ max: 100_000 });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: RateLimitStorage,
  ) {}

  /** Seconds until the IP may try again; 0 when it is not blocked. */
  blockedFor(ip: string): number {
    const until = this.blockedUntil.get(ip);
    if (until === undefined) return 0;
    const left = until - Date.now();
    if (left > 0) return Math.ceil(left / 1000);
    this.blockedUntil.delete(ip);
    return 0;
  }

  /** Counts one bad credential from the IP; answers the seconds it is now blocked for, or 0. */
  async recordFailure(ip: string): Promise<number> {
    try {
      const limit = this.config.authFailureLimitPerMinute;
      const record = await this.storage.increment(ip, MINUTE_MS, limit, MINUTE_MS, THROTTLER);
      if (!record.isBlocked) return 0;
      const seconds = Math.max(1, record.timeToBlockExpire);
      this.blockedUntil.set(ip, Date.now() + seconds * 1000);
      return seconds;
    } catch (err) {
      // The budget's store is down: the guard still refuses the credential; only the count is lost.
      this.logger.warn({ event: 'auth_failure_budget_unavailable', err }, 'could not count a failed authentication');
      return 0;
    }
  }
}
