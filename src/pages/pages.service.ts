import { Injectable } from '@nestjs/common';
import { generateKeyBetween } from 'fractional-indexing';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AppError } from '../common/errors';
import { newId } from '../common/ids';
import { lockFor } from '../database/transactions';
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
    private readonly dataSource: DataSource,
    private readonly pages: PagesRepository,
  ) {}

  /**
   * Every change to an organization's page tree runs in one transaction holding that tree's
   * lock, so concurrent inserts and moves see each other's sort keys and ancestors.
   */
  private inTree<T>(organizationId: string, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await lockFor(m, `pages:${organizationId}`);
      return work(m);
    });
  }

  async get(auth: AuthContext, pageId: string, manager?: EntityManager): Promise<Page> {
    const page = await this.pages.find(auth.organizationId, pageId, manager);
    if (!page) throw new AppError('PAGE_NOT_FOUND');
    return page;
  }

  list(auth: AuthContext, query: ListPagesQueryDto): Promise<{ pages: Page[]; total: number }> {
    return this.pages.list(auth.organizationId, {
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

  create(auth: AuthContext, dto: CreatePageDto): Promise<Page> {
    const org = auth.organizationId;
    const parentId = dto.parent_page_id ? dto.parent_page_id.toLowerCase() : null;
    return this.inTree(org, async (m) => {
      if (parentId) await this.getLiveParent(m, org, parentId);
      const last = await this.pages.lastSiblingKey(m, org, parentId);
      return this.pages.insert(m, {
        id: newId(),
        organizationId: org,
        userId: auth.userId,
        title: dto.title,
        icon: dto.icon,
        coverImage: dto.cover_image,
        parentPageId: parentId,
        sortKey: generateKeyBetween(last, null),
        metadata: dto.metadata,
      });
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
    const org = auth.organizationId;
    return this.inTree(org, async (m) => {
      const page = await this.get(auth, pageId, m);
      await this.pages.updateFields(m, org, pageId, fields);
      if (dto.is_archived === true && !page.isArchived) await this.archiveIn(m, page);
      if (dto.is_archived === false && page.isArchived) await this.restoreIn(m, page);
      return this.get(auth, pageId, m);
    });
  }

  /** Soft delete: the page and everything under it leave the live tree until restored. */
  archive(auth: AuthContext, pageId: string): Promise<void> {
    return this.inTree(auth.organizationId, async (m) => {
      const page = await this.get(auth, pageId, m);
      if (!page.isArchived) await this.archiveIn(m, page);
    });
  }

  restore(auth: AuthContext, pageId: string): Promise<Page> {
    return this.inTree(auth.organizationId, async (m) => {
      const page = await this.get(auth, pageId, m);
      if (page.isArchived) await this.restoreIn(m, page);
      return this.get(auth, pageId, m);
    });
  }

  /** Purges an archived page with its whole subtree in one statement of one transaction. */
  deletePermanently(auth: AuthContext, pageId: string): Promise<void> {
    return this.inTree(auth.organizationId, async (m) => {
      const page = await this.get(auth, pageId, m);
      if (!page.isArchived) throw new AppError('NOT_ARCHIVED');
      await this.pages.delete(m, auth.organizationId, pageId);
    });
  }

  move(auth: AuthContext, pageId: string, dto: MovePageDto): Promise<Page> {
    const org = auth.organizationId;
    const newParentId = dto.new_parent_id ? dto.new_parent_id.toLowerCase() : null;
    return this.inTree(org, async (m) => {
      const page = await this.get(auth, pageId, m);
      let parentHidden = false;
      if (newParentId !== null) {
        if (newParentId === page.id) throw new AppError('CIRCULAR_REFERENCE', 'A page cannot be moved under itself.');
        const parent = await this.getLiveParent(m, org, newParentId);
        parentHidden = isHidden(parent);
        const ancestors = await this.pages.ancestorIds(m, org, newParentId);
        if (ancestors.includes(page.id)) {
          throw new AppError('CIRCULAR_REFERENCE', 'A page cannot be moved under one of its own descendants.');
        }
      }
      const sortKey = await this.keyForPosition(m, org, newParentId, page, dto.position);
      await this.pages.setPlace(m, org, page.id, newParentId, sortKey);
      if (parentHidden !== page.inArchivedSubtree) {
        await this.pages.refreshSubtreeVisibility(m, org, page.id, parentHidden);
      }
      return this.get(auth, pageId, m);
    });
  }

  private async getLiveParent(m: EntityManager, org: string, parentId: string): Promise<Page> {
    const parent = await this.pages.find(org, parentId, m);
    if (!parent) throw new AppError('PARENT_PAGE_NOT_FOUND');
    if (isHidden(parent)) throw new AppError('PAGE_ARCHIVED', 'The parent page is archived; restore it first.');
    return parent;
  }

  /**
   * A key that places `page` at `position` among its new siblings in the same archive state.
   * The upper neighbour is the next key of any sibling, so the new key never collides.
   */
  private async keyForPosition(
    m: EntityManager,
    org: string,
    parentId: string | null,
    page: Page,
    position: number | undefined,
  ): Promise<string> {
    const appendLast = async (): Promise<string> =>
      generateKeyBetween(await this.pages.lastSiblingKey(m, org, parentId, page.id), null);
    if (position === undefined) return appendLast();
    let before: string | null = null;
    if (position > 0) {
      before = await this.pages.siblingKeyAt(m, org, parentId, {
        exceptId: page.id,
        archived: page.isArchived,
        offset: position - 1,
      });
      if (before === null) return appendLast();
    }
    const after = await this.pages.siblingKeyAt(m, org, parentId, { exceptId: page.id, offset: 0, after: before });
    return generateKeyBetween(before, after);
  }

  private async archiveIn(m: EntityManager, page: Page): Promise<void> {
    await this.pages.setArchived(m, page.organizationId, page.id, true);
    await this.pages.refreshSubtreeVisibility(m, page.organizationId, page.id, page.inArchivedSubtree);
  }

  /**
   * Restores the page and its subtree. If an ancestor is still archived, the page moves to the
   * root (last) so that restoring always brings it back into sight, as a trash does.
   */
  private async restoreIn(m: EntityManager, page: Page): Promise<void> {
    const org = page.organizationId;
    await this.pages.setArchived(m, org, page.id, false);
    if (page.inArchivedSubtree) {
      const last = await this.pages.lastSiblingKey(m, org, null, page.id);
      await this.pages.setPlace(m, org, page.id, null, generateKeyBetween(last, null));
    }
    await this.pages.refreshSubtreeVisibility(m, org, page.id, false);
  }
}
