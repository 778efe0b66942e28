import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../database/query-result';
import { Tag } from './tag.entity';

const COLUMNS = `t.tag_id, t.organization_id, t.name, t.color, t.description, t.created_at, t.updated_at,
  (SELECT count(*) FROM block_tags bt WHERE bt.organization_id = t.organization_id AND bt.tag_id = t.tag_id)::int AS usage_count`;

interface TagRow {
  tag_id: string;
  organization_id: string;
  name: string;
  color: string | null;
  description: string | null;
  created_at: Date;
  updated_at: Date;
  usage_count: number;
}

function toTag(row: TagRow): Tag {
  const tag = new Tag();
  tag.id = row.tag_id;
  tag.organizationId = row.organization_id;
  tag.name = row.name;
  tag.color = row.color;
  tag.description = row.description;
  tag.createdAt = row.created_at;
  tag.updatedAt = row.updated_at;
  tag.usageCount = Number(row.usage_count);
  return tag;
}

export interface TagFields {
  name?: string;
  color?: string | null;
  description?: string | null;
}

/** Tags and their assignments to blocks, scoped by organization. */
@Injectable()
export class TagsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async find(organizationId: string, tagId: string, manager?: EntityManager): Promise<Tag | null> {
    const rows: TagRow[] = await this.m(manager).query(
      `SELECT ${COLUMNS} FROM tags t WHERE t.organization_id = $1 AND t.tag_id = $2`,
      [organizationId, tagId],
    );
    return rows.length ? toTag(rows[0]) : null;
  }

  async list(organizationId: string, sortBy: 'usage_count' | 'name'): Promise<Tag[]> {
    const order = sortBy === 'usage_count' ? 'usage_count DESC, lower(name), tag_id' : 'lower(name), tag_id';
    const rows: TagRow[] = await this.m().query(
      `SELECT * FROM (SELECT ${COLUMNS} FROM tags t WHERE t.organization_id = $1) x ORDER BY ${order}`,
      [organizationId],
    );
    return rows.map(toTag);
  }

  async insert(id: string, organizationId: string, fields: TagFields): Promise<Tag> {
    await this.m().query(
      `INSERT INTO tags (tag_id, organization_id, name, color, description) VALUES ($1, $2, $3, $4, $5)`,
      [id, organizationId, fields.name, fields.color ?? null, fields.description ?? null],
    );
    return (await this.find(organizationId, id))!;
  }

  async update(organizationId: string, tagId: string, fields: TagFields): Promise<boolean> {
    const sets: string[] = ['updated_at = now()'];
    const params: unknown[] = [organizationId, tagId];
    for (const [column, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
    const result: unknown = await this.m().query(
      `UPDATE tags SET ${sets.join(', ')} WHERE organization_id = $1 AND tag_id = $2 RETURNING tag_id`,
      params,
    );
    return returnedRows(result).length > 0;
  }

  /** Deletes the tag; its assignments go with it through the cascading key. */
  async delete(organizationId: string, tagId: string): Promise<boolean> {
    const result: unknown = await this.m().query(
      `DELETE FROM tags WHERE organization_id = $1 AND tag_id = $2 RETURNING tag_id`,
      [organizationId, tagId],
    );
    return returnedRows(result).length > 0;
  }

  async blockExists(organizationId: string, blockId: string): Promise<boolean> {
    const rows: unknown[] = await this.m().query(`SELECT 1 FROM blocks WHERE organization_id = $1 AND block_id = $2`, [
      organizationId,
      blockId,
    ]);
    return rows.length > 0;
  }

  /** Assigns atomically; false when the tag was already there. */
  async assign(manager: EntityManager, organizationId: string, blockId: string, tagId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO block_tags (organization_id, block_id, tag_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING tag_id`,
      [organizationId, blockId, tagId],
    );
    return rows.length > 0;
  }

  async unassign(manager: EntityManager, organizationId: string, blockId: string, tagId: string): Promise<boolean> {
    const result: unknown = await manager.query(
      `DELETE FROM block_tags WHERE organization_id = $1 AND block_id = $2 AND tag_id = $3 RETURNING tag_id`,
      [organizationId, blockId, tagId],
    );
    return returnedRows(result).length > 0;
  }

  /** A tag change is a change of the block (its properties.tags): new version, new updated_at. */
  async touchBlock(manager: EntityManager, organizationId: string, blockId: string): Promise<void> {
    await manager.query(
      `UPDATE blocks SET version = version + 1, updated_at = now() WHERE organization_id = $1 AND block_id = $2`,
      [organizationId, blockId],
    );
  }

  async tagsOfBlock(organizationId: string, blockId: string): Promise<Tag[]> {
    const rows: TagRow[] = await this.m().query(
      `SELECT ${COLUMNS} FROM block_tags a JOIN tags t ON t.organization_id = a.organization_id AND t.tag_id = a.tag_id
       WHERE a.organization_id = $1 AND a.block_id = $2 ORDER BY a.created_at, t.tag_id`,
      [organizationId, blockId],
    );
    return rows.map(toTag);
  }
}
