import { Entity, Index, PrimaryColumn } from 'typeorm';

/** The whole words an organization has written: what a misspelt query word is corrected to. */
@Entity({ name: 'search_vocabulary' })
// GiST over (organization_id, word gist_trgm_ops) through btree_gist: TypeORM cannot say it.
@Index('search_vocabulary_trgm_idx', { synchronize: false })
export class SearchVocabulary {
  @PrimaryColumn({ name: 'organization_id', type: 'text', primaryKeyConstraintName: 'search_vocabulary_pkey' })
  organizationId: string;

  @PrimaryColumn({ type: 'text', collation: 'C', primaryKeyConstraintName: 'search_vocabulary_pkey' })
  word: string;
}
