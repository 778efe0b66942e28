import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere } from 'typeorm';
import type { OrgScope } from '../common/org-scope';
import { Db } from '../database/db';
import { Link } from './link.entity';

export type NewLink = Pick<Link, 'id' | 'sourceBlockId' | 'targetPageId' | 'targetBlockId' | 'linkType'>;

const ORDER = { createdAt: 'ASC', id: 'ASC' } as const;

/** The links table, owned by the links module. Every statement is scoped by the OrgScope. */
@Injectable()
export class LinksRepository {
  constructor(private readonly db: Db) {}

  private get tx(): EntityManager {
    return this.db.tx;
  }

  find(scope: OrgScope, linkId: string): Promise<Link | null> {
    return this.tx.findOneBy(Link, { organizationId: scope.organizationId, id: linkId });
  }

  async list(
    scope: OrgScope,
    filter: { sourceBlockId?: string; targetId?: string; limit: number; offset: number },
  ): Promise<{ links: Link[]; total: number }> {
    const where: FindOptionsWhere<Link> = { organizationId: scope.organizationId };
    if (filter.sourceBlockId) where.sourceBlockId = filter.sourceBlockId;
    if (filter.targetId) where.targetId = filter.targetId;
    const [links, total] = await this.tx.findAndCount(Link, {
      where,
      order: ORDER,
      take: filter.limit,
      skip: filter.offset,
    });
    return { links, total };
  }

  /** Links pointing at `targetId`, oldest first. */
  pointingAt(scope: OrgScope, targetId: string): Promise<Link[]> {
    return this.tx.find(Link, { where: { organizationId: scope.organizationId, targetId }, order: ORDER });
  }

  /** True when following block→block links from `from` reaches `to` (any number of hops). */
  async reaches(scope: OrgScope, from: string, to: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.query(
      `WITH RECURSIVE reach(block_id) AS (
         SELECT $2::uuid
         UNION
         SELECT l.target_block_id FROM links l JOIN reach r
           ON l.organization_id = $1 AND l.source_block_id = r.block_id
         WHERE l.target_block_id IS NOT NULL
       )
       SELECT 1 FROM reach WHERE block_id = $3::uuid LIMIT 1`,
      [scope.organizationId, from, to],
    );
    return rows.length > 0;
  }

  async insert(scope: OrgScope, link: NewLink): Promise<Link> {
    await this.tx.insert(Link, { ...link, organizationId: scope.organizationId });
    return (await this.find(scope, link.id))!;
  }

  /**
   * The 'mention' links of page_link blocks to the pages they name. A link that already exists
   * with the same (source, target, type), made by hand or by an earlier write, is kept as it is.
   */
  async insertPageMentions(
    scope: OrgScope,
    mentions: Array<{ id: string; sourceBlockId: string; targetPageId: string }>,
  ): Promise<void> {
    if (mentions.length === 0) return;
    await this.tx.query(
      `INSERT INTO links (link_id, organization_id, source_block_id, target_page_id, link_type)
       SELECT m.link_id, $1, m.source_block_id, m.target_page_id, 'mention'
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS m(link_id, source_block_id, target_page_id)
       ON CONFLICT ON CONSTRAINT links_unique DO NOTHING`,
      [
        scope.organizationId,
        mentions.map((x) => x.id),
        mentions.map((x) => x.sourceBlockId),
        mentions.map((x) => x.targetPageId),
      ],
    );
  }

  /** Removes the 'mention' link from the block to the page, whoever made it. */
  async deletePageMention(scope: OrgScope, sourceBlockId: string, targetPageId: string): Promise<void> {
    await this.tx.delete(Link, {
      organizationId: scope.organizationId,
      sourceBlockId,
      targetPageId,
      linkType: 'mention',
    });
  }

  async delete(scope: OrgScope, linkId: string): Promise<boolean> {
    const result = await this.tx.delete(Link, { organizationId: scope.organizationId, id: linkId });
    return (result.affected ?? 0) > 0;
  }
}
