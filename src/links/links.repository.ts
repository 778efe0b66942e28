import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { BlockType } from '../blocks/block-content';
import { returnedRows } from '../database/query-result';
import { Link, LinkType } from './link.entity';

const COLUMNS = `l.link_id, l.organization_id, l.source_block_id, l.target_page_id, l.target_block_id, l.link_type, l.created_at`;

interface LinkRow {
  link_id: string;
  organization_id: string;
  source_block_id: string;
  target_page_id: string | null;
  target_block_id: string | null;
  link_type: LinkType;
  created_at: Date;
  total?: number;
}

export interface BacklinkRow extends LinkRow {
  source_page_id: string;
  source_block_type: BlockType;
  source_content: Record<string, unknown>;
}

function toLink(row: LinkRow): Link {
  const link = new Link();
  link.id = row.link_id;
  link.organizationId = row.organization_id;
  link.sourceBlockId = row.source_block_id;
  link.targetPageId = row.target_page_id;
  link.targetBlockId = row.target_block_id;
  link.linkType = row.link_type;
  link.createdAt = row.created_at;
  return link;
}

/** Links between blocks and pages of one organization. */
@Injectable()
export class LinksRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async find(organizationId: string, linkId: string): Promise<Link | null> {
    const rows: LinkRow[] = await this.m().query(
      `SELECT ${COLUMNS} FROM links l WHERE l.organization_id = $1 AND l.link_id = $2`,
      [organizationId, linkId],
    );
    return rows.length ? toLink(rows[0]) : null;
  }

  async list(
    organizationId: string,
    filter: { sourceBlockId?: string; targetId?: string; limit: number; offset: number },
  ): Promise<{ links: Link[]; total: number }> {
    const params: unknown[] = [organizationId];
    const where = ['l.organization_id = $1'];
    if (filter.sourceBlockId) {
      params.push(filter.sourceBlockId);
      where.push(`l.source_block_id = $${params.length}`);
    }
    if (filter.targetId) {
      params.push(filter.targetId);
      where.push(`l.target_id = $${params.length}`);
    }
    const rows: LinkRow[] = await this.m().query(
      `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM links l WHERE ${where.join(' AND ')}
       ORDER BY l.created_at, l.link_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    if (rows.length === 0 && filter.offset > 0) {
      const count: Array<{ total: number }> = await this.m().query(
        `SELECT count(*)::int AS total FROM links l WHERE ${where.join(' AND ')}`,
        params,
      );
      return { links: [], total: Number(count[0].total) };
    }
    return { links: rows.map(toLink), total: rows.length ? Number(rows[0].total) : 0 };
  }

  /** What `id` names in the organization: a page, a block, or nothing. */
  async kindOf(manager: EntityManager, organizationId: string, id: string): Promise<'page' | 'block' | null> {
    const rows: Array<{ kind: 'page' | 'block' }> = await manager.query(
      `SELECT 'page' AS kind FROM pages WHERE organization_id = $1 AND page_id = $2
       UNION ALL SELECT 'block' FROM blocks WHERE organization_id = $1 AND block_id = $2`,
      [organizationId, id],
    );
    return rows.length ? rows[0].kind : null;
  }

  /** True when following block→block links from `from` reaches `to` (any number of hops). */
  async reaches(manager: EntityManager, organizationId: string, from: string, to: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH RECURSIVE reach(block_id) AS (
         SELECT $2::uuid
         UNION
         SELECT l.target_block_id FROM links l JOIN reach r
           ON l.organization_id = $1 AND l.source_block_id = r.block_id
         WHERE l.target_block_id IS NOT NULL
       )
       SELECT 1 FROM reach WHERE block_id = $3::uuid LIMIT 1`,
      [organizationId, from, to],
    );
    return rows.length > 0;
  }

  async insert(
    manager: EntityManager,
    link: {
      id: string;
      organizationId: string;
      sourceBlockId: string;
      targetPageId: string | null;
      targetBlockId: string | null;
      linkType: LinkType;
    },
  ): Promise<Link> {
    const rows: LinkRow[] = await manager.query(
      `INSERT INTO links AS l (link_id, organization_id, source_block_id, target_page_id, target_block_id, link_type)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [link.id, link.organizationId, link.sourceBlockId, link.targetPageId, link.targetBlockId, link.linkType],
    );
    return toLink(rows[0]);
  }

  /**
   * The 'mention' links of page_link blocks to the pages they name. A link that already exists
   * with the same (source, target, type), made by hand or by an earlier write, is kept as it is.
   */
  async insertPageMentions(
    manager: EntityManager,
    organizationId: string,
    mentions: Array<{ id: string; sourceBlockId: string; targetPageId: string }>,
  ): Promise<void> {
    if (mentions.length === 0) return;
    await manager.query(
      `INSERT INTO links (link_id, organization_id, source_block_id, target_page_id, link_type)
       SELECT m.link_id, $1, m.source_block_id, m.target_page_id, 'mention'
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS m(link_id, source_block_id, target_page_id)
       ON CONFLICT ON CONSTRAINT links_unique DO NOTHING`,
      [
        organizationId,
        mentions.map((x) => x.id),
        mentions.map((x) => x.sourceBlockId),
        mentions.map((x) => x.targetPageId),
      ],
    );
  }

  /** Removes the 'mention' link from the block to the page, whoever made it. */
  async deletePageMention(
    manager: EntityManager,
    organizationId: string,
    sourceBlockId: string,
    targetPageId: string,
  ): Promise<void> {
    await manager.query(
      `DELETE FROM links WHERE organization_id = $1 AND source_block_id = $2 AND target_page_id = $3
         AND link_type = 'mention'`,
      [organizationId, sourceBlockId, targetPageId],
    );
  }

  async delete(organizationId: string, linkId: string): Promise<boolean> {
    const result: unknown = await this.m().query(
      `DELETE FROM links WHERE organization_id = $1 AND link_id = $2 RETURNING link_id`,
      [organizationId, linkId],
    );
    return returnedRows(result).length > 0;
  }

  /** Links pointing at `targetId` with what their source block says. */
  async backlinks(organizationId: string, targetId: string): Promise<BacklinkRow[]> {
    return this.m().query(
      `SELECT ${COLUMNS}, b.page_id AS source_page_id, b.block_type AS source_block_type, b.content AS source_content
       FROM links l JOIN blocks b ON b.organization_id = l.organization_id AND b.block_id = l.source_block_id
       WHERE l.organization_id = $1 AND l.target_id = $2
       ORDER BY l.created_at, l.link_id`,
      [organizationId, targetId],
    );
  }
}
