import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { vector } from '@electric-sql/pglite-pgvector';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { StoredRevocation } from '../auth/stored-revocation.entity';
import { BlockTag } from '../blocks/block-tag.entity';
import { Block } from '../blocks/block.entity';
import { ApiKey } from '../identity/entities/api-key.entity';
import { Membership } from '../identity/entities/membership.entity';
import { OneTimeToken } from '../identity/entities/one-time-token.entity';
import { Organization } from '../identity/entities/organization.entity';
import { OutboxMail } from '../identity/entities/outbox-mail.entity';
import { RefreshToken } from '../identity/entities/refresh-token.entity';
import { Session } from '../identity/entities/session.entity';
import { User } from '../identity/entities/user.entity';
import { Link } from '../links/link.entity';
import { Page } from '../pages/page.entity';
import { BlockSearch } from '../search/block-search.entity';
import { applySearchLanguage } from '../search/search-language';
import { SearchVocabulary } from '../search/search-vocabulary.entity';
import { BlockEmbedding } from '../search/block-embedding.entity';
import { Job } from '../jobs/job.entity';
import { EventCounter, StoredEvent } from '../events/event.entity';
import { StreamTicket } from '../auth/stream-ticket.entity';
import { Webhook, WebhookDelivery } from '../webhooks/webhook.entity';
import { Tag } from '../tags/tag.entity';
import { MIGRATIONS } from './migrations';

export const ENTITIES = [
  Page,
  Block,
  BlockTag,
  Tag,
  Link,
  BlockSearch,
  SearchVocabulary,
  BlockEmbedding,
  Job,
  Organization,
  User,
  Membership,
  Session,
  RefreshToken,
  ApiKey,
  OneTimeToken,
  OutboxMail,
  StoredRevocation,
  StoredEvent,
  EventCounter,
  StreamTicket,
  Webhook,
  WebhookDelivery,
];

/**
 * The extensions the migrations create (PostgreSQL ships them in postgresql-contrib), and
 * pgvector, which search uses where it exists.
 */
export const PGLITE_EXTENSIONS = { unaccent, pg_trgm, btree_gin, btree_gist, fuzzystrmatch, vector };

export interface Database {
  dataSource: DataSource;
  kind: 'postgres' | 'pglite';
  /** Block documents rebuilt at start because SEARCH_LANGUAGE changed (0: none). */
  searchDocumentsRebuilt: number;
  /** Destroys the data source and, for PGlite, closes the embedded database. */
  close(): Promise<void>;
}

function pgliteDirectory(dataDir: string): string {
  if (dataDir.startsWith('memory://')) return dataDir;
  const dir = join(dataDir, 'pgdata');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** An arbitrary constant naming Ocean's migration lock among the server's advisory locks. */
const MIGRATION_LOCK_KEY = '7305271611';

/**
 * Several instances may start at once on one PostgreSQL: a session-level advisory lock lets one
 * migrate while the others wait, then find nothing pending.
 */
export async function migrateExclusively(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. PGlite is reached through its
 * own node-postgres adapter over a single connection, so one transaction can never see or undo
 * another request's work (the typeorm-pglite package did exactly that).
 */
export async function openDatabase(config: AppConfig, options: { runMigrations?: boolean } = {}): Promise<Database> {
  const runMigrations = options.runMigrations ?? true;
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
  };
  if (config.database.url) {
    const dataSource = new DataSource({
      ...common,
      url: config.database.url,
      poolSize: config.database.poolSize,
      extra: { connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000, application_name: 'ocean' },
    });
    await dataSource.initialize();
    let searchDocumentsRebuilt = 0;
    try {
      if (runMigrations) {
        await migrateExclusively(dataSource);
        searchDocumentsRebuilt = await applySearchLanguage(dataSource, config.search.language);
      }
    } catch (err) {
      await dataSource.destroy();
      throw err;
    }
    return { dataSource, kind: 'postgres', searchDocumentsRebuilt, close: () => dataSource.destroy() };
  }
  const pglite = await PGlite.create(pgliteDirectory(config.database.dataDir), { extensions: PGLITE_EXTENSIONS });
  const dataSource = new DataSource({
    ...common,
    poolSize: 1,
    extra: { ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 },
  });
  let searchDocumentsRebuilt = 0;
  try {
    await dataSource.initialize();
    if (runMigrations) {
      await dataSource.runMigrations({ transaction: 'each' });
      searchDocumentsRebuilt = await applySearchLanguage(dataSource, config.search.language);
    }
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await pglite.close();
    throw err;
  }
  return {
    dataSource,
    kind: 'pglite',
    searchDocumentsRebuilt,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
