import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
  VirtualColumn,
} from 'typeorm';
import type { BlockType } from './block-content';

/** A block as stored; `position` and `tagIds` are derived by the query that reads it. */
@Entity({ name: 'blocks' })
export class Block {
  @PrimaryColumn({ name: 'block_id', type: 'uuid' })
  id: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @Column({ name: 'page_id', type: 'uuid' })
  pageId: string;

  @Column({ name: 'user_id', type: 'text' })
  userId: string;

  @Column({ name: 'parent_block_id', type: 'uuid', nullable: true })
  parentBlockId: string | null;

  @Column({ name: 'block_type', type: 'varchar', length: 20 })
  blockType: BlockType;

  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  @Column({ type: 'jsonb', default: {} })
  properties: Record<string, unknown>;

  @Column({ name: 'sort_key', type: 'text', collation: 'C' })
  sortKey: string;

  /** Bumped on every write (TypeORM's updates do it); the ETag of the block. */
  @VersionColumn({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'vector_id', type: 'text', nullable: true })
  vectorId: string | null;

  @Column({ name: 'vector_dimensions', type: 'integer', nullable: true })
  vectorDimensions: number | null;

  /** ISO 8601 UTC as the API sends it: the repository reads timestamps as strings. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: string;

  /** Rank among the siblings under the same parent. */
  @VirtualColumn({
    type: 'int',
    query: (b) => `SELECT count(*)::int FROM blocks s
      WHERE s.organization_id = ${b}.organization_id AND s.page_id = ${b}.page_id
        AND s.parent_block_id IS NOT DISTINCT FROM ${b}.parent_block_id
        AND s.sort_key < ${b}.sort_key AND s.block_id <> ${b}.block_id`,
  })
  position: number;

  /** Tag ids in the order they were assigned: `properties.tags` is derived, never stored. */
  @VirtualColumn({
    type: 'text',
    query: (b) => `COALESCE((SELECT array_agg(bt.tag_id::text ORDER BY bt.created_at, bt.tag_id) FROM block_tags bt
      WHERE bt.organization_id = ${b}.organization_id AND bt.block_id = ${b}.block_id), '{}')`,
  })
  tagIds: string[];
}
