import { Injectable } from '@nestjs/common';
import { generateKeyBetween } from 'fractional-indexing';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AppError, FieldError, invalidField, invalidFields } from '../common/errors';
import { isUuid, newId } from '../common/ids';
import { lockFor } from '../database/transactions';
import { LinksService } from '../links/links.service';
import { Block } from './block.entity';
import { BlockType, convertContent, MAX_OBJECT_BYTES, validateContent } from './block-content';
import { BlocksRepository, NewBlock } from './blocks.repository';
import { CreateBlockDto } from './dto/create-block.dto';
import { ListBlocksQueryDto } from './dto/list-blocks-query.dto';
import { MoveBlockDto } from './dto/move-block.dto';
import { UpdateBlockDto } from './dto/update-block.dto';

/**
 * A key that puts a new entry at `position` of the ordered `keys` (past the end: last), and
 * records it there so that the next placement in the same batch sees it.
 */
export function placeKey(keys: string[], position: number | undefined): string {
  const index = position === undefined || position >= keys.length ? keys.length : position;
  const key = generateKeyBetween(keys[index - 1] ?? null, keys[index] ?? null);
  keys.splice(index, 0, key);
  return key;
}

/** True when an If-Match header names the block's current version (or is `*`). */
export function ifMatchAccepts(header: string, version: number): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === `"${version}"`);
}

function prefixed(err: unknown, prefix: string): unknown {
  if (!(err instanceof AppError) || !err.errors || !prefix) return err;
  const errors: FieldError[] = err.errors.map((e) => ({
    field: `${prefix}${e.field}`,
    message: `${prefix}${e.message}`,
  }));
  return invalidFields(errors, err.code);
}

/** The page a block of this type and content links to, if it is a page_link. */
function linkedPageOf(type: BlockType, content: Record<string, unknown>): string | null {
  return type === 'page_link' ? (content.linkedPageId as string) : null;
}

function checkSize(field: string, value: object): void {
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_OBJECT_BYTES) {
    const message = `${field} must serialize to at most ${MAX_OBJECT_BYTES / 1024} KiB`;
    throw invalidField(field, message);
  }
}

/** `properties.tags` belongs to the tag routes: what a client sends there is dropped. */
function ownProperties(properties: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (properties === undefined) return undefined;
  const { tags: _ignored, ...rest } = properties;
  return rest;
}

interface PreparedBlock {
  type: BlockType;
  content: Record<string, unknown>;
  properties: Record<string, unknown>;
  parent: string | null;
  position?: number;
}

@Injectable()
export class BlocksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly blocks: BlocksRepository,
    private readonly links: LinksService,
  ) {}

  /** Writes to one page's blocks run in one transaction holding that page's lock. */
  private onPage<T>(org: string, pageId: string, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await lockFor(m, `blocks:${org}:${pageId}`);
      return work(m);
    });
  }

  /** Finds the block, takes its page's lock, and reads it again under the lock. */
  private async lockedBlock(m: EntityManager, auth: AuthContext, blockId: string): Promise<Block> {
    const before = await this.get(auth, blockId, m);
    await lockFor(m, `blocks:${auth.organizationId}:${before.pageId}`);
    return this.get(auth, blockId, m);
  }

  private inTransaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async get(auth: AuthContext, blockId: string, manager?: EntityManager): Promise<Block> {
    const block = await this.blocks.find(auth.organizationId, blockId, manager);
    if (!block) throw new AppError('BLOCK_NOT_FOUND');
    return block;
  }

  async list(auth: AuthContext, query: ListBlocksQueryDto): Promise<{ blocks: Block[]; total: number }> {
    const pageId = this.pageIdOf(query.page_id);
    if (!(await this.blocks.pageExists(this.dataSource.manager, auth.organizationId, pageId))) {
      throw new AppError('PAGE_NOT_FOUND');
    }
    const parent = query.parent_block_id;
    return this.blocks.list(auth.organizationId, pageId, {
      blockType: query.block_type,
      parentBlockId: parent === undefined ? undefined : parent === 'null' ? null : parent.toLowerCase(),
      limit: query.limit,
      offset: query.offset,
    });
  }

  async create(auth: AuthContext, pageId: string, dto: CreateBlockDto): Promise<Block> {
    const [block] = await this.createMany(auth, pageId, [dto], '');
    return block;
  }

  /** All or nothing: every block is validated, placed and inserted in one transaction. */
  createMany(auth: AuthContext, rawPageId: string, dtos: CreateBlockDto[], prefix = 'blocks'): Promise<Block[]> {
    const org = auth.organizationId;
    const pageId = this.pageIdOf(rawPageId);
    const prepared: PreparedBlock[] = dtos.map((dto, i) => {
      const at = prefix ? `${prefix}[${i}].` : '';
      try {
        const properties = ownProperties(dto.properties) ?? {};
        checkSize(`${at}properties`, properties);
        const content = validateContent(dto.block_type, dto.content) as Record<string, unknown>;
        checkSize(`${at}content`, content);
        return {
          type: dto.block_type,
          content,
          properties,
          parent: dto.parent_block_id ? dto.parent_block_id.toLowerCase() : null,
          position: dto.position,
        };
      } catch (err) {
        throw prefixed(err, at);
      }
    });
    return this.onPage(org, pageId, async (m) => {
      if (!(await this.blocks.pageExists(m, org, pageId))) throw new AppError('PAGE_NOT_FOUND');
      const parents = [...new Set(prepared.map((p) => p.parent))];
      const found = await this.blocks.idsOnPage(
        m,
        org,
        pageId,
        parents.filter((p): p is string => p !== null),
      );
      if (parents.some((p) => p !== null && !found.has(p))) throw new AppError('PARENT_BLOCK_NOT_FOUND');
      await this.checkLinkedPages(m, org, prepared);
      const keys = await this.blocks.siblingKeys(m, org, pageId, parents);
      const rows: NewBlock[] = prepared.map((p) => ({
        id: newId(),
        organizationId: org,
        pageId,
        userId: auth.userId,
        parentBlockId: p.parent,
        blockType: p.type,
        content: p.content,
        properties: p.properties,
        sortKey: placeKey(keys.get(p.parent)!, p.position),
      }));
      await this.blocks.insertMany(m, rows);
      await this.links.syncPageLinks(
        m,
        org,
        rows
          .map((r) => ({ blockId: r.id, before: null, after: linkedPageOf(r.blockType, r.content) }))
          .filter((c) => c.after !== null),
      );
      return this.blocks.findMany(
        m,
        org,
        rows.map((r) => r.id),
      );
    });
  }

  update(auth: AuthContext, blockId: string, dto: UpdateBlockDto, ifMatch?: string): Promise<Block> {
    const given = [dto.content, dto.properties, dto.position, dto.block_type].some((v) => v !== undefined);
    if (!given) throw new AppError('EMPTY_UPDATE');
    const properties = ownProperties(dto.properties);
    if (properties) checkSize('properties', properties);
    return this.inTransaction(async (m) => {
      const block = await this.lockedBlock(m, auth, blockId);
      if (ifMatch !== undefined && !ifMatchAccepts(ifMatch, block.version)) throw new AppError('STALE_VERSION');
      const type = dto.block_type ?? block.blockType;
      let content: Record<string, unknown> | undefined;
      if (dto.content !== undefined) content = validateContent(type, dto.content);
      else if (type !== block.blockType) content = convertContent(block.blockType, type, block.content);
      if (content) {
        checkSize('content', content);
        await this.checkLinkedPages(m, auth.organizationId, [{ type, content }]);
      }
      let sortKey: string | undefined;
      if (dto.position !== undefined)
        sortKey = await this.keyAmongSiblings(m, block, block.parentBlockId, dto.position);
      await this.blocks.update(m, auth.organizationId, block.id, {
        blockType: type === block.blockType ? undefined : type,
        content,
        properties,
        sortKey,
      });
      if (content) {
        const before = linkedPageOf(block.blockType, block.content);
        const after = linkedPageOf(type, content);
        if (before !== null || after !== null) {
          await this.links.syncPageLinks(m, auth.organizationId, [{ blockId: block.id, before, after }]);
        }
      }
      return this.get(auth, block.id, m);
    });
  }

  convert(auth: AuthContext, blockId: string, newType: BlockType): Promise<Block> {
    return this.update(auth, blockId, { block_type: newType });
  }

  move(auth: AuthContext, blockId: string, dto: MoveBlockDto): Promise<Block> {
    return this.inTransaction(async (m) => {
      const org = auth.organizationId;
      const block = await this.lockedBlock(m, auth, blockId);
      const parent =
        dto.parent_block_id === undefined
          ? block.parentBlockId
          : dto.parent_block_id
            ? dto.parent_block_id.toLowerCase()
            : null;
      if (parent !== null && parent !== block.parentBlockId) {
        if (parent === block.id) throw new AppError('CIRCULAR_REFERENCE', 'A block cannot be moved under itself.');
        const onPage = await this.blocks.idsOnPage(m, org, block.pageId, [parent]);
        if (!onPage.has(parent)) throw new AppError('PARENT_BLOCK_NOT_FOUND');
        if ((await this.blocks.ancestorIds(m, org, parent)).includes(block.id)) {
          throw new AppError('CIRCULAR_REFERENCE', 'A block cannot be moved under one of its own descendants.');
        }
      }
      const sortKey = await this.keyAmongSiblings(m, block, parent, dto.new_position);
      await this.blocks.update(m, org, block.id, {
        sortKey,
        parentBlockId: parent === block.parentBlockId ? undefined : parent,
      });
      return this.get(auth, block.id, m);
    });
  }

  delete(auth: AuthContext, blockId: string): Promise<void> {
    return this.inTransaction(async (m) => {
      const block = await this.lockedBlock(m, auth, blockId);
      await this.blocks.delete(m, auth.organizationId, block.id);
    });
  }

  private async keyAmongSiblings(
    m: EntityManager,
    block: Block,
    parent: string | null,
    position: number,
  ): Promise<string> {
    const keys = (await this.blocks.siblingKeys(m, block.organizationId, block.pageId, [parent])).get(parent)!;
    return placeKey(
      keys.filter((k) => !(parent === block.parentBlockId && k === block.sortKey)),
      position,
    );
  }

  private async checkLinkedPages(
    m: EntityManager,
    org: string,
    blocks: Array<{ type: BlockType; content: Record<string, unknown> }>,
  ): Promise<void> {
    const linked = blocks.filter((b) => b.type === 'page_link').map((b) => b.content.linkedPageId as string);
    if (linked.length === 0) return;
    const existing = await this.blocks.existingPageIds(m, org, [...new Set(linked)]);
    if (linked.some((id) => !existing.has(id))) throw new AppError('LINKED_PAGE_NOT_FOUND');
  }

  private pageIdOf(raw: string): string {
    if (!isUuid(raw)) throw new AppError('PAGE_NOT_FOUND');
    return raw.toLowerCase();
  }
}
