import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { BlocksRepository } from '../blocks/blocks.repository';
import { AppError } from '../common/errors';
import { isUuid, newId } from '../common/ids';
import { OrgScope } from '../common/org-scope';
import { Db } from '../database/db';
import { Transactional } from '../database/transactional';
import { CreateTagDto, UpdateTagDto } from './dto/tag.dto';
import { Tag } from './tag.entity';
import { TagFields, TagsRepository } from './tags.repository';

const isUniqueViolation = (err: unknown): boolean =>
  err instanceof QueryFailedError && (err.driverError as { code?: string } | undefined)?.code === '23505';

/** One tag whatever the spelling: trimmed and NFC, so "Café" typed either way is one name. */
const tagName = (name: string): string => name.trim().normalize('NFC');

@Injectable()
export class TagsService {
  constructor(
    readonly db: Db,
    private readonly tags: TagsRepository,
    private readonly blocks: BlocksRepository,
  ) {}

  /** The tags with their usage counts, asked of the blocks that carry them. */
  private async counted(scope: OrgScope, tags: Tag[], all = false): Promise<Tag[]> {
    const usage = await this.blocks.tagUsage(scope, all ? undefined : tags.map((t) => t.id));
    for (const tag of tags) tag.usageCount = usage.get(tag.id) ?? 0;
    return tags;
  }

  private async find(scope: OrgScope, tagId: string): Promise<Tag> {
    const tag = isUuid(tagId) ? await this.tags.find(scope, tagId.toLowerCase()) : null;
    if (!tag) throw new AppError('TAG_NOT_FOUND');
    return tag;
  }

  async get(auth: AuthContext, tagId: string): Promise<Tag> {
    const scope = OrgScope.of(auth);
    const [tag] = await this.counted(scope, [await this.find(scope, tagId)]);
    return tag;
  }

  /** By name, or by usage (most used first; ties by name, as the stable sort keeps them). */
  async list(auth: AuthContext, sortBy: 'usage_count' | 'name' = 'name'): Promise<Tag[]> {
    const scope = OrgScope.of(auth);
    const tags = await this.counted(scope, await this.tags.list(scope), true);
    return sortBy === 'usage_count' ? tags.sort((a, b) => b.usageCount - a.usageCount) : tags;
  }

  async create(auth: AuthContext, dto: CreateTagDto): Promise<Tag> {
    const id = newId();
    try {
      await this.tags.insert(OrgScope.of(auth), id, {
        name: tagName(dto.name),
        color: dto.color ?? null,
        description: dto.description ?? null,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('DUPLICATE_TAG');
      throw err;
    }
    return this.get(auth, id);
  }

  async update(auth: AuthContext, tagId: string, dto: UpdateTagDto): Promise<Tag> {
    const fields: TagFields = {
      name: dto.name === undefined ? undefined : tagName(dto.name),
      color: dto.color,
      description: dto.description,
    };
    if (Object.values(fields).every((v) => v === undefined)) throw new AppError('EMPTY_UPDATE');
    const scope = OrgScope.of(auth);
    const tag = await this.find(scope, tagId);
    try {
      if (!(await this.tags.update(scope, tag.id, fields))) throw new AppError('TAG_NOT_FOUND');
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('DUPLICATE_TAG');
      throw err;
    }
    return this.get(auth, tag.id);
  }

  /** Deletes the tag and, in the same statement, every assignment of it. */
  async delete(auth: AuthContext, tagId: string): Promise<{ tag: Tag }> {
    const tag = await this.get(auth, tagId);
    if (!(await this.tags.delete(OrgScope.of(auth), tag.id))) throw new AppError('TAG_NOT_FOUND');
    return { tag };
  }

  async assign(auth: AuthContext, blockId: string, tagId: string): Promise<Tag[]> {
    await this.assignOne(OrgScope.of(auth), blockId, tagId);
    return this.tagsOfBlock(auth, blockId);
  }

  @Transactional()
  private async assignOne(scope: OrgScope, blockId: string, tagId: string): Promise<void> {
    await this.requireBlock(scope, blockId);
    const tag = await this.find(scope, tagId);
    if (!(await this.blocks.addTag(scope, blockId, tag.id))) throw new AppError('TAG_ALREADY_ASSIGNED');
  }

  async unassign(auth: AuthContext, blockId: string, tagId: string): Promise<void> {
    const scope = OrgScope.of(auth);
    await this.requireBlock(scope, blockId);
    if (!isUuid(tagId)) throw new AppError('TAG_NOT_ASSIGNED');
    // One statement deletes the assignment, one bumps the block: together.
    await this.unassignOne(scope, blockId, tagId.toLowerCase());
  }

  @Transactional()
  private async unassignOne(scope: OrgScope, blockId: string, tagId: string): Promise<void> {
    if (!(await this.blocks.removeTag(scope, blockId, tagId))) throw new AppError('TAG_NOT_ASSIGNED');
  }

  /** The block's tags in the order they were assigned. */
  async tagsOfBlock(auth: AuthContext, blockId: string): Promise<Tag[]> {
    const scope = OrgScope.of(auth);
    await this.requireBlock(scope, blockId);
    const ids = await this.blocks.tagIdsOf(scope, blockId);
    const byId = new Map((await this.tags.findMany(scope, ids)).map((t) => [t.id, t]));
    return this.counted(
      scope,
      ids.map((id) => byId.get(id)).filter((t): t is Tag => t !== undefined),
    );
  }

  private async requireBlock(scope: OrgScope, blockId: string): Promise<void> {
    if (!(await this.blocks.exists(scope, blockId))) throw new AppError('BLOCK_NOT_FOUND');
  }
}
