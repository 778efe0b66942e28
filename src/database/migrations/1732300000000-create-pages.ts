import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePages1732300000000 implements MigrationInterface {
  name = 'CreatePages1732300000000';

  async up(q: QueryRunner): Promise<void> {
    // organization_id and user_id come from the credential issuer and are opaque text there.
    // sort_key is a fractional index compared bytewise (COLLATE "C"): inserting or moving a
    // page writes one row, and the integer position is its rank when read.
    await q.query(`
      CREATE TABLE pages (
        page_id uuid PRIMARY KEY,
        organization_id text NOT NULL,
        user_id text NOT NULL,
        title varchar(500) NOT NULL,
        icon varchar(255),
        cover_image varchar(2048),
        parent_page_id uuid,
        sort_key text COLLATE "C" NOT NULL,
        is_archived boolean NOT NULL DEFAULT false,
        in_archived_subtree boolean NOT NULL DEFAULT false,
        is_favorite boolean NOT NULL DEFAULT false,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pages_org_page_unique UNIQUE (organization_id, page_id),
        CONSTRAINT pages_parent_fk FOREIGN KEY (organization_id, parent_page_id)
          REFERENCES pages (organization_id, page_id) ON DELETE CASCADE,
        CONSTRAINT pages_sibling_key_unique UNIQUE NULLS NOT DISTINCT (organization_id, parent_page_id, sort_key),
        CONSTRAINT pages_not_own_parent CHECK (parent_page_id IS NULL OR parent_page_id <> page_id),
        CONSTRAINT pages_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
      )
    `);
    await q.query(`CREATE INDEX pages_org_favorite_idx ON pages (organization_id) WHERE is_favorite`);
    await q.query(`CREATE INDEX pages_org_archived_idx ON pages (organization_id, archived_at) WHERE is_archived`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pages`);
  }
}
