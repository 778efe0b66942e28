import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Client, Notification } from 'pg';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { Database } from '../database/data-source';
import { DATABASE } from '../database/database.module';
import { returnedRows } from '../database/query-result';

/** A revoked credential key (`jti:…`, `sha256:…`, `sid:…`, `sub:…`, `apikey:…`) and until when. */
export interface Revocation {
  key: string;
  /** Seconds since the epoch; past it the credential is dead anyway. */
  expiresAt: number;
}

const CHANNEL = 'ocean_revocations';
const RECONNECT_MS = 1000;
const SWEEP_MS = 60_000;

interface Feed {
  publish?(entries: Revocation[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The revocation store: a table, plus a copy in every instance's memory so the guard never
 * waits on the network. Logout and friends write through `revoke()`, which persists the keys
 * and tells every instance at once: PostgreSQL NOTIFY (delivered when the writer's transaction
 * commits), or Redis pub/sub when REDIS_URL is set. A reconnecting listener reloads the table,
 * so an instance that missed messages catches up.
 */
@Injectable()
export class RevocationStore implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RevocationStore.name);
  private readonly revoked = new Map<string, number>();
  private feed?: Feed;
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
    if (this.config.redisUrl) this.feed = await this.redisFeed(this.config.redisUrl);
    else if (this.db.kind === 'postgres' && this.config.database.url)
      this.feed = this.postgresFeed(this.config.database.url);
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await this.feed?.close();
  }

  /** True when any of the credential's keys is revoked and not yet past its expiry. */
  isRevoked(keys: readonly string[]): boolean {
    const now = Date.now() / 1000;
    for (const key of keys) {
      const until = this.revoked.get(key);
      if (until !== undefined && until > now) return true;
    }
    return false;
  }

  /**
   * Revokes the keys on this instance at once, persists them (in `manager`'s transaction when
   * given) and tells the other instances.
   */
  async revoke(entries: Revocation[], manager?: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    for (const entry of entries) this.remember(entry);
    const m = manager ?? this.db.dataSource.manager;
    await m.query(
      `INSERT INTO revocations (key, expires_at)
       SELECT k, to_timestamp(e) FROM unnest($1::text[], $2::float8[]) AS r(k, e)
       ON CONFLICT (key) DO UPDATE SET expires_at = GREATEST(revocations.expires_at, EXCLUDED.expires_at)`,
      [entries.map((e) => e.key), entries.map((e) => e.expiresAt)],
    );
    if (this.feed?.publish) await this.feed.publish(entries);
    else if (this.db.kind === 'postgres') {
      for (const entry of entries) await m.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(entry)]);
    }
  }

  /** Drops expired keys from memory and from the table. */
  async sweep(): Promise<number> {
    const now = Date.now() / 1000;
    for (const [key, until] of this.revoked) if (until <= now) this.revoked.delete(key);
    const result: unknown = await this.db.dataSource
      .query(`DELETE FROM revocations WHERE expires_at < now() RETURNING key`)
      .catch(() => []);
    return returnedRows(result).length;
  }

  private remember(entry: Revocation): void {
    const current = this.revoked.get(entry.key) ?? 0;
    if (entry.expiresAt > current) this.revoked.set(entry.key, entry.expiresAt);
  }

  private async reload(): Promise<void> {
    const rows: Array<{ key: string; exp: number }> = await this.db.dataSource.query(
      `SELECT key, extract(epoch FROM expires_at)::float8 AS exp FROM revocations WHERE expires_at > now()`,
    );
    for (const row of rows) this.remember({ key: row.key, expiresAt: Number(row.exp) });
  }

  private onMessage(payload: string | undefined): void {
    try {
      const entry = JSON.parse(payload ?? '') as Revocation;
      if (typeof entry.key === 'string' && typeof entry.expiresAt === 'number') this.remember(entry);
    } catch {
      this.logger.warn('ignored a malformed revocation message');
    }
  }

  /** LISTEN on a dedicated connection, reconnecting (and reloading) until shut down. */
  private postgresFeed(url: string): Feed {
    let client: Client | undefined;
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    const connect = async (): Promise<void> => {
      const next = new Client({ connectionString: url, application_name: 'ocean-revocations' });
      next.on('notification', (msg: Notification) => this.onMessage(msg.payload));
      next.on('error', () => undefined);
      next.on('end', () => {
        if (!closed) schedule();
      });
      try {
        await next.connect();
        await next.query(`LISTEN ${CHANNEL}`);
        client = next;
        await this.reload();
      } catch {
        await next.end().catch(() => undefined);
        if (!closed) schedule();
      }
    };
    const schedule = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => void connect(), RECONNECT_MS);
      timer.unref();
    };
    void connect();
    return {
      close: async () => {
        closed = true;
        clearTimeout(timer);
        await client?.end().catch(() => undefined);
      },
    };
  }

  private async redisFeed(url: string): Promise<Feed> {
    const options = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false };
    const subscriber = new Redis(url, options);
    const publisher = new Redis(url, options);
    subscriber.on('error', () => undefined);
    publisher.on('error', () => undefined);
    subscriber.on('message', (_channel: string, message: string) => this.onMessage(message));
    // After a reconnect the subscription is restored by ioredis; reload what was missed.
    subscriber.on('ready', () => void this.reload().catch(() => undefined));
    await Promise.all([subscriber.connect(), publisher.connect()]);
    await subscriber.subscribe(CHANNEL);
    return {
      publish: async (entries) => {
        for (const entry of entries) await publisher.publish(CHANNEL, JSON.stringify(entry));
      },
      close: async () => {
        subscriber.disconnect();
        publisher.disconnect();
        await Promise.resolve();
      },
    };
  }
}
