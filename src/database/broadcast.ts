import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Client, Notification } from 'pg';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { Database } from './data-source';
import { DATABASE } from './tokens';

const RECONNECT_MS = 1000;

/** What a channel's subscriber is told. */
export interface ChannelListener {
  /** A message on the channel (from any instance, this one included). */
  message(payload: string): void;
  /**
   * The feed (re)connected: messages sent while it was down are lost, so the subscriber reads
   * again what it keeps a copy of.
   */
  resync(): void;
}

interface Feed {
  listen(channel: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Messages between the instances of one deployment, on named channels: PostgreSQL
 * LISTEN/NOTIFY, or Redis pub/sub when REDIS_URL is set (on PostgreSQL the instances listen to
 * NOTIFY as well, which carries what Redis cannot take). PGlite runs one process: there is no
 * other instance to tell, and a subscriber hears only what `publish` or the caller's own
 * transaction hooks hand it.
 *
 * Both the revocation store and the event stream use it; neither trusts it alone: a subscriber
 * catches up from its table on `resync`, and a message is only ever a hint to read the table.
 */
@Injectable()
export class Broadcast implements OnApplicationShutdown {
  private readonly logger = new Logger('Broadcast');
  private readonly listeners = new Map<string, Set<ChannelListener>>();
  private postgres?: Feed;
  private redis?: Feed & { publish(channel: string, payload: string): Promise<void> };
  private started?: Promise<void>;
  private closed = false;

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** True when `publish` goes through Redis; otherwise NOTIFY in the writer's transaction. */
  get viaRedis(): boolean {
    return this.config.redisUrl !== undefined;
  }

  /** True when messages can reach other instances at all (not PGlite). */
  get shared(): boolean {
    return this.database.kind === 'postgres';
  }

  /** Listens on `channel` from now on; resolves once the feeds listen (or have failed to, for now). */
  async subscribe(channel: string, listener: ChannelListener): Promise<void> {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    await this.start();
    await Promise.all([this.postgres?.listen(channel), this.redis?.listen(channel)]);
  }

  /**
   * Tells every instance, after a commit: through Redis, else (or when Redis cannot take it)
   * by NOTIFY outside any transaction. Never throws: the message is a hint, and every
   * subscriber catches up from its table when a feed comes back.
   */
  async publish(channel: string, payload: string): Promise<void> {
    if (this.redis) {
      try {
        await this.redis.publish(channel, payload);
        return;
      } catch (err) {
        this.logger.warn(`not published to Redis (${(err as Error).message}); sending it by NOTIFY`);
      }
    }
    if (!this.shared) {
      this.deliver(channel, payload);
      return;
    }
    try {
      await this.database.dataSource.query('SELECT pg_notify($1, $2)', [channel, payload]);
    } catch (err) {
      this.logger.warn(`not sent by NOTIFY either (${(err as Error).message})`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.started?.catch(() => undefined);
    await this.postgres?.close();
    await this.redis?.close();
  }

  private start(): Promise<void> {
    this.started ??= (async () => {
      const pgUrl = this.shared ? this.config.database.url : undefined;
      if (pgUrl) this.postgres = this.postgresFeed(pgUrl);
      if (this.config.redisUrl) this.redis = await this.redisFeed(this.config.redisUrl);
    })();
    return this.started;
  }

  private deliver(channel: string, payload: string): void {
    for (const listener of this.listeners.get(channel) ?? []) {
      try {
        listener.message(payload);
      } catch (err) {
        this.logger.warn(`a ${channel} listener failed: ${(err as Error).message}`);
      }
    }
  }

  private resyncAll(): void {
    for (const set of this.listeners.values()) for (const listener of set) listener.resync();
  }

  /** LISTEN on a dedicated connection, reconnecting (and telling subscribers to resync) until shut down. */
  private postgresFeed(url: string): Feed {
    let client: Client | undefined;
    let timer: NodeJS.Timeout | undefined;
    let connecting: Promise<void> | undefined;
    const channels = new Set<string>();
    const connect = async (): Promise<void> => {
      const next = new Client({ connectionString: url, application_name: 'ocean-broadcast' });
      next.on('notification', (msg: Notification) => this.deliver(msg.channel, msg.payload ?? ''));
      next.on('error', () => undefined);
      next.on('end', () => {
        if (client === next) client = undefined;
        if (!this.closed) schedule();
      });
      try {
        await next.connect();
        for (const channel of channels) await next.query(`LISTEN ${quoteChannel(channel)}`);
        client = next;
        this.resyncAll();
      } catch {
        await next.end().catch(() => undefined);
        if (!this.closed) schedule();
      }
    };
    const schedule = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => void (connecting = connect()), RECONNECT_MS);
      timer.unref();
    };
    connecting = connect();
    return {
      listen: async (channel) => {
        if (channels.has(channel)) return;
        channels.add(channel);
        await connecting;
        await client?.query(`LISTEN ${quoteChannel(channel)}`).catch(() => undefined);
      },
      close: async () => {
        clearTimeout(timer);
        await connecting?.catch(() => undefined);
        await client?.end().catch(() => undefined);
      },
    };
  }

  private async redisFeed(url: string): Promise<Feed & { publish(channel: string, payload: string): Promise<void> }> {
    // A command on a socket that died unnoticed gives up within a second (then NOTIFY carries it).
    const options = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false, commandTimeout: 1000 };
    const subscriber = new Redis(url, options);
    const publisher = new Redis(url, options);
    subscriber.on('error', () => undefined);
    publisher.on('error', () => undefined);
    subscriber.on('message', (channel: string, message: string) => this.deliver(channel, message));
    // After a reconnect ioredis restores the subscriptions; what was sent meanwhile is lost.
    let first = true;
    subscriber.on('ready', () => {
      if (first) first = false;
      else this.resyncAll();
    });
    await Promise.all([subscriber.connect(), publisher.connect()]);
    return {
      listen: async (channel) => {
        await subscriber.subscribe(channel);
      },
      publish: async (channel, payload) => {
        await publisher.publish(channel, payload);
      },
      close: async () => {
        subscriber.disconnect();
        publisher.disconnect();
        await Promise.resolve();
      },
    };
  }
}

/** Channel names are ours (lowercase words); quoted anyway, as LISTEN takes no parameter. */
function quoteChannel(channel: string): string {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  return `"${channel}"`;
}
