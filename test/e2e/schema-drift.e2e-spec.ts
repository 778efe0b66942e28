import 'reflect-metadata';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { Database, ENTITIES, openDatabase } from '../../src/database/data-source';
import { createScratchDatabase, onPostgres } from '../support/app';

/** TypeORM's own bookkeeping: the applied migrations and the generated-column expressions. */
const TYPEORM_TABLES = ['migrations', 'typeorm_metadata'];

/**
 * What the migrations declare and TypeORM cannot (see the comments on the entities), by
 * constraint or index name: the catalog comparison leaves these out.
 */
const INEXPRESSIBLE = new Set([
  'pages_sibling_key_unique', // UNIQUE NULLS NOT DISTINCT
  'blocks_sibling_key_unique', // UNIQUE NULLS NOT DISTINCT
  'tags_org_name_unique', // a unique index on lower(name)
  'users_email_unique', // a unique index on lower(email)
  'block_search_document_idx', // USING gin (btree_gin)
  'search_vocabulary_trgm_idx', // USING gist (btree_gist, gist_trgm_ops)
  'events_occurred_brin', // USING brin
]);

/**
 * The columns, constraints and indexes of `tables` as PostgreSQL prints them, one line each,
 * with the name of the constraint or index first where there is one.
 */
async function catalog(ds: DataSource, tables: string[]): Promise<string[]> {
  const columns: { line: string }[] = await ds.query(
    `SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
         || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
         || CASE a.attgenerated WHEN '' THEN '' ELSE ' GENERATED ' || a.attgenerated::text END
         || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
         || COALESCE(' COLLATE ' || quote_ident(co.collname), '') AS line
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid AND c.relnamespace = current_schema()::regnamespace
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
       WHERE c.relname = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped`,
    [tables],
  );
  // PostgreSQL 18 lists NOT NULL as constraints too; the columns already say it.
  const constraints: { line: string }[] = await ds.query(
    `SELECT conname || ' ON ' || conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) AS line
       FROM pg_constraint
       WHERE connamespace = current_schema()::regnamespace AND contype <> 'n'
         AND conrelid::regclass::text = ANY($1)`,
    [tables],
  );
  const indexes: { line: string }[] = await ds.query(
    `SELECT indexname || ' ' || indexdef AS line FROM pg_indexes
       WHERE schemaname = current_schema() AND tablename = ANY($1)`,
    [tables],
  );
  return [...columns, ...constraints, ...indexes]
    .map((r) => r.line)
    .filter((line) => !INEXPRESSIBLE.has(line.split(' ')[0]))
    .sort();
}

/** A second, empty database whose schema TypeORM builds from the entities alone. */
async function synchronizedFromEntities(): Promise<{ dataSource: DataSource; close: () => Promise<void> }> {
  const common = { type: 'postgres' as const, entities: ENTITIES, synchronize: true, logging: false };
  if (onPostgres()) {
    const scratch = await createScratchDatabase();
    const dataSource = new DataSource({ ...common, url: scratch.url });
    await dataSource.initialize().catch(async (err: unknown) => {
      await scratch.drop();
      throw err;
    });
    return { dataSource, close: () => dataSource.destroy().then(scratch.drop) };
  }
  const pglite = await PGlite.create('memory://');
  const dataSource = new DataSource({ ...common, poolSize: 1, extra: { ...createPgConfig(pglite), max: 1 } });
  await dataSource.initialize().catch(async (err: unknown) => {
    await pglite.close();
    throw err;
  });
  return { dataSource, close: () => dataSource.destroy().then(() => pglite.close()) };
}

/**
 * The entities are each table's one description: after the migrations have run, TypeORM must
 * find nothing to change, the tables it builds from the entities alone must print as the migrated
 * ones do, and no migrated table may lack an entity.
 */
describe(`schema drift (${onPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  let db: Database;
  let drop: (() => Promise<void>) | undefined;
  let migratedTables: string[];

  beforeAll(async () => {
    const scratch = onPostgres() ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    db = await openDatabase(
      loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        JWT_SECRET: 'schema-drift-secret-long-enough-0123456789abcdef',
        DATA_DIR: 'memory://',
        ...(scratch ? { DATABASE_URL: scratch.url } : {}),
      }),
    );
    const rows: { tablename: string }[] = await db.dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
    );
    migratedTables = rows.map((r) => r.tablename);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  const entityTables = () => db.dataSource.entityMetadatas.map((m) => m.tableName);

  it('knows every entity of ENTITIES, each with its table migrated', () => {
    expect(db.dataSource.entityMetadatas.map((m) => m.target)).toEqual(expect.arrayContaining(ENTITIES));
    expect(entityTables().filter((t) => !migratedTables.includes(t))).toEqual([]);
  });

  it('finds nothing to change: TypeORM’s schema diff after the migrations is empty', async () => {
    const sql = await db.dataSource.driver.createSchemaBuilder().log();
    const drift = sql.upQueries.map((q) =>
      q.parameters?.length ? `${q.query} -- parameters ${JSON.stringify(q.parameters)}` : q.query,
    );
    expect(
      drift.length,
      `the entities and the migrated schema differ; TypeORM would run:\n${drift.join(';\n')};\n`,
    ).toBe(0);
  });

  // TypeORM's diff matches checks, unique constraints and foreign keys by name, and indexes by
  // name and columns: an expression, a WHERE or a column list can differ and still pass above.
  it('builds, from the entities alone, the same columns, constraints and indexes as the migrations', async () => {
    const tables = entityTables();
    const synchronized = await synchronizedFromEntities();
    try {
      const migrated = await catalog(db.dataSource, tables);
      const declared = await catalog(synchronized.dataSource, tables);
      const onlyMigrated = migrated.filter((l) => !declared.includes(l));
      const onlyDeclared = declared.filter((l) => !migrated.includes(l));
      expect(
        onlyMigrated.length + onlyDeclared.length,
        [
          'the entities and the migrations build different schemas',
          `  only from the migrations:\n    ${onlyMigrated.join('\n    ')}`,
          `  only from the entities:\n    ${onlyDeclared.join('\n    ')}`,
          '',
        ].join('\n'),
      ).toBe(0);
      expect(migrated.length).toBeGreaterThan(tables.length);
    } finally {
      await synchronized.close();
    }
  });

  it('has an entity for every table the migrations create', () => {
    const described = new Set([...entityTables(), ...TYPEORM_TABLES]);
    const orphans = migratedTables.filter((t) => !described.has(t));
    expect(orphans, `tables without an entity: ${orphans.join(', ')}`).toEqual([]);
  });
});
