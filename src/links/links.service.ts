import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { searchableText } from '../blocks/block-content';
import { AppError } from '../common/errors';
import { newId } from '../common/ids';
import { iso } from '../common/time';
import { lockFor } from '../database/transactions';
import { BacklinkDto, CreateLinkDto, ListLinksQueryDto } from './dto/link.dto';
import { Link } from './link.entity';
import { LinksRepository } from './links.repository';

const PREVIEW_LENGTH = 200;

@Injectable()
export class LinksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly links: LinksRepository,
  ) {}

  /**
   * Creates a link after checking both ends in the caller's organization. Link creations of
   * one organization are serialised, so two that would close a cycle together cannot both pass
   * the reachability check.
   */
  async create(auth: AuthContext, dto: CreateLinkDto): Promise<Link> {
    const org = auth.organizationId;
    const source = dto.source_block_id.toLowerCase();
    const target = dto.target_id.toLowerCase();
    try {
      return await this.dataSource.transaction(async (m) => {
        await lockFor(m, `links:${org}`);
        if ((await this.links.kindOf(m, org, source)) !== 'block') {
          throw new AppError('BLOCK_NOT_FOUND', 'The source block was not found.');
        }
        const kind = await this.links.kindOf(m, org, target);
        const wanted = dto.is_page_link === undefined ? kind : dto.is_page_link ? 'page' : 'block';
        if (kind === null || kind !== wanted) throw new AppError('LINK_TARGET_NOT_FOUND');
        if (kind === 'block' && (target === source || (await this.links.reaches(m, org, target, source)))) {
          throw new AppError('CIRCULAR_REFERENCE', 'The link would close a cycle of block links.');
        }
        return this.links.insert(m, {
          id: newId(),
          organizationId: org,
          sourceBlockId: source,
          targetPageId: kind === 'page' ? target : null,
          targetBlockId: kind === 'block' ? target : null,
          linkType: dto.link_type ?? 'reference',
        });
      });
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { code?: string } | undefined)?.code === '23505') {
        throw new AppError('DUPLICATE_LINK');
      }
      throw err;
    }
  }

  /**
   * Keeps the links of page_link blocks in step with their content, inside the caller's
   * transaction `m`: each change names a block and the page it linked to before the write
   * (null: it was no page_link, or is new) and after it (null: it is no page_link any more).
   * A page_link block has exactly one 'mention' link, with is_page_link true, to its
   * `linkedPageId`. That row is the same fact as a manual 'mention' link from the block to the
   * same page (the unique (source, target, type) allows one), so a block write never fails on a
   * manual one: it adopts it, and removes it when the block stops naming that page.
   */
  async syncPageLinks(
    m: EntityManager,
    organizationId: string,
    changes: Array<{ blockId: string; before: string | null; after: string | null }>,
  ): Promise<void> {
    for (const c of changes) {
      if (c.before !== null && c.before !== c.after) {
        await this.links.deletePageMention(m, organizationId, c.blockId, c.before);
      }
    }
    await this.links.insertPageMentions(
      m,
      organizationId,
      changes
        .filter((c): c is typeof c & { after: string } => c.after !== null)
        .map((c) => ({ id: newId(), sourceBlockId: c.blockId, targetPageId: c.after })),
    );
  }

  list(auth: AuthContext, query: ListLinksQueryDto): Promise<{ links: Link[]; total: number }> {
    return this.links.list(auth.organizationId, {
      sourceBlockId: query.source_block_id?.toLowerCase(),
      targetId: query.target_id?.toLowerCase(),
      limit: query.limit,
      offset: query.offset,
    });
  }

  async get(auth: AuthContext, linkId: string): Promise<Link> {
    const link = await this.links.find(auth.organizationId, linkId);
    if (!link) throw new AppError('LINK_NOT_FOUND');
    return link;
  }

  async delete(auth: AuthContext, linkId: string): Promise<void> {
    if (!(await this.links.delete(auth.organizationId, linkId))) throw new AppError('LINK_NOT_FOUND');
  }

  /** Links that point at a page or a block, with a preview of the block they come from. */
  async backlinks(auth: AuthContext, targetId: string): Promise<BacklinkDto[]> {
    const rows = await this.links.backlinks(auth.organizationId, targetId);
    return rows.map((row) => ({
      link_id: row.link_id,
      link_type: row.link_type,
      source_block_id: row.source_block_id,
      source_page_id: row.source_page_id,
      source_block_type: row.source_block_type,
      source_content_preview: searchableText(row.source_block_type, row.source_content).slice(0, PREVIEW_LENGTH),
      created_at: iso(row.created_at),
    }));
  }
}
