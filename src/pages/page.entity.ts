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
  VirtualColumn,
} from 'typeorm';

/** A page as stored; `position` is not stored but ranked from `sortKey` when read. */
@Entity({ name: 'pages' })
@Unique('pages_org_page_unique', ['organizationId', 'id'])
// The database declares it UNIQUE NULLS NOT DISTINCT, so that two root pages cannot share a key;
// TypeORM has no way to say NULLS NOT DISTINCT and would create it without (it never does:
// synchronize is off, and the migrations are the schema).
@Unique('pages_sibling_key_unique', ['organizationId', 'parentPageId', 'sortKey'])
@ForeignKey(() => Page, ['organizationId', 'parentPageId'], ['organizationId', 'id'], {
  name: 'pages_parent_fk',
  onDelete: 'CASCADE',
})
@Check('pages_not_own_parent', 'parent_page_id IS NULL OR parent_page_id <> page_id')
@Check('pages_metadata_object', `jsonb_typeof(metadata) = 'object'`)
@Index('pages_org_favorite_idx', ['organizationId'], { where: 'is_favorite' })
@Index('pages_org_archived_idx', ['organizationId', 'archivedAt'], { where: 'is_archived' })
export class Page {
  @PrimaryColumn({ name: 'page_id', type: 'uuid', primaryKeyConstraintName: 'pages_pkey' })
  id: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @Column({ name: 'user_id', type: 'text' })
  userId: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  icon: string | null;

  @Column({ name: 'cover_image', type: 'varchar', length: 2048, nullable: true })
  coverImage: string | null;

  @Column({ name: 'parent_page_id', type: 'uuid', nullable: true })
  parentPageId: string | null;

  @Column({ name: 'sort_key', type: 'text', collation: 'C' })
  sortKey: string;

  @Column({ name: 'is_archived', type: 'boolean', default: false })
  isArchived: boolean;

  /** True when an ancestor is archived: the page is then hidden with it. */
  @Column({ name: 'in_archived_subtree', type: 'boolean', default: false })
  inArchivedSubtree: boolean;

  @Column({ name: 'is_favorite', type: 'boolean', default: false })
  isFavorite: boolean;

  @Column({ type: 'jsonb', default: {} })
  metadata: Record<string, unknown>;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Rank among the siblings in the same archive state: dense 0..n-1 whatever the stored keys are. */
  @VirtualColumn({
    type: 'int',
    query: (p) => `SELECT count(*)::int FROM pages s
      WHERE s.organization_id = ${p}.organization_id
        AND s.parent_page_id IS NOT DISTINCT FROM ${p}.parent_page_id
        AND s.is_archived = ${p}.is_archived
        AND s.sort_key < ${p}.sort_key
        AND s.page_id <> ${p}.page_id`,
  })
  position: number;
}
