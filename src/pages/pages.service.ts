import { Injectable } from '@nestjs/common';
import { generateKeyBetween } from 'fractional-indexing';
import type { AuthContext } from '../auth/auth-context';
import { AppError } from '../common/errors';
import { newId } from '../common/ids';
import { OrgScope } from '../common/org-scope';
import { Locks } from '../database/locks';
import { Db } from '../database/db';
import { Transactional } from '../database/transactional';
import { CreatePageDto } from './dto/create-page.dto';
import { ListPagesQueryDto } from './dto/list-pages-query.dto';
import { MovePageDto } from './dto/move-page.dto';
import { UpdatePageDto } from './dto/update-page.dto';
import { Page } from './page.entity';
import { PageFields, PagesRepository } from './pages.repository';

const isHidden = (page: Page): boolean => page.isArchived || page.inArchivedSubtree;

@Injectable()
export class PagesService {
  constructor(
    readonly db: Db,
    private readonly pages: PagesRepository,
    private readonly locks: Locks,
  ) {}

  /**
   * Every change to an organization's page tree runs in one transaction holding that tree's
   * lock, so concurrent inserts and moves see each other's sort keys and ancestors: each write
   * below is @Transactional and starts with `inTree`.
   */
  private async inTree(auth: AuthContext): Promise<OrgScope> {
    const scope = OrgScope.of(auth);
    await this.locks.pageTree(scope);
    return scope;
  }

  async get(auth: AuthContext, pageId: string): Promise<Page> {
    const page = await this.pages.find(OrgScope.of(auth), pageId);
    if (!page) throw new AppError('PAGE_NOT_FOUND');
    return page;
  }

  /** Titles of the pages of `pageIds` that exist in the caller's organization. */
  titles(auth: AuthContext, pageIds: string[]): Promise<Map<string, string>> {
    return this.pages.titles(OrgScope.of(auth), pageIds);
  }

  list(auth: AuthContext, query: ListPagesQueryDto): Promise<{ pages: Page[]; total: number }> {
    return this.pages.list(OrgScope.of(auth), {
      parentPageId:
        query.parent_page_id === undefined
          ? undefined
          : query.parent_page_id === 'null'
            ? null
            : query.parent_page_id.toLowerCase(),
      archived: query.is_archived === true,
      favorite: query.is_favorite,
      limit: query.limit,
      offset: query.offset,
    });
  }

  @Transactional()
  async create(auth: AuthContext, dto: CreatePageDto): Promise<Page> {
    const parentId = dto.parent_page_id ? dto.parent_page_id.toLowerCase() : null;
    const scope = await this.inTree(auth);
    if (parentId) await this.getLiveParent(scope, parentId);
    const last = await this.pages.lastSiblingKey(scope, parentId);
    return this.pages.insert(scope, {
      id: newId(),
      userId: auth.userId,
      title: dto.title,
      icon: dto.icon,
      coverImage: dto.cover_image,
      parentPageId: parentId,
      sortKey: generateKeyBetween(last, null),
      metadata: dto.metadata,
    });
  }

  update(auth: AuthContext, pageId: string, dto: UpdatePageDto): Promise<Page> {
    const fields: PageFields = {
      title: dto.title,
      icon: dto.icon,
      coverImage: dto.cover_image,
      isFavorite: dto.is_favorite,
      metadata: dto.metadata,
    };
    const changesSomething = Object.values(fields).some((v) => v !== undefined) || dto.is_archived !== undefined;
    if (!changesSomething) throw new AppError('EMPTY_UPDATE');
    return this.updateLocked(auth, pageId, fields, dto.is_archived);
  }

  @Transactional()
  private async updateLocked(
    auth: AuthContext,
    pageId: string,
    fields: PageFields,
    archived: boolean | undefined,
  ): Promise<Page> {
    const scope = await this.inTree(auth);
    const page = await this.get(auth, pageId);
    await this.pages.updateFields(scope, pageId, fields);
    if (archived === true && !page.isArchived) await this.archiveIn(scope, page);
    if (archived === false && page.isArchived) await this.restoreIn(scope, page);
    return this.get(auth, pageId);
  }

  /** Soft delete: the page and everything under it leave the live tree until restored. */
  @Transactional()
  async archive(auth: AuthContext, pageId: string): Promise<void> {
    const scope = await this.inTree(auth);
    const page = await this.get(auth, pageId);
    if (!page.isArchived) await this.archiveIn(scope, page);
  }

  @Transactional()
  async restore(auth: AuthContext, pageId: string): Promise<Page> {
    const scope = await this.inTree(auth);
    const page = await this.get(auth, pageId);
    if (page.isArchived) await this.restoreIn(scope, page);
    return this.get(auth, pageId);
  }

  /** Purges an archived page with its whole subtree in one statement of one transaction. */
  @Transactional()
  async deletePermanently(auth: AuthContext, pageId: string): Promise<void> {
    const scope = await this.inTree(auth);
    const page = await this.get(auth, pageId);
    if (!page.isArchived) throw new AppError('NOT_ARCHIVED');
    await this.pages.delete(scope, pageId);
  }

  @Transactional()
  async move(auth: AuthContext, pageId: string, dto: MovePageDto): Promise<Page> {
    const newParentId = dto.new_parent_id ? dto.new_parent_id.toLowerCase() : null;
    const scope = await this.inTree(auth);
    const page = await this.get(auth, pageId);
    let parentHidden = false;
    if (newParentId !== null) {
      if (newParentId === page.id) throw new AppError('CIRCULAR_REFERENCE', 'A page cannot be moved under itself.');
      const parent = await this.getLiveParent(scope, newParentId);
      parentHidden = isHidden(parent);
      const ancestors = await this.pages.ancestorIds(scope, newParentId);
      if (ancestors.includes(page.id)) {
        throw new AppError('CIRCULAR_REFERENCE', 'A page cannot be moved under one of its own descendants.');
      }
    }
    const sortKey = await this.keyForPosition(scope, newParentId, page, dto.position);
    await this.pages.setPlace(scope, page.id, newParentId, sortKey);
    if (parentHidden !== page.inArchivedSubtree) {
      await this.pages.refreshSubtreeVisibility(scope, page.id, parentHidden);
    }
    return this.get(auth, pageId);
  }

  private async getLiveParent(scope: OrgScope, parentId: string): Promise<Page> {
    const parent = await this.pages.find(scope, parentId);
    if (!parent) throw new AppError('PARENT_PAGE_NOT_FOUND');
    if (isHidden(parent)) throw new AppError('PAGE_ARCHIVED', 'The parent page is archived; restore it first.');
    return parent;
  }

  /**
   * A key that places `page` at `position` among its new siblings in the same archive state.
   * The upper neighbour is the next key of any sibling, so the new key never collides.
   */
  private async keyForPosition(
    scope: OrgScope,
    parentId: string | null,
    page: Page,
    position: number | undefined,
  ): Promise<string> {
    const appendLast = async (): Promise<string> =>
      generateKeyBetween(await this.pages.lastSiblingKey(scope, parentId, page.id), null);
    if (position === undefined) return appendLast();
    let before: string | null = null;
    if (position > 0) {
      before = await this.pages.siblingKeyAt(scope, parentId, {
        exceptId: page.id,
        archived: page.isArchived,
        offset: position - 1,
      });
      if (before === null) return appendLast();
    }
    const after = await this.pages.siblingKeyAt(scope, parentId, { exceptId: page.id, offset: 0, after: before });
    return generateKeyBetween(before, after);
  }

  private async archiveIn(scope: OrgScope, page: Page): Promise<void> {
    await this.pages.setArchived(scope, page.id, true);
    await this.pages.refreshSubtreeVisibility(scope, page.id, page.inArchivedSubtree);
  }

  /**
   * Restores the page and its subtree. If an ancestor is still archived, the page moves to the
   * root (last) so that restoring always brings it back into sight, as a trash does.
   */
  private async restoreIn(scope: OrgScope, page: Page): Promise<void> {
    await this.pages.setArchived(scope, page.id, false);
    if (page.inArchivedSubtree) {
      const last = await this.pages.lastSiblingKey(scope, null, page.id);
      await this.pages.setPlace(scope, page.id, null, generateKeyBetween(last, null));
    }
    await this.pages.refreshSubtreeVisibility(scope, page.id, false);
  }
}
