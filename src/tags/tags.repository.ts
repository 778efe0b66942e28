import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { OrgScope } from '../common/org-scope';
import { Db } from '../database/db';
import { Tag } from './tag.entity';

export type TagFields = Partial<Pick<Tag, 'name' | 'color' | 'description'>>;

/**
 * The tags table, owned by the tags module; the assignments belong to the blocks. Every
 * statement is scoped by the OrgScope. Tags come back without `usageCount`.
 */
@Injectable()
export class TagsRepository {
  constructor(private readonly db: Db) {}

  private get tx(): EntityManager {
    return this.db.tx;
  }

  find(scope: OrgScope, tagId: string): Promise<Tag | null> {
    return this.tx.findOneBy(Tag, { organizationId: scope.organizationId, id: tagId });
  }

  /** The tags of `tagIds` that exist, in any order. */
  findMany(scope: OrgScope, tagIds: string[]): Promise<Tag[]> {
    if (tagIds.length === 0) return Promise.resolve([]);
    return this.tx.findBy(Tag, { organizationId: scope.organizationId, id: In(tagIds) });
  }

  /** Every tag of the organization, by name without case, then id. */
  list(scope: OrgScope): Promise<Tag[]> {
    return this.tx
      .createQueryBuilder(Tag, 't')
      .where('t.organization_id = :org', { org: scope.organizationId })
      .orderBy('lower(t.name)')
      .addOrderBy('t.tag_id')
      .getMany();
  }

  async insert(scope: OrgScope, id: string, fields: TagFields): Promise<void> {
    await this.tx.insert(Tag, { ...fields, id, organizationId: scope.organizationId });
  }

  async update(scope: OrgScope, tagId: string, fields: TagFields): Promise<boolean> {
    const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const result = await this.tx.update(Tag, { organizationId: scope.organizationId, id: tagId }, set);
    return (result.affected ?? 0) > 0;
  }

  /** Deletes the tag; its assignments go with it through the cascading key. */
  async delete(scope: OrgScope, tagId: string): Promise<boolean> {
    const result = await this.tx.delete(Tag, { organizationId: scope.organizationId, id: tagId });
    return (result.affected ?? 0) > 0;
  }
}
