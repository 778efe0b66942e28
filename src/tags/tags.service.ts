import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AppError } from '../common/errors';
import { isUuid, newId } from '../common/ids';
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
    private readonly dataSource: DataSource,
    private readonly tags: TagsRepository,
  ) {}

  async get(auth: AuthContext, tagId: string): Promise<Tag> {
    const tag = isUuid(tagId) ? await this.tags.find(auth.organizationId, tagId.toLowerCase()) : null;
    if (!tag) throw new AppError('TAG_NOT_FOUND');
    return tag;
  }

  list(auth: AuthContext, sortBy: 'usage_count' | 'name' = 'name'): Promise<Tag[]> {
    return this.tags.list(auth.organizationId, sortBy);
  }

  async create(auth: AuthContext, dto: CreateTagDto): Promise<Tag> {
    try {
      return await this.tags.insert(newId(), auth.organizationId, {
        name: tagName(dto.name),
        color: dto.color,
        description: dto.description,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('DUPLICATE_TAG');
      throw err;
    }
  }

  async update(auth: AuthContext, tagId: string, dto: UpdateTagDto): Promise<Tag> {
    const fields: TagFields = {
      name: dto.name === undefined ? undefined : tagName(dto.name),
      color: dto.color,
      description: dto.description,
    };
    if (Object.values(fields).every((v) => v === undefined)) throw new AppError('EMPTY_UPDATE');
    const tag = await this.get(auth, tagId);
    try {
      if (!(await this.tags.update(auth.organizationId, tag.id, fields))) throw new AppError('TAG_NOT_FOUND');
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('DUPLICATE_TAG');
      throw err;
    }
    return this.get(auth, tag.id);
  }

  /** Deletes the tag and, in the same statement, every assignment of it. */
  async delete(auth: AuthContext, tagId: string): Promise<{ tag: Tag }> {
    const tag = await this.get(auth, tagId);
    if (!(await this.tags.delete(auth.organizationId, tag.id))) throw new AppError('TAG_NOT_FOUND');
    return { tag };
  }

  async assign(auth: AuthContext, blockId: string, tagId: string): Promise<Tag[]> {
    const org = auth.organizationId;
    await this.requireBlock(org, blockId);
    const tag = await this.get(auth, tagId);
    await this.dataSource.transaction(async (m) => {
      if (!(await this.tags.assign(m, org, blockId, tag.id))) throw new AppError('TAG_ALREADY_ASSIGNED');
      await this.tags.touchBlock(m, org, blockId);
    });
    return this.tags.tagsOfBlock(org, blockId);
  }

  async unassign(auth: AuthContext, blockId: string, tagId: string): Promise<void> {
    const org = auth.organizationId;
    await this.requireBlock(org, blockId);
    if (!isUuid(tagId)) throw new AppError('TAG_NOT_ASSIGNED');
    await this.dataSource.transaction(async (m) => {
      if (!(await this.tags.unassign(m, org, blockId, tagId.toLowerCase()))) throw new AppError('TAG_NOT_ASSIGNED');
      await this.tags.touchBlock(m, org, blockId);
    });
  }

  async tagsOfBlock(auth: AuthContext, blockId: string): Promise<Tag[]> {
    await this.requireBlock(auth.organizationId, blockId);
    return this.tags.tagsOfBlock(auth.organizationId, blockId);
  }

  private async requireBlock(org: string, blockId: string): Promise<void> {
    if (!(await this.tags.blockExists(org, blockId))) throw new AppError('BLOCK_NOT_FOUND');
  }
}
