import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { selectWithIsoTimes } from '../database/api-rows';
import { Block } from './block.entity';
import type { BlockType } from './block-content';

const COLUMNS = `b.block_id, b.organization_id, b.page_id, b.user_id, b.parent_block_id, b.block_type, b.content,
  b.properties, b.sort_key, b.version, b.vector_id, b.vector_dimensions, b.created_at, b.updated_at`;

/** Tag ids of the block, in the order they were assigned: `properties.tags` is derived, never stored. */
const TAG_IDS = `COALESCE((SELECT array_agg(bt.tag_id::text ORDER BY bt.created_at, bt.tag_id) FROM block_tags bt
  WHERE bt.organization_id = b.organization_id AND bt.block_id = b.block_id), '{}') AS tag_ids`;

const POSITION = `(SELECT count(*) FROM blocks s
  WHERE s.organization_id = b.organization_id AND s.page_id = b.page_id
    AND s.parent_block_id IS NOT DISTINCT FROM b.parent_block_id
    AND s.sort_key < b.sort_key AND s.block_id <> b.block_id)::int AS position`;

interface BlockRow {
  block_id: string;
  organization_id: string;
  page_id: string;
  user_id: string;
  parent_block_id: string | null;
  block_type: BlockType;
  content: Record<string, unknown>;
  properties: Record<string, unknown>;
  sort_key: string;
  version: number;
  vector_id: string | null;
  vector_dimensions: number | null;
  /** ISO 8601 UTC: read through selectWithIsoTimes. */
  created_at: string;
  updated_at: string;
  position: number;
  tag_ids: string[];
  total?: number;
}

/** A plain object rather than an entity instance: a list maps hundreds of rows per request. */
function toBlock(row: BlockRow): Block {
  return {
    id: row.block_id,
    organizationId: row.organization_id,
    pageId: row.page_id,
    userId: row.user_id,
    parentBlockId: row.parent_block_id,
    blockType: row.block_type,
    content: row.content,
    properties: row.properties,
    sortKey: row.sort_key,
    version: Number(row.version),
    vectorId: row.vector_id,
    vectorDimensions: row.vector_dimensions,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    position: Number(row.position),
    tagIds: row.tag_ids,
  };
}

export interface BlockFilter {
  blockType?: BlockType;
  /** undefined: any parent; null: top-level blocks only. */
  parentBlockId?: string | null;
  limit: number;
  offset: number;
}

export interface NewBlock {
  id: string;
  organizationId: string;
  pageId: string;
  userId: string;
  parentBlockId: string | null;
  blockType: BlockType;
  content: Record<string, unknown>;
  properties: object;
  sortKey: string;
}

/**
 * The SQL of a page's blocks in document order: depth-first, siblings by key. The path joins
 * the sort keys of the ancestors with a space, which sorts below every key character under
 * COLLATE "C", so a block comes right after its parent and before its parent's next sibling.
 */
export function blocksListStatement(
  organizationId: string,
  pageId: string,
  filter: BlockFilter,
): { sql: string; params: unknown[] } {
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
      SELECT ${COLUMNS}, t.path,
        (row_number() OVER (PARTITION BY b.parent_block_id ORDER BY b.sort_key) - 1)::int AS position
      FROM tree t JOIN blocks b ON b.organization_id = $1 AND b.block_id = t.block_id
    )
    SELECT b.*, ${TAG_IDS}, count(*) OVER ()::int AS total FROM ranked b
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY b.path
    LIMIT $${params.length - 1} OFFSET $${params.length}`;
  return { sql, params };
}

/** Block rows of one organization; every statement is scoped by organization_id. */
@Injectable()
export class BlocksRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(organizationId: string, blockId: string, manager?: EntityManager): Promise<Block | null> {
    const rows = await selectWithIsoTimes<BlockRow>(
      this.dataSource,
      manager,
      `SELECT ${COLUMNS}, ${POSITION}, ${TAG_IDS} FROM blocks b WHERE b.organization_id = $1 AND b.block_id = $2`,
      [organizationId, blockId],
    );
    return rows.length ? toBlock(rows[0]) : null;
  }

  async findMany(manager: EntityManager, organizationId: string, blockIds: string[]): Promise<Block[]> {
    const rows = await selectWithIsoTimes<BlockRow>(
      this.dataSource,
      manager,
      `SELECT ${COLUMNS}, ${POSITION}, ${TAG_IDS} FROM blocks b
       WHERE b.organization_id = $1 AND b.block_id = ANY($2::uuid[])`,
      [organizationId, blockIds],
    );
    const byId = new Map(rows.map((r) => [r.block_id, toBlock(r)]));
    return blockIds.map((id) => byId.get(id)).filter((b): b is Block => b !== undefined);
  }

  async list(organizationId: string, pageId: string, filter: BlockFilter): Promise<{ blocks: Block[]; total: number }> {
    const { sql, params } = blocksListStatement(organizationId, pageId, filter);
    const rows = await selectWithIsoTimes<BlockRow>(this.dataSource, undefined, sql, params);
    if (rows.length > 0) return { blocks: rows.map(toBlock), total: Number(rows[0].total) };
    if (filter.offset === 0) return { blocks: [], total: 0 };
    const first = await this.list(organizationId, pageId, { ...filter, limit: 1, offset: 0 });
    return { blocks: [], total: first.total };
  }

  /** Ids of the blocks among `blockIds` that lie on `pageId`. */
  async idsOnPage(
    manager: EntityManager,
    organizationId: string,
    pageId: string,
    blockIds: string[],
  ): Promise<Set<string>> {
    if (blockIds.length === 0) return new Set();
    const rows: Array<{ block_id: string }> = await manager.query(
      `SELECT block_id FROM blocks WHERE organization_id = $1 AND page_id = $2 AND block_id = ANY($3::uuid[])`,
      [organizationId, pageId, blockIds],
    );
    return new Set(rows.map((r) => r.block_id));
  }

  /** Sort keys of every sibling list named in `parents` (null: top level), each in order. */
  async siblingKeys(
    manager: EntityManager,
    organizationId: string,
    pageId: string,
    parents: Array<string | null>,
  ): Promise<Map<string | null, string[]>> {
    const ids = parents.filter((p): p is string => p !== null);
    const rows: Array<{ parent_block_id: string | null; sort_key: string }> = await manager.query(
      `SELECT parent_block_id, sort_key FROM blocks
       WHERE organization_id = $1 AND page_id = $2
         AND (parent_block_id = ANY($3::uuid[]) OR ($4 AND parent_block_id IS NULL))
       ORDER BY sort_key`,
      [organizationId, pageId, ids, parents.includes(null)],
    );
    const keys = new Map<string | null, string[]>(parents.map((p) => [p, []]));
    for (const row of rows) keys.get(row.parent_block_id)?.push(row.sort_key);
    return keys;
  }

  async insertMany(manager: EntityManager, blocks: NewBlock[]): Promise<void> {
    const values: string[] = [];
    const params: unknown[] = [];
    for (const b of blocks) {
      const base = params.length;
      values.push(`(${Array.from({ length: 9 }, (_, i) => `$${base + i + 1}`).join(', ')})`);
      params.push(
        b.id,
        b.organizationId,
        b.pageId,
        b.userId,
        b.parentBlockId,
        b.blockType,
        JSON.stringify(b.content),
        JSON.stringify(b.properties),
        b.sortKey,
      );
    }
    await manager.query(
      `INSERT INTO blocks (block_id, organization_id, page_id, user_id, parent_block_id, block_type, content, properties, sort_key)
       VALUES ${values.join(', ')}`,
      params,
    );
  }

  async update(
    manager: EntityManager,
    organizationId: string,
    blockId: string,
    fields: {
      blockType?: BlockType;
      content?: object;
      properties?: object;
      sortKey?: string;
      parentBlockId?: string | null;
    },
  ): Promise<void> {
    const sets: string[] = ['version = version + 1', 'updated_at = now()'];
    const params: unknown[] = [organizationId, blockId];
    const set = (column: string, value: unknown): void => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (fields.blockType !== undefined) set('block_type', fields.blockType);
    if (fields.content !== undefined) set('content', JSON.stringify(fields.content));
    if (fields.properties !== undefined) set('properties', JSON.stringify(fields.properties));
    if (fields.sortKey !== undefined) set('sort_key', fields.sortKey);
    if (fields.parentBlockId !== undefined) set('parent_block_id', fields.parentBlockId);
    await manager.query(`UPDATE blocks SET ${sets.join(', ')} WHERE organization_id = $1 AND block_id = $2`, params);
  }

  /** The block and each of its ancestors. */
  async ancestorIds(manager: EntityManager, organizationId: string, blockId: string): Promise<string[]> {
    const rows: Array<{ block_id: string }> = await manager.query(
      `WITH RECURSIVE up AS (
         SELECT block_id, parent_block_id, 1 AS depth FROM blocks WHERE organization_id = $1 AND block_id = $2
         UNION ALL
         SELECT b.block_id, b.parent_block_id, up.depth + 1 FROM blocks b
           JOIN up ON b.organization_id = $1 AND b.block_id = up.parent_block_id
         WHERE up.depth < 10000
       )
       SELECT block_id FROM up`,
      [organizationId, blockId],
    );
    return rows.map((r) => r.block_id);
  }

  /** Deletes the block; child blocks, links and tag assignments follow by cascading keys. */
  async delete(manager: EntityManager, organizationId: string, blockId: string): Promise<void> {
    await manager.query(`DELETE FROM blocks WHERE organization_id = $1 AND block_id = $2`, [organizationId, blockId]);
  }

  async pageExists(manager: EntityManager, organizationId: string, pageId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM pages WHERE organization_id = $1 AND page_id = $2`, [
      organizationId,
      pageId,
    ]);
    return rows.length > 0;
  }

  /** Which of `pageIds` exist in the organization. */
  async existingPageIds(manager: EntityManager, organizationId: string, pageIds: string[]): Promise<Set<string>> {
    if (pageIds.length === 0) return new Set();
    const rows: Array<{ page_id: string }> = await manager.query(
      `SELECT page_id FROM pages WHERE organization_id = $1 AND page_id = ANY($2::uuid[])`,
      [organizationId, pageIds],
    );
    return new Set(rows.map((r) => r.page_id));
  }
}
