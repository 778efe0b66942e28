import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBlock, assignTag, BLOCKS_URL, createTag } from '../factories/content';
import { createPage } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, TestApp } from '../support/app';
import { send } from '../support/http';
import { audit, unscopedTables } from '../support/tenant-audit';

describe('the tenant audit of every statement', () => {
  it('passes scoped statements: by alias, unqualified, in joins and subqueries, and inserts', () => {
    for (const sql of [
      `SELECT p.page_id, (SELECT count(*) FROM pages s WHERE s.organization_id = p.organization_id) AS position
         FROM pages p WHERE p.organization_id = $1 AND p.page_id = $2`,
      `SELECT "Tag"."tag_id" FROM "tags" "Tag" WHERE (("Tag"."organization_id" = $1) AND ("Tag"."tag_id" = $2))`,
      `UPDATE "blocks" SET "version" = "version" + 1 WHERE "organization_id" = $1 AND "block_id" = $2`,
      `DELETE FROM links WHERE organization_id = $1 AND link_id = $2`,
      `INSERT INTO "pages"("page_id", "organization_id", "title") VALUES ($1, $2, $3)`,
      `INSERT INTO block_tags (organization_id, block_id, tag_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      `SELECT l.* FROM links l JOIN blocks b ON b.organization_id = l.organization_id WHERE l.organization_id = $1`,
      `SELECT 1 FROM users WHERE user_id = $1`,
      `CREATE TABLE pages (page_id uuid)`,
    ]) {
      expect(unscopedTables(sql), sql).toEqual([]);
    }
  });

  it('names the tenant tables a statement reaches without its own organization condition', () => {
    expect(unscopedTables(`SELECT * FROM pages WHERE page_id = $1`)).toEqual(['pages']);
    expect(unscopedTables(`SELECT "Tag"."name" FROM "tags" "Tag" WHERE "Tag"."tag_id" = $1`)).toEqual(['tags']);
    expect(unscopedTables(`UPDATE blocks SET version = version + 1 WHERE block_id = $1`)).toEqual(['blocks']);
    expect(unscopedTables(`INSERT INTO links (link_id, source_block_id) VALUES ($1, $2)`)).toEqual(['links']);
    // The subquery's table is not scoped by the outer statement's condition.
    expect(
      unscopedTables(`SELECT p.page_id, (SELECT count(*) FROM blocks s WHERE s.page_id = p.page_id)
        FROM pages p WHERE p.organization_id = $1`),
    ).toEqual(['blocks']);
    expect(
      unscopedTables(
        `SELECT * FROM links l JOIN blocks b ON b.block_id = l.source_block_id WHERE l.organization_id = $1`,
      ),
    ).toEqual(['blocks']);
  });

  describe('on a running app', () => {
    let t: TestApp;
    let token: string;

    beforeAll(async () => {
      t = await bootApp();
      token = await signToken({ org: `org-audit-${Date.now()}` });
    });
    afterAll(() => t.close());

    it('checks the statements of every content table, those read past TypeORM included', async () => {
      const page = await createPage(t.app, token, { title: 'Audited' });
      const block = await addBlock(t.app, token, page.page_id);
      const tag = await createTag(t.app, token, { name: 'audited' });
      await assignTag(t.app, token, block.block_id, tag.tag_id);
      const before = audit.checked;
      // GET /blocks reads through selectWithIsoTimes, beside TypeORM's query runner.
      const res = await send(t.app, 'GET', `${BLOCKS_URL}?page_id=${page.page_id}`, { token });
      expect(res.status).toBe(200);
      expect(audit.checked - before).toBeGreaterThanOrEqual(2);
      expect(audit.violations).toEqual([]);
    });
  });
});
