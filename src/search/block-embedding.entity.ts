import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Block } from '../blocks/block.entity';

/** A block's embedding by one model, and the hash of the text it was computed from. */
@Entity({ name: 'block_embeddings' })
@ForeignKey(() => Block, ['organizationId', 'blockId'], ['organizationId', 'id'], {
  name: 'block_embeddings_block_fk',
  onDelete: 'CASCADE',
})
@Check('block_embeddings_dimensions_match', 'cardinality(embedding) = dimensions')
@Index('block_embeddings_org_model_idx', ['organizationId', 'model', 'dimensions', 'updatedAt'])
export class BlockEmbedding {
  @PrimaryColumn({ name: 'block_id', type: 'uuid', primaryKeyConstraintName: 'block_embeddings_pkey' })
  blockId: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @Column({ type: 'varchar', length: 200 })
  model: string;

  @Column({ type: 'integer' })
  dimensions: number;

  @Column({ name: 'content_hash', type: 'varchar', length: 32 })
  contentHash: string;

  @Column({ type: 'real', array: true })
  embedding: number[];

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
