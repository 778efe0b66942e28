import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { searchableText } from '../blocks/block-content';
import { BlocksRepository } from '../blocks/blocks.repository';
import { AppError } from '../common/errors';
import { newId } from '../common/ids';
import { OrgScope } from '../common/org-scope';
import { iso } from '../common/time';
import { Locks } from '../database/locks';
import { Db } from '../database/db';
import { Transactional } from '../database/transactional';
import { PagesRepository } from '../pages/pages.repository';
import { BacklinkDto, CreateLinkDto, ListLinksQueryDto } from './dto/link.dto';
import { Link } from './link.entity';
import { LinksRepository } from './links.repository';

const PREVIEW_LENGTH = 200;

const isUniqueViolation = (err: unknown): boolean =>
  err instanceof QueryFailedError && (err.driverError as { code?: string } | undefined)?.code === '23505';

@Injectable()
export class LinksService {
  constructor(
    readonly db: Db,
    private readonly links: LinksRepository,
    private readonly pages: PagesRepository,
    private readonly blocks: BlocksRepository,
    private readonly locks: Locks,
  ) {}

  async create(auth: AuthContext, dto: CreateLinkDto): Promise<Link> {
    try {
      return await this.createLocked(OrgScope.of(auth), dto);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('DUPLICATE_LINK');
      throw err;
    }
  }

  /**
   * Creates a link after checking both ends in the caller's organization. Link creations of
   * one organization are serialised, so two that would close a cycle together cannot both pass
   * the reachability check.
   */
  @Transactional()
  private async createLocked(scope: OrgScope, dto: CreateLinkDto): Promise<Link> {
    const source = dto.source_block_id.toLowerCase();
    const target = dto.target_id.toLowerCase();
    await this.locks.links(scope);
    if ((await this.kindOf(scope, source)) !== 'block') {
      throw new AppError('BLOCK_NOT_FOUND', 'The source block was not found.');
    }
    const kind = await this.kindOf(scope, target);
    const wanted = dto.is_page_link === undefined ? kind : dto.is_page_link ? 'page' : 'block';
    if (kind === null || kind !== wanted) throw new AppError('LINK_TARGET_NOT_FOUND');
    if (kind === 'block' && (target === source || (await this.links.reaches(scope, target, source)))) {
      throw new AppError('CIRCULAR_REFERENCE', 'The link would close a cycle of block links.');
    }
    return this.links.insert(scope, {
      id: newId(),
      sourceBlockId: source,
      targetPageId: kind === 'page' ? target : null,
      targetBlockId: kind === 'block' ? target : null,
      linkType: dto.link_type ?? 'reference',
    });
  }

  /** What `id` names in the organization: a page, a block, or nothing. */
  private async kindOf(scope: OrgScope, id: string): Promise<'page' | 'block' | null> {
    if (await this.pages.exists(scope, id)) return 'page';
    if (await this.blocks.exists(scope, id)) return 'block';
    return null;
  }

  list(auth: AuthContext, query: ListLinksQueryDto): Promise<{ links: Link[]; total: number }> {
    return this.links.list(OrgScope.of(auth), {
      sourceBlockId: query.source_block_id?.toLowerCase(),
      targetId: query.target_id?.toLowerCase(),
      limit: query.limit,
      offset: query.offset,
    });
  }

  async get(auth: AuthContext, linkId: string): Promise<Link> {
    const link = await this.links.find(OrgScope.of(auth), linkId);
    if (!link) throw new AppError('LINK_NOT_FOUND');
    return link;
  }

  async delete(auth: AuthContext, linkId: string): Promise<void> {
    if (!(await this.links.delete(OrgScope.of(auth), linkId))) throw new AppError('LINK_NOT_FOUND');
  }

  /**
   * Links that point at a page or a block, with a preview of the block they come from (a link
   * whose source was deleted in between went with it, by its cascading key).
   */
  async backlinks(auth: AuthContext, targetId: string): Promise<BacklinkDto[]> {
    const scope = OrgScope.of(auth);
    const links = await this.links.pointingAt(scope, targetId);
    const sources = await this.blocks.summaries(scope, [...new Set(links.map((l) => l.sourceBlockId))]);
    return links.flatMap((link) => {
      const source = sources.get(link.sourceBlockId);
      if (!source) return [];
      return [
        {
          link_id: link.id,
          link_type: link.linkType,
          source_block_id: link.sourceBlockId,
          source_page_id: source.pageId,
          source_block_type: source.blockType,
          source_content_preview: searchableText(source.blockType, source.content).slice(0, PREVIEW_LENGTH),
          created_at: iso(link.createdAt),
        },
      ];
    });
  }
}
