import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { Block } from '../blocks/block.entity';
import { Page } from '../pages/page.entity';

export const LINK_TYPES = ['reference', 'embed', 'mention'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** A link from a block to a page or to another block of the same organization. */
@Entity({ name: 'links' })
@ForeignKey(() => Block, ['organizationId', 'sourceBlockId'], ['organizationId', 'id'], {
  name: 'links_source_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Page, ['organizationId', 'targetPageId'], ['organizationId', 'id'], {
  name: 'links_target_page_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Block, ['organizationId', 'targetBlockId'], ['organizationId', 'id'], {
  name: 'links_target_block_fk',
  onDelete: 'CASCADE',
})
@Check('links_one_target', '(target_page_id IS NULL) <> (target_block_id IS NULL)')
@Check('links_type_known', `link_type IN ('reference', 'embed', 'mention')`)
@Unique('links_unique', ['organizationId', 'sourceBlockId', 'targetId', 'linkType'])
@Index('links_org_target_idx', ['organizationId', 'targetId'])
@Index('links_org_target_block_idx', ['organizationId', 'targetBlockId'], { where: 'target_block_id IS NOT NULL' })
@Index('links_org_target_page_idx', ['organizationId', 'targetPageId'], { where: 'target_page_id IS NOT NULL' })
export class Link {
  @PrimaryColumn({ name: 'link_id', type: 'uuid', primaryKeyConstraintName: 'links_pkey' })
  id: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @Column({ name: 'source_block_id', type: 'uuid' })
  sourceBlockId: string;

  @Column({ name: 'target_page_id', type: 'uuid', nullable: true })
  targetPageId: string | null;

  @Column({ name: 'target_block_id', type: 'uuid', nullable: true })
  targetBlockId: string | null;

  /**
   * The one target, page or block: what listings filter and uniqueness is checked on. The column
   * is nullable, as generated columns are unless declared otherwise, but links_one_target makes
   * it never null.
   */
  @Column({
    name: 'target_id',
    type: 'uuid',
    nullable: true,
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
