import { Injectable } from '@nestjs/common';
import { generateKeyBetween } from 'fractional-indexing';
import type { AuthContext } from '../auth/auth-context';
import { AppError, FieldError, invalidField, invalidFields } from '../common/errors';
import { isUuid, newId } from '../common/ids';
import { OrgScope } from '../common/org-scope';
import { Locks } from '../database/locks';
import { Db } from '../database/db';
import { Transactional } from '../database/transactional';
import { PageMentions } from '../links/page-mentions';
import { PagesRepository } from '../pages/pages.repository';
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

/** A block to create with its child blocks (content not yet validated). */
export interface BlockTreeInput {
  block_type: BlockType;
  content: Record<string, unknown>;
  children: BlockTreeInput[];
}

interface PreparedBlock {
  /** Given when a block of the same batch names it as its parent. */
  id?: string;
  type: BlockType;
  content: Record<string, unknown>;
  properties: Record<string, unknown>;
  parent: string | null;
  position?: number;
}

@Injectable()
export class BlocksService {
  constructor(
    readonly db: Db,
    private readonly blocks: BlocksRepository,
    private readonly pages: PagesRepository,
    private readonly mentions: PageMentions,
    private readonly locks: Locks,
  ) {}

  /**
   * Writes to one page's blocks hold that page's lock to the end of their transaction. This
   * finds the block, takes its page's lock, and reads it again under the lock.
   */
  private async lockedBlock(scope: OrgScope, blockId: string): Promise<Block> {
    const before = await this.find(scope, blockId);
    await this.locks.pageBlocks(scope, before.pageId);
    return this.find(scope, blockId);
  }

  private async find(scope: OrgScope, blockId: string): Promise<Block> {
    const block = await this.blocks.find(scope, blockId);
    if (!block) throw new AppError('BLOCK_NOT_FOUND');
    return block;
  }

  get(auth: AuthContext, blockId: string): Promise<Block> {
    return this.find(OrgScope.of(auth), blockId);
  }

  async list(auth: AuthContext, query: ListBlocksQueryDto): Promise<{ blocks: Block[]; total: number }> {
    const scope = OrgScope.of(auth);
    const pageId = this.pageIdOf(query.page_id);
    if (!(await this.pages.exists(scope, pageId))) throw new AppError('PAGE_NOT_FOUND');
    const parent = query.parent_block_id;
    return this.blocks.list(scope, pageId, {
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

  /** All or nothing: every block is validated first, then placed and inserted in one transaction. */
  @Transactional()
  async createMany(auth: AuthContext, rawPageId: string, dtos: CreateBlockDto[], prefix = 'blocks'): Promise<Block[]> {
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
    const scope = OrgScope.of(auth);
    return this.blocks.findMany(scope, await this.insertPrepared(scope, auth.userId, pageId, prepared));
  }

  /**
   * Appends blocks with their child blocks (an import): validated as one batch, inserted in one
   * transaction. Returns how many blocks were created.
   */
  async createTree(auth: AuthContext, pageId: string, tree: BlockTreeInput[]): Promise<number> {
    const prepared: PreparedBlock[] = [];
    const visit = (nodes: BlockTreeInput[], parent: string | null): void => {
      for (const node of nodes) {
        const id = newId();
        const content = validateContent(node.block_type, node.content) as Record<string, unknown>;
        prepared.push({ id, type: node.block_type, content, properties: {}, parent });
        visit(node.children, id);
      }
    };
    visit(tree, null);
    if (prepared.length === 0) return 0;
    return (await this.insertPrepared(OrgScope.of(auth), auth.userId, this.pageIdOf(pageId), prepared)).length;
  }

  /** Every block of a page in document order (export): no page size. */
  async allOfPage(auth: AuthContext, pageId: string): Promise<Block[]> {
    const scope = OrgScope.of(auth);
    if (!(await this.pages.exists(scope, pageId))) throw new AppError('PAGE_NOT_FOUND');
    const { blocks } = await this.blocks.list(scope, pageId, { limit: null, offset: 0 });
    return blocks;
  }

  /** Inserts the blocks in their order (a parent of the batch before its children); returns their ids. */
  @Transactional()
  private async insertPrepared(
    scope: OrgScope,
    userId: string,
    pageId: string,
    prepared: PreparedBlock[],
  ): Promise<string[]> {
    await this.locks.pageBlocks(scope, pageId);
    if (!(await this.pages.exists(scope, pageId))) throw new AppError('PAGE_NOT_FOUND');
    const inBatch = new Set(prepared.map((p) => p.id).filter((id) => id !== undefined));
    const parents = [...new Set(prepared.map((p) => p.parent))].filter((p) => p === null || !inBatch.has(p));
    const stored = parents.filter((p): p is string => p !== null);
    const found = await this.blocks.idsOnPage(scope, pageId, stored);
    if (stored.some((p) => !found.has(p))) throw new AppError('PARENT_BLOCK_NOT_FOUND');
    await this.checkLinkedPages(scope, prepared);
    const keys = await this.blocks.siblingKeys(scope, pageId, parents);
    for (const id of inBatch) keys.set(id, []);
    const rows: NewBlock[] = prepared.map((p) => ({
      id: p.id ?? newId(),
      pageId,
      userId,
      parentBlockId: p.parent,
      blockType: p.type,
      content: p.content,
      properties: p.properties,
      sortKey: placeKey(keys.get(p.parent)!, p.position),
    }));
    await this.blocks.insertMany(scope, rows);
    await this.mentions.sync(
      scope,
      rows
        .map((r) => ({ blockId: r.id, before: null, after: linkedPageOf(r.blockType, r.content) }))
        .filter((c) => c.after !== null),
    );
    return rows.map((r) => r.id);
  }

  update(auth: AuthContext, blockId: string, dto: UpdateBlockDto, ifMatch?: string): Promise<Block> {
    const given = [dto.content, dto.properties, dto.position, dto.block_type].some((v) => v !== undefined);
    if (!given) throw new AppError('EMPTY_UPDATE');
    const properties = ownProperties(dto.properties);
    if (properties) checkSize('properties', properties);
    return this.updateLocked(OrgScope.of(auth), blockId, dto, properties, ifMatch);
  }

  @Transactional()
  private async updateLocked(
    scope: OrgScope,
    blockId: string,
    dto: UpdateBlockDto,
    properties: Record<string, unknown> | undefined,
    ifMatch: string | undefined,
  ): Promise<Block> {
    const block = await this.lockedBlock(scope, blockId);
    if (ifMatch !== undefined && !ifMatchAccepts(ifMatch, block.version)) throw new AppError('STALE_VERSION');
    const type = dto.block_type ?? block.blockType;
    let content: Record<string, unknown> | undefined;
    if (dto.content !== undefined) content = validateContent(type, dto.content);
    else if (type !== block.blockType) content = convertContent(block.blockType, type, block.content);
    if (content) {
      checkSize('content', content);
      await this.checkLinkedPages(scope, [{ type, content }]);
    }
    let sortKey: string | undefined;
    if (dto.position !== undefined)
      sortKey = await this.keyAmongSiblings(scope, block, block.parentBlockId, dto.position);
    await this.blocks.update(scope, block.id, {
      blockType: type === block.blockType ? undefined : type,
      content,
      properties,
      sortKey,
    });
    if (content) {
      const before = linkedPageOf(block.blockType, block.content);
      const after = linkedPageOf(type, content);
      if (before !== null || after !== null) {
        await this.mentions.sync(scope, [{ blockId: block.id, before, after }]);
      }
    }
    return this.find(scope, block.id);
  }

  convert(auth: AuthContext, blockId: string, newType: BlockType): Promise<Block> {
    return this.update(auth, blockId, { block_type: newType });
  }

  @Transactional()
  async move(auth: AuthContext, blockId: string, dto: MoveBlockDto): Promise<Block> {
    const scope = OrgScope.of(auth);
    const block = await this.lockedBlock(scope, blockId);
    const parent =
      dto.parent_block_id === undefined
        ? block.parentBlockId
        : dto.parent_block_id
          ? dto.parent_block_id.toLowerCase()
          : null;
    if (parent !== null && parent !== block.parentBlockId) {
      if (parent === block.id) throw new AppError('CIRCULAR_REFERENCE', 'A block cannot be moved under itself.');
      const onPage = await this.blocks.idsOnPage(scope, block.pageId, [parent]);
      if (!onPage.has(parent)) throw new AppError('PARENT_BLOCK_NOT_FOUND');
      if ((await this.blocks.ancestorIds(scope, parent)).includes(block.id)) {
        throw new AppError('CIRCULAR_REFERENCE', 'A block cannot be moved under one of its own descendants.');
      }
    }
    const sortKey = await this.keyAmongSiblings(scope, block, parent, dto.new_position);
    await this.blocks.update(scope, block.id, {
      sortKey,
      parentBlockId: parent === block.parentBlockId ? undefined : parent,
    });
    return this.find(scope, block.id);
  }

  @Transactional()
  async delete(auth: AuthContext, blockId: string): Promise<void> {
    const scope = OrgScope.of(auth);
    const block = await this.lockedBlock(scope, blockId);
    await this.blocks.delete(scope, block.id);
  }

  private async keyAmongSiblings(
    scope: OrgScope,
    block: Block,
    parent: string | null,
    position: number,
  ): Promise<string> {
    const keys = (await this.blocks.siblingKeys(scope, block.pageId, [parent])).get(parent)!;
    return placeKey(
      keys.filter((k) => !(parent === block.parentBlockId && k === block.sortKey)),
      position,
    );
  }

  private async checkLinkedPages(
    scope: OrgScope,
    blocks: Array<{ type: BlockType; content: Record<string, unknown> }>,
  ): Promise<void> {
    const linked = blocks.filter((b) => b.type === 'page_link').map((b) => b.content.linkedPageId as string);
    if (linked.length === 0) return;
    const existing = await this.pages.existingIds(scope, [...new Set(linked)]);
    if (linked.some((id) => !existing.has(id))) throw new AppError('LINKED_PAGE_NOT_FOUND');
  }

  private pageIdOf(raw: string): string {
    if (!isUuid(raw)) throw new AppError('PAGE_NOT_FOUND');
    return raw.toLowerCase();
  }
}
