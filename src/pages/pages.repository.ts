import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { OrgScope } from '../common/org-scope';
import { Db } from '../database/db';
import type { EntityRows } from '../database/entity-rows';
import { Page } from './page.entity';

export interface PageFilter {
  /** undefined: any parent; null: root pages only. */
  parentPageId?: string | null;
  archived: boolean;
  favorite?: boolean;
  limit: number;
  offset: number;
}

export type PageFields = Partial<Pick<Page, 'title' | 'icon' | 'coverImage' | 'isFavorite' | 'metadata'>>;

interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * The page reads Ocean sends, in one place: the repository runs them, and the benchmark's bare
 * handler runs exactly the same statements.
 */
export class PageReads {
  constructor(private readonly rows: EntityRows<Page>) {}

  find(organizationId: string, pageId: string): Statement {
    return {
      sql: `SELECT ${this.rows.columns('p')}, ${this.rows.derived('position', 'p')}
        FROM pages p WHERE p.organization_id = $1 AND p.page_id = $2`,
      params: [organizationId, pageId],
    };
  }

  exists(organizationId: string, pageId: string): Statement {
    return { sql: `SELECT 1 FROM pages WHERE organization_id = $1 AND page_id = $2`, params: [organizationId, pageId] };
  }

  /** A listing; positions are ranked over all siblings before the filters narrow the rows. */
  list(organizationId: string, filter: PageFilter): Statement {
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
        SELECT ${this.rows.columns('p')},
          (row_number() OVER (PARTITION BY p.parent_page_id, p.is_archived ORDER BY p.sort_key) - 1)::int AS position
        FROM pages p WHERE p.organization_id = $1 ${parentClause}
      )
      SELECT *, count(*) OVER ()::int AS total FROM ranked
      WHERE ${where.join(' AND ')}
      ORDER BY ${order}
      LIMIT $${params.length - 1} OFFSET $${params.length}`;
    return { sql, params };
  }
}

/** The pages table, owned by the pages module. Every statement is scoped by the OrgScope. */
@Injectable()
export class PagesRepository {
  private readonly rows: EntityRows<Page>;
  readonly reads: PageReads;

  constructor(private readonly db: Db) {
    this.rows = db.rows(Page);
    this.reads = new PageReads(this.rows);
  }

  private get tx(): EntityManager {
    return this.db.tx;
  }

  private async run(statement: Statement): Promise<Array<Record<string, unknown>>> {
    return this.tx.query(statement.sql, statement.params);
  }

  async find(scope: OrgScope, pageId: string): Promise<Page | null> {
    const rows = await this.run(this.reads.find(scope.organizationId, pageId));
    return rows.length ? this.rows.toEntity(rows[0]) : null;
  }

  async exists(scope: OrgScope, pageId: string): Promise<boolean> {
    return (await this.run(this.reads.exists(scope.organizationId, pageId))).length > 0;
  }

  /** Which of `pageIds` exist in the organization. */
  async existingIds(scope: OrgScope, pageIds: string[]): Promise<Set<string>> {
    if (pageIds.length === 0) return new Set();
    const rows = await this.tx.find(Page, {
      select: { id: true },
      where: pageIds.map((id) => ({ organizationId: scope.organizationId, id })),
    });
    return new Set(rows.map((r) => r.id));
  }

  /** Titles of those of `pageIds` that exist in the organization. */
  async titles(scope: OrgScope, pageIds: string[]): Promise<Map<string, string>> {
    if (pageIds.length === 0) return new Map();
    const rows = await this.tx.find(Page, {
      select: { id: true, title: true },
      where: pageIds.map((id) => ({ organizationId: scope.organizationId, id })),
    });
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  async list(scope: OrgScope, filter: PageFilter): Promise<{ pages: Page[]; total: number }> {
    const rows = await this.run(this.reads.list(scope.organizationId, filter));
    if (rows.length > 0) return { pages: this.rows.toEntities(rows), total: Number(rows[0].total) };
    if (filter.offset === 0) return { pages: [], total: 0 };
    // Past the end the window count saw no row: count with the first row of the same query.
    const first = await this.list(scope, { ...filter, limit: 1, offset: 0 });
    return { pages: [], total: first.total };
  }

  /** The sort key of the sibling at `offset` under `parentPageId`, skipping `exceptId`. */
  async siblingKeyAt(
    scope: OrgScope,
    parentPageId: string | null,
    options: { exceptId?: string; archived?: boolean; offset: number; after?: string | null },
  ): Promise<string | null> {
    const params: unknown[] = [scope.organizationId, options.exceptId ?? null];
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
    const rows: Array<{ sort_key: string }> = await this.tx.query(sql, params);
    return rows.length ? rows[0].sort_key : null;
  }

  async lastSiblingKey(scope: OrgScope, parentPageId: string | null, exceptId?: string): Promise<string | null> {
    const params: unknown[] = [scope.organizationId, exceptId ?? null];
    const parentClause = parentPageId === null ? 'parent_page_id IS NULL' : 'parent_page_id = $3';
    if (parentPageId !== null) params.push(parentPageId);
    const rows: Array<{ sort_key: string }> = await this.tx.query(
      `SELECT sort_key FROM pages WHERE organization_id = $1 AND page_id IS DISTINCT FROM $2 AND ${parentClause}
       ORDER BY sort_key DESC LIMIT 1`,
      params,
    );
    return rows.length ? rows[0].sort_key : null;
  }

  async insert(
    scope: OrgScope,
    page: Pick<Page, 'id' | 'userId' | 'title' | 'parentPageId' | 'sortKey'> & PageFields,
  ): Promise<Page> {
    const { sql, params } = this.rows.insert(
      [{ ...page, organizationId: scope.organizationId, metadata: page.metadata ?? {} }],
      ['id', 'organizationId', 'userId', 'title', 'icon', 'coverImage', 'parentPageId', 'sortKey', 'metadata'],
    );
    const rows: Array<Record<string, unknown>> = await this.tx.query(
      `${sql.replace('INSERT INTO pages', 'INSERT INTO pages AS p')}
       RETURNING ${this.rows.columns('p')}, ${this.rows.derived('position', 'p')}`,
      params,
    );
    return this.rows.toEntity(rows[0]);
  }

  /** Changes the given fields (undefined: left as it is) and updated_at. */
  private async change(scope: OrgScope, pageId: string, changes: Partial<Page>, extra = ''): Promise<void> {
    const set = this.rows.assignments(changes, 2);
    await this.tx.query(
      `UPDATE pages SET ${[set.sql, extra, 'updated_at = now()'].filter(Boolean).join(', ')}
       WHERE organization_id = $1 AND page_id = $2`,
      [scope.organizationId, pageId, ...set.params],
    );
  }

  async updateFields(scope: OrgScope, pageId: string, fields: PageFields): Promise<void> {
    if (Object.values(fields).every((v) => v === undefined)) return;
    await this.change(scope, pageId, fields);
  }

  async setArchived(scope: OrgScope, pageId: string, archived: boolean): Promise<void> {
    await this.change(scope, pageId, { isArchived: archived }, archived ? 'archived_at = now()' : 'archived_at = NULL');
  }

  async setPlace(scope: OrgScope, pageId: string, parentPageId: string | null, sortKey: string): Promise<void> {
    await this.change(scope, pageId, { parentPageId, sortKey });
  }

  /** The page itself and every ancestor up to the root. */
  async ancestorIds(scope: OrgScope, pageId: string): Promise<string[]> {
    const rows: Array<{ page_id: string }> = await this.tx.query(
      `WITH RECURSIVE up AS (
         SELECT page_id, parent_page_id, 1 AS depth FROM pages WHERE organization_id = $1 AND page_id = $2
         UNION ALL
         SELECT p.page_id, p.parent_page_id, up.depth + 1 FROM pages p
           JOIN up ON p.organization_id = $1 AND p.page_id = up.parent_page_id
         WHERE up.depth < 10000
       )
       SELECT page_id FROM up`,
      [scope.organizationId, pageId],
    );
    return rows.map((r) => r.page_id);
  }

  /**
   * Recomputes `in_archived_subtree` below `rootId`, given whether the root itself sits under an
   * archived ancestor. Runs after archive, restore and move, inside their transaction.
   */
  async refreshSubtreeVisibility(scope: OrgScope, rootId: string, rootHidden: boolean): Promise<void> {
    await this.tx.query(
      `WITH RECURSIVE tree AS (
         SELECT page_id, is_archived, $3::boolean AS hidden FROM pages WHERE organization_id = $1 AND page_id = $2
         UNION ALL
         SELECT c.page_id, c.is_archived, (t.hidden OR t.is_archived) FROM pages c
           JOIN tree t ON c.organization_id = $1 AND c.parent_page_id = t.page_id
       )
       UPDATE pages p SET in_archived_subtree = tree.hidden FROM tree
       WHERE p.organization_id = $1 AND p.page_id = tree.page_id AND p.in_archived_subtree <> tree.hidden`,
      [scope.organizationId, rootId, rootHidden],
    );
  }

  /** Deletes the page; its subtree and everything on it follow through cascading keys. */
  async delete(scope: OrgScope, pageId: string): Promise<void> {
    await this.tx.delete(Page, { organizationId: scope.organizationId, id: pageId });
  }

  /** For administrators: pages of every organization. */
  async countAllOrganizations(): Promise<number> {
    // Awaited here so that this method is on the statement's stack, where the tenant audit looks.
    const count = await this.tx.count(Page);
    return count;
  }
}
