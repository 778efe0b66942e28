import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Block } from '../blocks/block.entity';

/**
 * A block's full-text document, written by the triggers of the search migration in the
 * transaction of each block or page title change (see 1732900000000-create-search).
 */
@Entity({ name: 'block_search' })
@ForeignKey(() => Block, ['organizationId', 'blockId'], ['organizationId', 'id'], {
  name: 'block_search_block_fk',
  onDelete: 'CASCADE',
})
// GIN over (organization_id, document) through btree_gin: TypeORM cannot say USING gin.
@Index('block_search_document_idx', { synchronize: false })
@Index('block_search_page_idx', ['organizationId', 'pageId'])
export class BlockSearch {
  @PrimaryColumn({ name: 'block_id', type: 'uuid', primaryKeyConstraintName: 'block_search_pkey' })
  blockId: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @Column({ name: 'page_id', type: 'uuid' })
  pageId: string;

  /** The page is neither archived nor under an archived page. */
  @Column({ type: 'boolean' })
  live: boolean;

  @Column({ type: 'tsvector' })
  document: string;
}
