import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const LINK_TYPES = ['reference', 'embed', 'mention'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** A link from a block to a page or to another block of the same organization. */
@Entity({ name: 'links' })
export class Link {
  @PrimaryColumn({ name: 'link_id', type: 'uuid' })
  id: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @Column({ name: 'source_block_id', type: 'uuid' })
  sourceBlockId: string;

  @Column({ name: 'target_page_id', type: 'uuid', nullable: true })
  targetPageId: string | null;

  @Column({ name: 'target_block_id', type: 'uuid', nullable: true })
  targetBlockId: string | null;

  /** The one target, page or block: what listings filter and uniqueness is checked on. */
  @Column({
    name: 'target_id',
    type: 'uuid',
    generatedType: 'STORED',
    asExpression: 'COALESCE(target_page_id, target_block_id)',
    insert: false,
    update: false,
  })
  targetId: string;

  @Column({ name: 'link_type', type: 'varchar', length: 20 })
  linkType: LinkType;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
