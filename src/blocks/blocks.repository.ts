import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { OrgScope } from '../common/org-scope';
import { selectWithIsoTimes } from '../database/api-rows';
import { Db } from '../database/db';
import type { EntityRows } from '../database/entity-rows';
import { BlockTag } from './block-tag.entity';
import { Block } from './block.entity';
import type { BlockType } from './block-content';

const INSERT_CHUNK = 1000;

export interface BlockFilter {
  blockType?: BlockType;
  /** undefined: any parent; null: top-level blocks only. */
  parentBlockId?: string | null;
  /** null: every block (an export). */
  limit: number | null;
  offset: number;
}

export type NewBlock = Pick<
  Block,
  'id' | 'pageId' | 'userId' | 'parentBlockId' | 'blockType' | 'content' | 'properties' | 'sortKey'
>;

export type BlockFields = Partial<Pick<Block, 'blockType' | 'content' | 'properties' | 'sortKey' | 'parentBlockId'>>;

/** What a backlink shows of the block it comes from. */
export type BlockSummary = Pick<Block, 'id' | 'pageId' | 'blockType' | 'content'>;

/**
 * The block reads Ocean sends for a page's blocks, in one place: the repository runs them, and
 * the benchmark's bare handler runs exactly the same statement.
 */
export class BlockReads {
  constructor(private readonly rows: EntityRows<Block>) {}

  /** One block, or several: every field, its position and its tag ids. */
  byIds(organizationId: string, blockIds: string[]): { sql: string; params: unknown[] } {
    return {
      sql: `SELECT ${this.rows.columns('b')}, ${this.rows.derived('position', 'b')}, ${this.rows.derived('tagIds', 'b')}
        FROM blocks b WHERE b.organization_id = $1 AND b.block_id = ANY($2::uuid[])`,
      params: [organizationId, blockIds],
    };
  }

  /**
   * A page's blocks in document order: depth-first, siblings by key. The path joins the sort
   * keys of the ancestors with a space, which sorts below every key character under COLLATE
   * "C", so a block comes right after its parent and before its parent's next sibling.
   */
  list(organizationId: string, pageId: string, filter: BlockFilter): { sql: string; params: unknown[] } {
    const params: unknown[] = [organizationId, pageId];
    const where: string[] = [];
    if (filter.blockType !== undefined) {
      params.push(filter.blockType);
      where.push(`block_type = $${params.length}`);
    }
    if (filter.parentBlockId === null) where.push('parent_block_id IS NULL');
    else if (filter.parentBlockId !== undefined) {
      params.push(filter.parentBlockId);
      where.push(`parent_block_id = $${params.length}`);
    }
    params.push(filter.limit, filter.offset);
    const sql = `WITH RECURSIVE tree AS (
        SELECT b.block_id, b.sort_key::text COLLATE "C" AS path FROM blocks b
        WHERE b.organization_id = $1 AND b.page_id = $2 AND b.parent_block_id IS NULL
        UNION ALL
        SELECT c.block_id, (t.path || ' ' || c.sort_key) COLLATE "C" FROM blocks c
        JOIN tree t ON c.organization_id = $1 AND c.page_id = $2 AND c.parent_block_id = t.block_id
      ), ranked AS (
        SELECT ${this.rows.columns('b')}, t.path,
          (row_number() OVER (PARTITION BY b.parent_block_id ORDER BY b.sort_key) - 1)::int AS position
        FROM tree t JOIN blocks b ON b.organization_id = $1 AND b.block_id = t.block_id
      )
      SELECT b.*, ${this.rows.derived('tagIds', 'b')}, count(*) OVER ()::int AS total FROM ranked b
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY b.path
      LIMIT $${params.length - 1} OFFSET $${params.length}`;
    return { sql, params };
  }
}

/**
 * The blocks table and the tag assignments of blocks (block_tags), owned by the blocks module.
 * Every statement is scoped by the OrgScope. Timestamps are read as the API's ISO strings.
 */
@Injectable()
export class BlocksRepository {
  private readonly rows: EntityRows<Block>;
  readonly reads: BlockReads;

  constructor(private readonly db: Db) {
    this.rows = db.rows(Block);
    this.reads = new BlockReads(this.rows);
  }

  private get tx(): EntityManager {
    return this.db.tx;
  }

  private async select(statement: { sql: string; params: unknown[] }): Promise<Array<Record<string, unknown>>> {
    return selectWithIsoTimes(this.tx, statement.sql, statement.params);
  }

  async find(scope: OrgScope, blockId: string): Promise<Block | null> {
    const rows = await this.select(this.reads.byIds(scope.organizationId, [blockId]));
    return rows.length ? this.rows.toEntity(rows[0]) : null;
  }

  /** The blocks of `blockIds` that exist, in the order of `blockIds`. */
  async findMany(scope: OrgScope, blockIds: string[]): Promise<Block[]> {
    const rows = await this.select(this.reads.byIds(scope.organizationId, blockIds));
    const byId = new Map(rows.map((r) => [r.block_id, this.rows.toEntity(r)]));
    return blockIds.map((id) => byId.get(id)).filter((b): b is Block => b !== undefined);
  }

  async list(scope: OrgScope, pageId: string, filter: BlockFilter): Promise<{ blocks: Block[]; total: number }> {
    const rows = await this.select(this.reads.list(scope.organizationId, pageId, filter));
    if (rows.length > 0) return { blocks: this.rows.toEntities(rows), total: Number(rows[0].total) };
    if (filter.offset === 0) return { blocks: [], total: 0 };
    const first = await this.list(scope, pageId, { ...filter, limit: 1, offset: 0 });
    return { blocks: [], total: first.total };
  }

  async exists(scope: OrgScope, blockId: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.query(`SELECT 1 FROM blocks WHERE organization_id = $1 AND block_id = $2`, [
      scope.organizationId,
      blockId,
    ]);
    return rows.length > 0;
  }

  /** Page, type and content of the blocks of `blockIds` that exist. */
  async summaries(scope: OrgScope, blockIds: string[]): Promise<Map<string, BlockSummary>> {
    if (blockIds.length === 0) return new Map();
    const rows = await this.tx.find(Block, {
      select: { id: true, pageId: true, blockType: true, content: true },
      where: { organizationId: scope.organizationId, id: In(blockIds) },
    });
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Ids of the blocks among `blockIds` that lie on `pageId`. */
  async idsOnPage(scope: OrgScope, pageId: string, blockIds: string[]): Promise<Set<string>> {
    if (blockIds.length === 0) return new Set();
    const rows = await this.tx.find(Block, {
      select: { id: true },
      where: { organizationId: scope.organizationId, pageId, id: In(blockIds) },
    });
    return new Set(rows.map((r) => r.id));
  }

  /** Sort keys of every sibling list named in `parents` (null: top level), each in order. */
  async siblingKeys(
    scope: OrgScope,
    pageId: string,
    parents: Array<string | null>,
  ): Promise<Map<string | null, string[]>> {
    const ids = parents.filter((p): p is string => p !== null);
    const rows: Array<{ parent_block_id: string | null; sort_key: string }> = await this.tx.query(
      `SELECT parent_block_id, sort_key FROM blocks
       WHERE organization_id = $1 AND page_id = $2
         AND (parent_block_id = ANY($3::uuid[]) OR ($4 AND parent_block_id IS NULL))
       ORDER BY sort_key`,
      [scope.organizationId, pageId, ids, parents.includes(null)],
    );
    const keys = new Map<string | null, string[]>(parents.map((p) => [p, []]));
    for (const row of rows) keys.get(row.parent_block_id)?.push(row.sort_key);
    return keys;
  }

  /** In statements of at most INSERT_CHUNK rows: a statement takes at most 65 535 parameters. */
  async insertMany(scope: OrgScope, blocks: NewBlock[]): Promise<void> {
    for (let i = 0; i < blocks.length; i += INSERT_CHUNK) {
      const { sql, params } = this.rows.insert(
        blocks.slice(i, i + INSERT_CHUNK).map((b) => ({ ...b, organizationId: scope.organizationId })),
        ['id', 'organizationId', 'pageId', 'userId', 'parentBlockId', 'blockType', 'content', 'properties', 'sortKey'],
      );
      await this.tx.query(sql, params);
    }
  }

  /** Changes the given fields (undefined: left as it is); every update bumps the version and updated_at. */
  async update(scope: OrgScope, blockId: string, fields: BlockFields): Promise<void> {
    const set = this.rows.assignments(fields, 2);
    await this.tx.query(
      `UPDATE blocks SET ${[set.sql, 'version = version + 1', 'updated_at = now()'].filter(Boolean).join(', ')}
       WHERE organization_id = $1 AND block_id = $2`,
      [scope.organizationId, blockId, ...set.params],
    );
  }

  /** The block and each of its ancestors. */
  async ancestorIds(scope: OrgScope, blockId: string): Promise<string[]> {
    const rows: Array<{ block_id: string }> = await this.tx.query(
      `WITH RECURSIVE up AS (
         SELECT block_id, parent_block_id, 1 AS depth FROM blocks WHERE organization_id = $1 AND block_id = $2
         UNION ALL
         SELECT b.block_id, b.parent_block_id, up.depth + 1 FROM blocks b
           JOIN up ON b.organization_id = $1 AND b.block_id = up.parent_block_id
         WHERE up.depth < 10000
       )
       SELECT block_id FROM up`,
      [scope.organizationId, blockId],
    );
    return rows.map((r) => r.block_id);
  }

  /** Deletes the block; child blocks, links and tag assignments follow by cascading keys. */
  async delete(scope: OrgScope, blockId: string): Promise<void> {
    await this.tx.delete(Block, { organizationId: scope.organizationId, id: blockId });
  }

  /**
   * Assigns a tag atomically (false when it was already there). A tag change is a change of
   * the block, its properties.tags: new version, new updated_at.
   */
  async addTag(scope: OrgScope, blockId: string, tagId: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.query(
      `INSERT INTO block_tags (organization_id, block_id, tag_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING tag_id`,
      [scope.organizationId, blockId, tagId],
    );
    if (rows.length > 0) await this.update(scope, blockId, {});
    return rows.length > 0;
  }

  /** Removes a tag from the block (false when it was not there), a change of the block too. */
  async removeTag(scope: OrgScope, blockId: string, tagId: string): Promise<boolean> {
    const result = await this.tx.delete(BlockTag, { organizationId: scope.organizationId, blockId, tagId });
    const removed = (result.affected ?? 0) > 0;
    if (removed) await this.update(scope, blockId, {});
    return removed;
  }

  /** The tag ids of a block in the order they were assigned. */
  async tagIdsOf(scope: OrgScope, blockId: string): Promise<string[]> {
    const rows = await this.tx.find(BlockTag, {
      select: { tagId: true },
      where: { organizationId: scope.organizationId, blockId },
      order: { createdAt: 'ASC', tagId: 'ASC' },
    });
    return rows.map((r) => r.tagId);
  }

  /** How many blocks carry each tag, for every tag of the organization that has any. */
  async tagUsage(scope: OrgScope, tagIds?: string[]): Promise<Map<string, number>> {
    const rows: Array<{ tag_id: string; n: number }> = await this.tx.query(
      `SELECT tag_id, count(*)::int AS n FROM block_tags WHERE organization_id = $1
       ${tagIds ? 'AND tag_id = ANY($2::uuid[])' : ''} GROUP BY tag_id`,
      tagIds ? [scope.organizationId, tagIds] : [scope.organizationId],
    );
    return new Map(rows.map((r) => [r.tag_id, Number(r.n)]));
  }

  /** For administrators: blocks of every organization. */
  async countAllOrganizations(): Promise<number> {
    // Awaited here so that this method is on the statement's stack, where the tenant audit looks.
    const count = await this.tx.count(Block);
    return count;
  }
}
