import { CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Tag } from '../tags/tag.entity';
import { Block } from './block.entity';

/**
 * A tag assigned to a block. The assignments are part of the block (its `properties.tags`), so
 * the blocks module owns this table; tag usage counts are asked of it.
 */
@Entity({ name: 'block_tags' })
@ForeignKey(() => Block, ['organizationId', 'blockId'], ['organizationId', 'id'], {
  name: 'block_tags_block_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Tag, ['organizationId', 'tagId'], ['organizationId', 'id'], {
  name: 'block_tags_tag_fk',
  onDelete: 'CASCADE',
})
@Index('block_tags_tag_idx', ['organizationId', 'tagId'])
export class BlockTag {
  @PrimaryColumn({ name: 'organization_id', type: 'text', primaryKeyConstraintName: 'block_tags_pkey' })
  organizationId: string;

  @PrimaryColumn({ name: 'block_id', type: 'uuid', primaryKeyConstraintName: 'block_tags_pkey' })
  blockId: string;

  @PrimaryColumn({ name: 'tag_id', type: 'uuid', primaryKeyConstraintName: 'block_tags_pkey' })
  tagId: string;

  /** clock_timestamp(): assignments of one transaction still have an order. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
