import { ExecutionContext, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import {
  ThrottlerGuard,
  ThrottlerModuleOptions,
  ThrottlerOptions,
  ThrottlerStorage,
  type ThrottlerGenerateKeyFunction,
  type ThrottlerGetTrackerFunction,
} from '@nestjs/throttler';
import {
  THROTTLER_BLOCK_DURATION,
  THROTTLER_KEY_GENERATOR,
  THROTTLER_LIMIT,
  THROTTLER_SKIP,
  THROTTLER_TRACKER,
  THROTTLER_TTL,
} from '@nestjs/throttler/dist/throttler.constants';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { Redis } from 'ioredis';
import { AUTH_RATE_LIMITED, IS_PUBLIC, type AuthedRequest } from '../auth/decorators';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { RouteCache } from './route-cache';

const MINUTE_MS = 60_000;

/** One settled promise for every request let through (ThrottlerGuard's canActivate is async). */
const PASS = Promise.resolve(true);

const isMarked = (context: ExecutionContext, key: string): boolean =>
  Reflect.getMetadata(key, context.getHandler()) === true || Reflect.getMetadata(key, context.getClass()) === true;

const clientIp = (req: AuthedRequest): string => req.ip ?? 'unknown';

/**
 * One counter per throttler and caller. The library's default key also names the controller
 * and the handler, which would give every route its own budget.
 */
const budgetKey = (_context: ExecutionContext, tracker: string, throttlerName: string): string =>
  `${throttlerName}:${tracker}`;

/**
 * Counts hits in Redis so that every instance shares one budget per caller. One Lua script
 * increments, starts the window and sets a block in a single round trip.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private static readonly SCRIPT = `
    local hits = redis.call('INCR', KEYS[1])
    if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
    local ttl = redis.call('PTTL', KEYS[1])
    local blocked = redis.call('PTTL', KEYS[2])
    if blocked <= 0 and hits > tonumber(ARGV[2]) then
      redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
      blocked = tonumber(ARGV[3])
    end
    return {hits, ttl, blocked}`;

  constructor(private readonly redis: Redis) {
    redis.on('error', (err: Error) => this.logger.warn(`redis: ${err.message}`));
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `ocean:throttle:${throttlerName}:${key}`;
    const [hits, ttlMs, blockedMs] = (await this.redis.eval(
      RedisThrottlerStorage.SCRIPT,
      2,
      `${base}:hits`,
      `${base}:blocked`,
      String(ttl),
      String(limit),
      String(blockDuration),
    )) as [number, number, number];
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(ttlMs / 1000)),
      isBlocked: blockedMs > 0,
      timeToBlockExpire: Math.max(0, Math.ceil(blockedMs / 1000)),
    };
  }
}

/**
 * Two budgets: every caller (the authenticated user, else the IP) gets RATE_LIMIT_PER_MINUTE
 * across the API; login, register and forgot-password also count against a tighter per-IP
 * AUTH_RATE_LIMIT_PER_MINUTE.
 */
export function throttlerOptions(config: AppConfig, storage: ThrottlerStorage): ThrottlerModuleOptions {
  return {
    storage,
    throttlers: [
      {
        name: 'default',
        ttl: MINUTE_MS,
        generateKey: budgetKey,
        limit: config.rateLimitPerMinute,
        skipIf: (context) => isMarked(context, IS_PUBLIC) && !isMarked(context, AUTH_RATE_LIMITED),
        getTracker: (req) => {
          const request = req as AuthedRequest;
          return request.auth
            ? `user:${request.auth.organizationId}:${request.auth.userId}`
            : `ip:${clientIp(request)}`;
        },
      },
      {
        name: 'auth',
        ttl: MINUTE_MS,
        generateKey: budgetKey,
        limit: config.identity.authRateLimitPerMinute,
        skipIf: (context) => !isMarked(context, AUTH_RATE_LIMITED),
        getTracker: (req) => `ip:${clientIp(req as AuthedRequest)}`,
      },
    ],
  };
}

/**
 * In-process counters, one fixed window per key: O(1) per request. The library's default store
 * keeps and filters a list of hit timestamps per caller, which grows with the limit.
 */
export class MemoryThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, { hits: number; resetAt: number; blockedUntil: number }>();
  private readonly sweeper = setInterval(() => this.sweep(), MINUTE_MS);

  constructor() {
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    return Promise.resolve(this.incrementNow(key, ttl, limit, blockDuration, throttlerName));
  }

  incrementNow(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): ThrottlerStorageRecord {
    const now = Date.now();
    const id = `${throttlerName}:${key}`;
    let window = this.windows.get(id);
    if (!window || (window.resetAt <= now && window.blockedUntil <= now)) {
      window = { hits: 0, resetAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, window);
    }
    window.hits++;
    if (window.blockedUntil <= now && window.hits > limit) window.blockedUntil = now + blockDuration;
    return {
      totalHits: window.hits,
      timeToExpire: Math.max(0, Math.ceil((window.resetAt - now) / 1000)),
      isBlocked: window.blockedUntil > now,
      timeToBlockExpire: Math.max(0, Math.ceil((window.blockedUntil - now) / 1000)),
    };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, window] of this.windows) {
      if (window.resetAt <= now && window.blockedUntil <= now) this.windows.delete(id);
    }
  }
}

/** What one throttler does on one route, as its decorators and the module options say. */
interface RoutePlan {
  throttler: ThrottlerOptions;
  limit: number;
  ttl: number;
  blockDuration: number;
  getTracker: ThrottlerGetTrackerFunction;
  generateKey: ThrottlerGenerateKeyFunction;
}

/** A route's plans, and whether they can be counted without the library's steps (see canActivate). */
interface RouteRules {
  plans: RoutePlan[];
  /** The store is ours, and no throttler ignores user agents or turns its headers off. */
  immediate: boolean;
}

/**
 * @nestjs/throttler's guard, with each route's plan worked out once: the library resolves every
 * throttler's skip, limit, ttl, block duration, tracker and key generator from metadata on each
 * request (a dozen reflector reads and awaits), which was most of what a cheap authenticated
 * request cost (64 µs of ~240 in-process). Ocean's throttlers decide from static metadata only
 * (routes marked @Public() or @AuthRateLimited(), numbers for limits), so a route's plan never
 * changes; the counting, the headers and the 429 stay the library's (`handleRequest`).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly rules = new RouteCache<RouteRules>((context) => this.rulesOf(context));

  /**
   * Counted without an await when the store answers at once (memory: no REDIS_URL) and the
   * trackers are synchronous, as ours are (the answer is one shared settled promise);
   * ThrottlerGuard's own handleRequest, which awaits each step, otherwise.
   */
  override canActivate(context: ExecutionContext): Promise<boolean> {
    const { plans, immediate } = this.rules.of(context);
    if (plans.length === 0) return PASS;
    const storage = this.storageService;
    if (!immediate || !(storage instanceof RateLimitStorage)) return this.counted(context, plans);
    const { req, res } = this.getRequestResponse(context);
    for (let i = 0; i < plans.length; i++) {
      const { throttler, limit, ttl, blockDuration, getTracker, generateKey } = plans[i];
      const tracker = getTracker(req, context);
      if (typeof tracker !== 'string') return this.counted(context, plans.slice(i));
      const key = generateKey(context, tracker, throttler.name!);
      const record = storage.incrementNow(key, ttl, limit, blockDuration, throttler.name!);
      if (!record) return this.counted(context, plans.slice(i));
      const suffix = throttler.name === 'default' ? '' : `-${throttler.name}`;
      if (record.isBlocked) {
        this.setResponseHeader(res, `Retry-After${suffix}`, record.timeToBlockExpire);
        return this.throwThrottlingException(context, { limit, ttl, key, tracker, ...record }).then(() => false);
      }
      this.setResponseHeader(res, `${this.headerPrefix}-Limit${suffix}`, limit);
      this.setResponseHeader(res, `${this.headerPrefix}-Remaining${suffix}`, Math.max(0, limit - record.totalHits));
      this.setResponseHeader(res, `${this.headerPrefix}-Reset${suffix}`, record.timeToExpire);
    }
    return PASS;
  }

  private async counted(context: ExecutionContext, plans: RoutePlan[]): Promise<boolean> {
    for (const plan of plans) {
      if (!(await this.handleRequest({ context, ...plan }))) return false;
    }
    return true;
  }

  private rulesOf(context: ExecutionContext): RouteRules {
    const targets = [context.getHandler(), context.getClass()];
    const meta = <T>(key: string, throttler: ThrottlerOptions): T | undefined =>
      this.reflector.getAllAndOverride<T>(key + throttler.name, targets);
    const number = (value: unknown, what: string): number => {
      if (typeof value !== 'number') throw new Error(`rate limit: the ${what} must be a number on ${targets[0].name}`);
      return value;
    };
    const plans: RoutePlan[] = [];
    let immediate = this.storageService instanceof RateLimitStorage;
    for (const throttler of this.throttlers) {
      const skipIf = throttler.skipIf ?? this.commonOptions.skipIf;
      if (meta<boolean>(THROTTLER_SKIP, throttler) || skipIf?.(context)) continue;
      const ttl = number(meta(THROTTLER_TTL, throttler) ?? throttler.ttl, 'ttl');
      const ignoreUserAgents = throttler.ignoreUserAgents ?? this.commonOptions.ignoreUserAgents;
      const setHeaders = throttler.setHeaders ?? this.commonOptions.setHeaders ?? true;
      if (ignoreUserAgents?.length || setHeaders !== true) immediate = false;
      plans.push({
        throttler,
        limit: number(meta(THROTTLER_LIMIT, throttler) ?? throttler.limit, 'limit'),
        ttl,
        blockDuration: number(meta(THROTTLER_BLOCK_DURATION, throttler) ?? throttler.blockDuration ?? ttl, 'block'),
        getTracker: (meta<ThrottlerGetTrackerFunction>(THROTTLER_TRACKER, throttler) ??
          throttler.getTracker ??
          this.commonOptions.getTracker)!,
        generateKey: (meta<ThrottlerGenerateKeyFunction>(THROTTLER_KEY_GENERATOR, throttler) ??
          throttler.generateKey ??
          this.commonOptions.generateKey)!,
      });
    }
    return { plans, immediate };
  }
}

/**
 * The store the rate limiter (and the failed-auth budget) counts in: Redis when REDIS_URL is
 * set, so every instance shares one budget per caller; memory otherwise. While Redis is
 * unreachable each instance counts in its own memory (a caller then gets up to one budget per
 * instance) and says so once in the log: an outage of Redis must not turn every request into a
 * 500 nor stop rate limiting altogether. Back to Redis as soon as it answers again.
 */
@Injectable()
export class RateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly redis?: Redis;
  private readonly shared?: RedisThrottlerStorage;
  private readonly local = new MemoryThrottlerStorage();
  private degraded = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.redisUrl) {
      // No offline queue: while disconnected a command fails at once instead of waiting.
      this.redis = new Redis(config.redisUrl, {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        commandTimeout: 500,
      });
      this.shared = new RedisThrottlerStorage(this.redis);
    }
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    if (this.shared && this.redis?.status === 'ready') {
      try {
        const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
        if (this.degraded) {
          this.degraded = false;
          this.logger.log('Redis answers again: rate limits are shared across instances again');
        }
        return record;
      } catch (err) {
        this.degrade((err as Error).message);
      }
    } else if (this.shared) {
      this.degrade(`Redis is ${this.redis?.status ?? 'not configured'}`);
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  /** The count at once, without a promise, when there is no Redis to ask; else undefined. */
  incrementNow(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): ThrottlerStorageRecord | undefined {
    return this.shared ? undefined : this.local.incrementNow(key, ttl, limit, blockDuration, throttlerName);
  }

  private degrade(reason: string): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(`rate limits count per instance until Redis answers again (${reason})`);
  }

  onApplicationShutdown(): void {
    this.local.onModuleDestroy();
    this.redis?.disconnect();
  }
}

@Module({ providers: [RateLimitStorage], exports: [RateLimitStorage] })
export class RateLimitStorageModule {}
