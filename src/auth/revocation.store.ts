import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { Database } from '../database/data-source';
import { DATABASE } from '../database/database.module';
import type { AuthContext } from './auth-context';
import { cutoffKey, MAX_REVOCATION_KEY_LENGTH, revocationKeysOf, type RevocationSubject } from './revocation-keys';
import { StoredRevocation } from './stored-revocation.entity';
import { Broadcast } from '../database/broadcast';
import { Db } from '../database/db';

/**
 * A revoked credential key (`jti:…`, `sha256:…`, `sid:…`, `sub:…`, `apikey:…`; see
 * revocation-keys.ts) and until when; or a user's cut-off (`before:<sub>`): that user's
 * tokens issued before `issuedBefore` are revoked, except those of session `exceptSession`.
 */
export interface Revocation {
  key: string;
  /** Seconds since the epoch; past it the credential is dead anyway. */
  expiresAt: number;
  issuedBefore?: number;
  exceptSession?: string;
}

interface Cutoff {
  before: number;
  exceptSession?: string;
  expiresAt: number;
}

/** What the store needs to know of a credential to judge it. */
export type RevocableCredential = RevocationSubject & Pick<AuthContext, 'issuedAt' | 'expiresAt' | 'via'>;

const CHANNEL = 'ocean_revocations';
const SWEEP_MS = 60_000;

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
  /** Per-user cut-offs by `before:<sub>` key (password reset and change). */
  private readonly cutoffs = new Map<string, Cutoff>();
  private sweeper?: NodeJS.Timeout;
  private readonly revokedListeners = new Set<() => void>();

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly broadcast: Broadcast,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.database.dataSource.subscribers.push(this.transactionHooks);
    // Listening first, then reading the table: nothing revoked in between is missed.
    await this.broadcast.subscribe(CHANNEL, {
      message: (payload) => this.onMessage(payload),
      resync: () => void this.reload().catch(() => undefined),
    });
    await this.reload();
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  /**
   * True when any of the credential's keys is revoked and not yet past its expiry, or when the
   * user's cut-off covers a token. A token's `iat` has whole seconds: one without a session is
   * refused when issued in the cut-off's second (fail closed; the built-in identity's tokens all
   * carry a session, which is revoked exactly), one with a session when issued before it. A
   * token without `iat` is dated one access-token lifetime before its `exp`.
   */
  isRevoked(credential: RevocableCredential): boolean {
    const now = Date.now() / 1000;
    for (const key of revocationKeysOf(credential)) {
      const until = this.revoked.get(key);
      if (until !== undefined && until > now) return true;
    }
    if (this.cutoffs.size === 0 || credential.via === 'api_key') return false;
    const cutoff = this.cutoffs.get(cutoffKey(credential.userId));
    if (!cutoff || cutoff.expiresAt <= now) return false;
    if (cutoff.exceptSession !== undefined && cutoff.exceptSession === credential.sessionId) return false;
    if (credential.issuedAt === undefined) {
      // No `iat` (the older core's tokens): taken as issued one access-token lifetime before it
      // expires, the lifetime this deployment issues. No `exp` either: nothing to judge by.
      if (credential.expiresAt === undefined) return true;
      return credential.expiresAt - this.config.auth.accessTokenMinutes * 60 <= cutoff.before;
    }
    const issued = Math.floor(credential.issuedAt);
    return credential.sessionId ? issued < cutoff.before : issued <= cutoff.before;
  }

  /**
   * Revokes the keys on this instance at once, persists them and tells the other instances;
   * inside a unit of work, all of that waits for its commit.
   */
  async revoke(entries: Revocation[]): Promise<void> {
    if (entries.length === 0) return;
    // Checked before anything is kept: memory must never hold a key the table refused.
    for (const entry of entries) {
      if (entry.key.length === 0 || entry.key.length > MAX_REVOCATION_KEY_LENGTH) {
        throw new Error(`revocation key of ${entry.key.length} characters`);
      }
    }
    const m = this.db.tx;
    await m.query(
      `INSERT INTO revocations (key, expires_at, issued_before, except_session)
       SELECT k, to_timestamp(e), b, s FROM unnest($1::text[], $2::float8[], $3::float8[], $4::text[]) AS r(k, e, b, s)
       ON CONFLICT (key) DO UPDATE SET
         expires_at = GREATEST(revocations.expires_at, EXCLUDED.expires_at),
         except_session = CASE WHEN EXCLUDED.issued_before >= coalesce(revocations.issued_before, 0)
           THEN EXCLUDED.except_session ELSE revocations.except_session END,
         issued_before = GREATEST(revocations.issued_before, EXCLUDED.issued_before)`,
      [
        entries.map((e) => e.key),
        entries.map((e) => e.expiresAt),
        entries.map((e) => e.issuedBefore ?? null),
        entries.map((e) => e.exceptSession ?? null),
      ],
    );
    if (this.broadcast.shared && !this.broadcast.viaRedis) {
      // Delivered at commit, and not at all if the transaction rolls back.
      for (const entry of entries) await m.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(entry)]);
    }
    const runner = m.queryRunner;
    if (runner?.isTransactionActive) {
      // Kept and published when the transaction commits, so that memory never holds (and no
      // instance hears of) a revocation the table does not.
      const data = runner.data as { revocations?: Revocation[] };
      (data.revocations ??= []).push(...entries);
    } else {
      await this.applied(entries);
    }
  }

  /**
   * A revocation the table now holds: kept in this instance's memory and told to the others
   * (Broadcast: Redis, else NOTIFY; failing both, the others find it in the table when their
   * feed reconnects). The revocation itself has committed: its caller never fails.
   */
  private async applied(entries: Revocation[]): Promise<void> {
    for (const entry of entries) this.remember(entry);
    // Without Redis on PostgreSQL, the NOTIFY went with the transaction.
    if (this.broadcast.shared && !this.broadcast.viaRedis) return;
    for (const entry of entries) await this.broadcast.publish(CHANNEL, JSON.stringify(entry));
  }

  /** TypeORM subscriber hooks: what a transaction revoked takes effect when it commits. */
  private readonly transactionHooks: EntitySubscriberInterface = {
    afterTransactionCommit: async (event: TransactionCommitEvent) => {
      const data = event.queryRunner.data as { revocations?: Revocation[] };
      if (event.queryRunner.isTransactionActive || !data.revocations) return;
      const entries = data.revocations;
      data.revocations = undefined;
      await this.applied(entries);
    },
    afterTransactionRollback: (event: TransactionRollbackEvent) => {
      if (!event.queryRunner.isTransactionActive)
        (event.queryRunner.data as { revocations?: unknown }).revocations = undefined;
    },
  };

  /**
   * Calls `listener` whenever this instance learns of a revocation (its own or another's): what
   * holds a credential past the request (an event stream) asks `isRevoked` again then.
   */
  onRevoked(listener: () => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  /** Drops expired keys from memory and from the table. */
  async sweep(): Promise<number> {
    const now = Date.now() / 1000;
    for (const [key, until] of this.revoked) if (until <= now) this.revoked.delete(key);
    for (const [key, cutoff] of this.cutoffs) if (cutoff.expiresAt <= now) this.cutoffs.delete(key);
    return this.purgeExpired().catch(() => 0);
  }

  /** Deletes the rows past their expiry; answers how many. */
  async purgeExpired(): Promise<number> {
    const result = await this.db.tx
      .createQueryBuilder()
      .delete()
      .from(StoredRevocation)
      .where('expires_at < now()')
      .execute();
    return result.affected ?? 0;
  }

  /** For administrators: revocations still in force. */
  countActive(): Promise<number> {
    return this.db.tx.createQueryBuilder(StoredRevocation, 'r').where('r.expires_at > now()').getCount();
  }

  private remember(entry: Revocation): void {
    this.keep(entry);
    for (const listener of this.revokedListeners) listener();
  }

  private keep(entry: Revocation): void {
    if (entry.issuedBefore !== undefined) {
      const current = this.cutoffs.get(entry.key);
      if (current && current.before > entry.issuedBefore) {
        current.expiresAt = Math.max(current.expiresAt, entry.expiresAt);
        return;
      }
      this.cutoffs.set(entry.key, {
        before: entry.issuedBefore,
        exceptSession: entry.exceptSession,
        expiresAt: Math.max(current?.expiresAt ?? 0, entry.expiresAt),
      });
      return;
    }
    const current = this.revoked.get(entry.key) ?? 0;
    if (entry.expiresAt > current) this.revoked.set(entry.key, entry.expiresAt);
  }

  private async reload(): Promise<void> {
    const rows: Array<{ key: string; exp: number; before: number | null; except_session: string | null }> =
      await this.db.tx.query(
        `SELECT key, extract(epoch FROM expires_at)::float8 AS exp, issued_before AS before, except_session
         FROM revocations WHERE expires_at > now()`,
      );
    for (const row of rows) {
      this.keep({
        key: row.key,
        expiresAt: Number(row.exp),
        issuedBefore: row.before === null ? undefined : Number(row.before),
        exceptSession: row.except_session ?? undefined,
      });
    }
    if (rows.length > 0) for (const listener of this.revokedListeners) listener();
  }

  private onMessage(payload: string | undefined): void {
    try {
      const entry = JSON.parse(payload ?? '') as Revocation;
      const valid =
        typeof entry.key === 'string' &&
        typeof entry.expiresAt === 'number' &&
        (entry.issuedBefore === undefined || typeof entry.issuedBefore === 'number') &&
        (entry.exceptSession === undefined || typeof entry.exceptSession === 'string');
      if (valid) this.remember(entry);
    } catch {
      this.logger.warn('ignored a malformed revocation message');
    }
  }
}
