import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * page_link blocks written before their links were kept in step get the 'mention' link to the
 * page they name, when that page exists in their organization. An existing link with the same
 * (source, target, type) is kept. Page ids are compared as text so that content that is not a
 * UUID (never written by the API) can only miss, not abort the migration.
 */
export class BackfillPageLinkMentions1732700000000 implements MigrationInterface {
  name = 'BackfillPageLinkMentions1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO links (link_id, organization_id, source_block_id, target_page_id, link_type)
      SELECT gen_random_uuid(), b.organization_id, b.block_id, p.page_id, 'mention'
      FROM blocks b
      JOIN pages p ON p.organization_id = b.organization_id AND p.page_id::text = lower(b.content->>'linkedPageId')
      WHERE b.block_type = 'page_link'
      ON CONFLICT ON CONSTRAINT links_unique DO NOTHING
    `);
  }

  async down(): Promise<void> {
    // The links are indistinguishable from ones the blocks made since: nothing to undo.
  }
}
