import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
  VirtualColumn,
} from 'typeorm';
import { Page } from '../pages/page.entity';
import type { BlockType } from './block-content';

/** A block as stored; `position` and `tagIds` are derived by the query that reads it. */
@Entity({ name: 'blocks' })
@Unique('blocks_org_block_unique', ['organizationId', 'id'])
@Unique('blocks_org_page_block_unique', ['organizationId', 'pageId', 'id'])
// UNIQUE NULLS NOT DISTINCT in the database (two top-level blocks of a page cannot share a key),
// which TypeORM cannot express: see pages_sibling_key_unique.
@Unique('blocks_sibling_key_unique', ['organizationId', 'pageId', 'parentBlockId', 'sortKey'])
@ForeignKey(() => Page, ['organizationId', 'pageId'], ['organizationId', 'id'], {
  name: 'blocks_page_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Block, ['organizationId', 'pageId', 'parentBlockId'], ['organizationId', 'pageId', 'id'], {
  name: 'blocks_parent_fk',
  onDelete: 'CASCADE',
})
@Check('blocks_not_own_parent', 'parent_block_id IS NULL OR parent_block_id <> block_id')
@Check('blocks_type_known', `block_type IN ('text', 'heading', 'list', 'task', 'link', 'page_link')`)
@Check('blocks_content_object', `jsonb_typeof(content) = 'object'`)
@Check('blocks_properties_object', `jsonb_typeof(properties) = 'object'`)
@Index('blocks_org_parent_idx', ['organizationId', 'parentBlockId'], { where: 'parent_block_id IS NOT NULL' })
export class Block {
  @PrimaryColumn({ name: 'block_id', type: 'uuid', primaryKeyConstraintName: 'blocks_pkey' })
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
