import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TypeORM reads a generated column's expression from its own `typeorm_metadata` table, not from
 * the catalog (whose text it formats differently); without the row its schema diff would drop and
 * re-add links.target_id. TypeORM's migration runner already creates the table before each
 * migration while an entity has a generated column, so it is created here only if missing, as
 * TypeORM's schema builder creates it. The row is the one TypeORM's generated migrations insert,
 * except that the database and schema are the current ones rather than the names of the database
 * a migration was generated against.
 */
export class CreateTypeormMetadata1732800000000 implements MigrationInterface {
  name = 'CreateTypeormMetadata1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text)`,
    );
    await q.query(`
      INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value")
      SELECT current_database(), current_schema(), 'links', 'GENERATED_COLUMN', 'target_id',
        'COALESCE(target_page_id, target_block_id)'
      WHERE NOT EXISTS (
        SELECT 1 FROM "typeorm_metadata"
        WHERE "type" = 'GENERATED_COLUMN' AND "database" = current_database()
          AND "schema" = current_schema() AND "table" = 'links' AND "name" = 'target_id'
      )
    `);
  }

  /** The table stays: TypeORM's runner would create it again before the next migration anyway. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM "typeorm_metadata"
      WHERE "type" = 'GENERATED_COLUMN' AND "database" = current_database()
        AND "schema" = current_schema() AND "table" = 'links' AND "name" = 'target_id'
    `);
  }
}
