import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateContentModel1732400000000 implements MigrationInterface {
  name = 'CreateContentModel1732400000000';

  async up(q: QueryRunner): Promise<void> {
    // Blocks hang off a page and optionally a parent block of the same page: the composite
    // foreign keys make a cross-organization or cross-page parent impossible, and deleting a
    // page or a block takes its descendants with it.
    await q.query(`
      CREATE TABLE blocks (
        block_id uuid PRIMARY KEY,
        organization_id text NOT NULL,
        page_id uuid NOT NULL,
        user_id text NOT NULL,
        parent_block_id uuid,
        block_type varchar(20) NOT NULL,
        content jsonb NOT NULL,
        properties jsonb NOT NULL DEFAULT '{}'::jsonb,
        sort_key text COLLATE "C" NOT NULL,
        version integer NOT NULL DEFAULT 1,
        vector_id text,
        vector_dimensions integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT blocks_org_block_unique UNIQUE (organization_id, block_id),
        CONSTRAINT blocks_org_page_block_unique UNIQUE (organization_id, page_id, block_id),
        CONSTRAINT blocks_page_fk FOREIGN KEY (organization_id, page_id)
          REFERENCES pages (organization_id, page_id) ON DELETE CASCADE,
        CONSTRAINT blocks_parent_fk FOREIGN KEY (organization_id, page_id, parent_block_id)
          REFERENCES blocks (organization_id, page_id, block_id) ON DELETE CASCADE,
        CONSTRAINT blocks_sibling_key_unique UNIQUE NULLS NOT DISTINCT (organization_id, page_id, parent_block_id, sort_key),
        CONSTRAINT blocks_not_own_parent CHECK (parent_block_id IS NULL OR parent_block_id <> block_id),
        CONSTRAINT blocks_type_known CHECK (block_type IN ('text', 'heading', 'list', 'task', 'link', 'page_link')),
        CONSTRAINT blocks_content_object CHECK (jsonb_typeof(content) = 'object'),
        CONSTRAINT blocks_properties_object CHECK (jsonb_typeof(properties) = 'object')
      )
    `);
    await q.query(
      `CREATE INDEX blocks_org_parent_idx ON blocks (organization_id, parent_block_id) WHERE parent_block_id IS NOT NULL`,
    );

    // usage_count is never stored: it is counted from block_tags, so it cannot drift.
    await q.query(`
      CREATE TABLE tags (
        tag_id uuid PRIMARY KEY,
        organization_id text NOT NULL,
        name varchar(100) NOT NULL,
        color varchar(20),
        description varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tags_org_tag_unique UNIQUE (organization_id, tag_id)
      )
    `);
    await q.query(`CREATE UNIQUE INDEX tags_org_name_unique ON tags (organization_id, lower(name))`);
    await q.query(`
      CREATE TABLE block_tags (
        organization_id text NOT NULL,
        block_id uuid NOT NULL,
        tag_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (organization_id, block_id, tag_id),
        CONSTRAINT block_tags_block_fk FOREIGN KEY (organization_id, block_id)
          REFERENCES blocks (organization_id, block_id) ON DELETE CASCADE,
        CONSTRAINT block_tags_tag_fk FOREIGN KEY (organization_id, tag_id)
          REFERENCES tags (organization_id, tag_id) ON DELETE CASCADE
      )
    `);
    await q.query(`CREATE INDEX block_tags_tag_idx ON block_tags (organization_id, tag_id)`);

    // A link points at exactly one page or one block of the same organization and goes away
    // with its source or its target.
    await q.query(`
      CREATE TABLE links (
        link_id uuid PRIMARY KEY,
        organization_id text NOT NULL,
        source_block_id uuid NOT NULL,
        target_page_id uuid,
        target_block_id uuid,
        target_id uuid GENERATED ALWAYS AS (COALESCE(target_page_id, target_block_id)) STORED,
        link_type varchar(20) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT links_source_fk FOREIGN KEY (organization_id, source_block_id)
          REFERENCES blocks (organization_id, block_id) ON DELETE CASCADE,
        CONSTRAINT links_target_page_fk FOREIGN KEY (organization_id, target_page_id)
          REFERENCES pages (organization_id, page_id) ON DELETE CASCADE,
        CONSTRAINT links_target_block_fk FOREIGN KEY (organization_id, target_block_id)
          REFERENCES blocks (organization_id, block_id) ON DELETE CASCADE,
        CONSTRAINT links_one_target CHECK ((target_page_id IS NULL) <> (target_block_id IS NULL)),
        CONSTRAINT links_type_known CHECK (link_type IN ('reference', 'embed', 'mention')),
        CONSTRAINT links_unique UNIQUE (organization_id, source_block_id, target_id, link_type)
      )
    `);
    await q.query(`CREATE INDEX links_org_target_idx ON links (organization_id, target_id)`);
    await q.query(
      `CREATE INDEX links_org_target_block_idx ON links (organization_id, target_block_id) WHERE target_block_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX links_org_target_page_idx ON links (organization_id, target_page_id) WHERE target_page_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE links`);
    await q.query(`DROP TABLE block_tags`);
    await q.query(`DROP TABLE tags`);
    await q.query(`DROP TABLE blocks`);
  }
}
