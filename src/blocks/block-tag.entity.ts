import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A tag assigned to a block. The assignments are part of the block (its `properties.tags`), so
 * the blocks module owns this table; tag usage counts are asked of it.
 */
@Entity({ name: 'block_tags' })
export class BlockTag {
  @PrimaryColumn({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @PrimaryColumn({ name: 'block_id', type: 'uuid' })
  blockId: string;

  @PrimaryColumn({ name: 'tag_id', type: 'uuid' })
  tagId: string;

  /** clock_timestamp(): assignments of one transaction still have an order. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
