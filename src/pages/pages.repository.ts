import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Page } from './page.entity';

const COLUMNS = `p.page_id, p.organization_id, p.user_id, p.title, p.icon, p.cover_image, p.parent_page_id,
  p.sort_key, p.is_archived, p.in_archived_subtree, p.is_favorite, p.metadata, p.archived_at, p.created_at, p.updated_at`;

/** Rank among siblings in the same archive state: dense 0..n-1 whatever the stored keys are. */
const POSITION = `(SELECT count(*) FROM pages s
  WHERE s.organization_id = p.organization_id
    AND s.parent_page_id IS NOT DISTINCT FROM p.parent_page_id
    AND s.is_archived = p.is_archived
    AND s.sort_key < p.sort_key
    AND s.page_id <> p.page_id)::int AS position`;

interface PageRow {
  page_id: string;
  organization_id: string;
  user_id: string;
  title: string;
  icon: string | null;
  cover_image: string | null;
  parent_page_id: string | null;
  sort_key: string;
  is_archived: boolean;
  in_archived_subtree: boolean;
  is_favorite: boolean;
  metadata: Record<string, unknown>;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
  position: number;
  total?: number;
}

function toPage(row: PageRow): Page {
  const page = new Page();
  page.id = row.page_id;
  page.organizationId = row.organization_id;
  page.userId = row.user_id;
  page.title = row.title;
  page.icon = row.icon;
  page.coverImage = row.cover_image;
  page.parentPageId = row.parent_page_id;
  page.sortKey = row.sort_key;
  page.isArchived = row.is_archived;
  page.inArchivedSubtree = row.in_archived_subtree;
  page.isFavorite = row.is_favorite;
  page.metadata = row.metadata;
  page.archivedAt = row.archived_at;
  page.createdAt = row.created_at;
  page.updatedAt = row.updated_at;
  page.position = Number(row.position);
  return page;
}

export interface PageFilter {
  /** undefined: any parent; null: root pages only. */
  parentPageId?: string | null;
  archived: boolean;
  favorite?: boolean;
  limit: number;
  offset: number;
}

export interface PageFields {
  title?: string;
  icon?: string | null;
  coverImage?: string | null;
  isFavorite?: boolean;
  metadata?: Record<string, unknown>;
}

/**
 * The SQL of a page listing, exported so the benchmark's bare handler runs exactly the same
 * statement. Positions are ranked over all siblings before the filters narrow the rows.
 */
export function pagesListStatement(organizationId: string, filter: PageFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [organizationId];
  let parentClause = '';
  if (filter.parentPageId === null) parentClause = 'AND parent_page_id IS NULL';
  else if (filter.parentPageId !== undefined) {
    params.push(filter.parentPageId);
    parentClause = `AND parent_page_id = $${params.length}`;
  }
  const where = [filter.archived ? 'is_archived' : 'NOT is_archived AND NOT in_archived_subtree'];
  if (filter.favorite !== undefined) {
    params.push(filter.favorite);
    where.push(`is_favorite = $${params.length}`);
  }
  params.push(filter.limit, filter.offset);
  const order = filter.parentPageId === undefined ? 'parent_page_id NULLS FIRST, sort_key' : 'sort_key';
  const sql = `WITH ranked AS (
      SELECT ${COLUMNS},
        (row_number() OVER (PARTITION BY p.parent_page_id, p.is_archived ORDER BY p.sort_key) - 1)::int AS position
      FROM pages p WHERE p.organization_id = $1 ${parentClause}
    )
    SELECT *, count(*) OVER ()::int AS total FROM ranked
    WHERE ${where.join(' AND ')}
    ORDER BY ${order}
    LIMIT $${params.length - 1} OFFSET $${params.length}`;
  return { sql, params };
}

/** Page rows of one organization; every statement is scoped by organization_id. */
@Injectable()
export class PagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async find(organizationId: string, pageId: string, manager?: EntityManager): Promise<Page | null> {
    const rows: PageRow[] = await this.m(manager).query(
      `SELECT ${COLUMNS}, ${POSITION} FROM pages p WHERE p.organization_id = $1 AND p.page_id = $2`,
      [organizationId, pageId],
    );
    return rows.length ? toPage(rows[0]) : null;
  }

  async list(organizationId: string, filter: PageFilter): Promise<{ pages: Page[]; total: number }> {
    const { sql, params } = pagesListStatement(organizationId, filter);
    const rows: PageRow[] = await this.m().query(sql, params);
    if (rows.length > 0) return { pages: rows.map(toPage), total: Number(rows[0].total) };
    if (filter.offset === 0) return { pages: [], total: 0 };
    // Past the end the window count saw no row: count with the first row of the same query.
    const first = await this.list(organizationId, { ...filter, limit: 1, offset: 0 });
    return { pages: [], total: first.total };
  }

  /** Sort keys of the siblings under `parentPageId`, skipping `exceptId`, in order. */
  async siblingKeyAt(
    manager: EntityManager,
    organizationId: string,
    parentPageId: string | null,
    options: { exceptId?: string; archived?: boolean; offset: number; after?: string | null },
  ): Promise<string | null> {
    const params: unknown[] = [organizationId, options.exceptId ?? null];
    let sql = `SELECT sort_key FROM pages WHERE organization_id = $1 AND page_id IS DISTINCT FROM $2 AND `;
    if (parentPageId === null) sql += 'parent_page_id IS NULL';
    else {
      params.push(parentPageId);
      sql += `parent_page_id = $${params.length}`;
    }
    if (options.archived !== undefined) {
      params.push(options.archived);
      sql += ` AND is_archived = $${params.length}`;
    }
    if (options.after) {
      params.push(options.after);
      sql += ` AND sort_key > $${params.length}`;
    }
    params.push(options.offset);
    sql += ` ORDER BY sort_key OFFSET $${params.length} LIMIT 1`;
    const rows: Array<{ sort_key: string }> = await manager.query(sql, params);
    return rows.length ? rows[0].sort_key : null;
  }

  async lastSiblingKey(
    manager: EntityManager,
    organizationId: string,
    parentPageId: string | null,
    exceptId?: string,
  ): Promise<string | null> {
    const params: unknown[] = [organizationId, exceptId ?? null];
    const parentClause = parentPageId === null ? 'parent_page_id IS NULL' : 'parent_page_id = $3';
    if (parentPageId !== null) params.push(parentPageId);
    const rows: Array<{ sort_key: string }> = await manager.query(
      `SELECT sort_key FROM pages WHERE organization_id = $1 AND page_id IS DISTINCT FROM $2 AND ${parentClause}
       ORDER BY sort_key DESC LIMIT 1`,
      params,
    );
    return rows.length ? rows[0].sort_key : null;
  }

  async insert(
    manager: EntityManager,
    page: Pick<Page, 'id' | 'organizationId' | 'userId' | 'title' | 'parentPageId' | 'sortKey'> & PageFields,
  ): Promise<Page> {
    const rows: PageRow[] = await manager.query(
      `INSERT INTO pages AS p (page_id, organization_id, user_id, title, icon, cover_image, parent_page_id, sort_key, metadata)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       RETURNING ${COLUMNS}, ${POSITION}`,
      [
        page.id,
        page.organizationId,
        page.userId,
        page.title,
        page.icon ?? null,
        page.coverImage ?? null,
        page.parentPageId,
        page.sortKey,
        JSON.stringify(page.metadata ?? {}),
      ],
    );
    return toPage(rows[0]);
  }

  async updateFields(
    manager: EntityManager,
    organizationId: string,
    pageId: string,
    fields: PageFields,
  ): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [organizationId, pageId];
    const set = (column: string, value: unknown): void => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (fields.title !== undefined) set('title', fields.title);
    if (fields.icon !== undefined) set('icon', fields.icon);
    if (fields.coverImage !== undefined) set('cover_image', fields.coverImage);
    if (fields.isFavorite !== undefined) set('is_favorite', fields.isFavorite);
    if (fields.metadata !== undefined) set('metadata', JSON.stringify(fields.metadata));
    if (sets.length === 0) return;
    await manager.query(
      `UPDATE pages SET ${sets.join(', ')}, updated_at = now() WHERE organization_id = $1 AND page_id = $2`,
      params,
    );
  }

  async setArchived(manager: EntityManager, organizationId: string, pageId: string, archived: boolean): Promise<void> {
    await manager.query(
      `UPDATE pages SET is_archived = $3, archived_at = CASE WHEN $3 THEN now() ELSE NULL END, updated_at = now()
       WHERE organization_id = $1 AND page_id = $2`,
      [organizationId, pageId, archived],
    );
  }

  async setPlace(
    manager: EntityManager,
    organizationId: string,
    pageId: string,
    parentPageId: string | null,
    sortKey: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE pages SET parent_page_id = $3, sort_key = $4, updated_at = now() WHERE organization_id = $1 AND page_id = $2`,
      [organizationId, pageId, parentPageId, sortKey],
    );
  }

  /** The page itself and every ancestor up to the root. */
  async ancestorIds(manager: EntityManager, organizationId: string, pageId: string): Promise<string[]> {
    const rows: Array<{ page_id: string }> = await manager.query(
      `WITH RECURSIVE up AS (
         SELECT page_id, parent_page_id, 1 AS depth FROM pages WHERE organization_id = $1 AND page_id = $2
         UNION ALL
         SELECT p.page_id, p.parent_page_id, up.depth + 1 FROM pages p
           JOIN up ON p.organization_id = $1 AND p.page_id = up.parent_page_id
         WHERE up.depth < 10000
       )
       SELECT page_id FROM up`,
      [organizationId, pageId],
    );
    return rows.map((r) => r.page_id);
  }

  /**
   * Recomputes `in_archived_subtree` below `rootId`, given whether the root itself sits under an
   * archived ancestor. Runs after archive, restore and move, inside their transaction.
   */
  async refreshSubtreeVisibility(
    manager: EntityManager,
    organizationId: string,
    rootId: string,
    rootHidden: boolean,
  ): Promise<void> {
    await manager.query(
      `WITH RECURSIVE tree AS (
         SELECT page_id, is_archived, $3::boolean AS hidden FROM pages WHERE organization_id = $1 AND page_id = $2
         UNION ALL
         SELECT c.page_id, c.is_archived, (t.hidden OR t.is_archived) FROM pages c
           JOIN tree t ON c.organization_id = $1 AND c.parent_page_id = t.page_id
       )
       UPDATE pages p SET in_archived_subtree = tree.hidden FROM tree
       WHERE p.organization_id = $1 AND p.page_id = tree.page_id AND p.in_archived_subtree <> tree.hidden`,
      [organizationId, rootId, rootHidden],
    );
  }

  /** Deletes the page; its subtree follows through the cascading parent key. */
  async delete(manager: EntityManager, organizationId: string, pageId: string): Promise<void> {
    await manager.query(`DELETE FROM pages WHERE organization_id = $1 AND page_id = $2`, [organizationId, pageId]);
  }
}
