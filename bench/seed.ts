import { generateNKeysBetween } from 'fractional-indexing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export const ORGANIZATIONS = 100;
export const PAGES_PER_ORGANIZATION = 100;
/** 20 root pages with 4 children each: the listing ranks siblings under several parents. */
const ROOTS = 20;
const CHILDREN_PER_ROOT = PAGES_PER_ORGANIZATION / ROOTS - 1;
const ORGANIZATIONS_PER_BATCH = 10;

export interface SeededOrganization {
  organizationId: string;
  userId: string;
  pageIds: string[];
}

interface Row {
  id: string;
  organizationId: string;
  userId: string;
  title: string;
  parentId: string | null;
  sortKey: string;
  favorite: boolean;
}

function organizationRows(index: number): { org: SeededOrganization; rows: Row[] } {
  const organizationId = `bench-org-${String(index).padStart(3, '0')}`;
  const userId = `bench-user-${String(index).padStart(3, '0')}`;
  const rows: Row[] = [];
  const add = (parentId: string | null, sortKey: string): string => {
    const id = randomUUID();
    const n = rows.length;
    rows.push({ id, organizationId, userId, title: `Page ${n}`, parentId, sortKey, favorite: n % 7 === 0 });
    return id;
  };
  // Keys exactly as the service makes them, so the rows look like pages created through the API.
  const rootKeys = generateNKeysBetween(null, null, ROOTS);
  for (const rootKey of rootKeys) {
    const rootId = add(null, rootKey);
    for (const childKey of generateNKeysBetween(null, null, CHILDREN_PER_ROOT)) add(rootId, childKey);
  }
  return { org: { organizationId, userId, pageIds: rows.map((r) => r.id) }, rows };
}

/**
 * Inserts 10k pages across 100 organizations with one statement per 1000 rows: the columns of
 * the create-pages migration, defaults for the rest. Parents and children share a statement,
 * which is fine because the foreign key is checked at the end of each statement.
 */
export async function seedPages(dataSource: DataSource): Promise<SeededOrganization[]> {
  const organizations: SeededOrganization[] = [];
  for (let first = 0; first < ORGANIZATIONS; first += ORGANIZATIONS_PER_BATCH) {
    const rows: Row[] = [];
    for (let i = first; i < first + ORGANIZATIONS_PER_BATCH; i++) {
      const { org, rows: orgRows } = organizationRows(i);
      organizations.push(org);
      rows.push(...orgRows);
    }
    await dataSource.query(
      `INSERT INTO pages (page_id, organization_id, user_id, title, parent_page_id, sort_key, is_favorite, metadata)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::boolean[], $8::jsonb[])`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.organizationId),
        rows.map((r) => r.userId),
        rows.map((r) => r.title),
        rows.map((r) => r.parentId),
        rows.map((r) => r.sortKey),
        rows.map((r) => r.favorite),
        rows.map(() => '{"source":"bench"}'),
      ],
    );
  }
  // Fresh statistics, as autovacuum would eventually provide, so plans match a settled database.
  await dataSource.query('ANALYZE pages');
  return organizations;
}
