import { generateNKeysBetween } from 'fractional-indexing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export const ORGANIZATIONS = 100;
export const PAGES_PER_ORGANIZATION = 100;
/** 20 root pages with 4 children each: the listing ranks siblings under several parents. */
const ROOTS = 20;
const CHILDREN_PER_ROOT = PAGES_PER_ORGANIZATION / ROOTS - 1;
const ORGANIZATIONS_PER_BATCH = 10;

/** Organizations whose pages also get blocks, and how many of their pages. */
export const BLOCK_ORGANIZATIONS = 5;
export const BLOCK_PAGES_PER_ORGANIZATION = 10;
/** 400 top-level blocks, 25 of which hold 4 child blocks each: 500 blocks per page. */
export const TOP_LEVEL_BLOCKS = 400;
const PARENT_EVERY = 16;
const CHILDREN_PER_PARENT = 4;
export const BLOCKS_PER_PAGE = TOP_LEVEL_BLOCKS + (TOP_LEVEL_BLOCKS / PARENT_EVERY) * CHILDREN_PER_PARENT;

/** Revoked keys in the table before Ocean starts, so that its in-memory set has a realistic size. */
export const REVOCATIONS = 10_000;

/** Runs a statement: a TypeORM DataSource or a pg Client both fit. */
export type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

export interface SeededOrganization {
  organizationId: string;
  userId: string;
  pageIds: string[];
}

/** A seeded block and the size of its sibling list, for a move to a random position in it. */
export interface SeededBlock {
  id: string;
  siblings: number;
}

export interface SeededBlockPage {
  organizationId: string;
  pageId: string;
  blocks: SeededBlock[];
}

interface PageRow {
  id: string;
  organizationId: string;
  userId: string;
  title: string;
  parentId: string | null;
  sortKey: string;
  favorite: boolean;
}

/** 100 pages of one organization: 20 roots with 4 children each, keyed as the service keys them. */
export function pageRows(organizationId: string, userId: string): PageRow[] {
  const rows: PageRow[] = [];
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
  return rows;
}

/**
 * One statement for many pages: the columns of the create-pages migration, defaults for the
 * rest. Parents and children share a statement, which is fine because the foreign key is
 * checked at the end of each statement.
 */
export async function insertPages(query: Query, rows: PageRow[]): Promise<void> {
  await query(
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

/** Inserts 10k pages across 100 organizations, 1000 rows per statement. */
export async function seedPages(dataSource: DataSource): Promise<SeededOrganization[]> {
  const organizations: SeededOrganization[] = [];
  const query: Query = (sql, params) => dataSource.query(sql, params);
  for (let first = 0; first < ORGANIZATIONS; first += ORGANIZATIONS_PER_BATCH) {
    const rows: PageRow[] = [];
    for (let i = first; i < first + ORGANIZATIONS_PER_BATCH; i++) {
      const organizationId = `bench-org-${String(i).padStart(3, '0')}`;
      const userId = `bench-user-${String(i).padStart(3, '0')}`;
      const orgRows = pageRows(organizationId, userId);
      organizations.push({ organizationId, userId, pageIds: orgRows.map((r) => r.id) });
      rows.push(...orgRows);
    }
    await insertPages(query, rows);
  }
  // Fresh statistics, as autovacuum would eventually provide, so plans match a settled database.
  await dataSource.query('ANALYZE pages');
  return organizations;
}

interface BlockRow {
  id: string;
  organizationId: string;
  pageId: string;
  userId: string;
  parentId: string | null;
  type: string;
  content: object;
  sortKey: string;
}

const WORDS = (
  'the quarterly plan covers hiring budget roadmap review notes for design research and ' +
  'customer interviews with follow up actions owners dates risks open questions decisions'
).split(' ');

/** A sentence of 12 to 30 words (about 80 to 200 characters), different from block to block. */
function sentence(seed: number): string {
  const length = 12 + (seed % 19);
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(WORDS[(seed * 7 + i * 13 + ((seed >> 3) % 5)) % WORDS.length]);
  const text = words.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

/**
 * A 500-block document: mostly paragraphs, with headings and lists at the top level, and every
 * 16th paragraph holding four children (tasks and paragraphs), as an outline would. Contents
 * follow the per-type shapes the API validates.
 */
function blockRows(
  organizationId: string,
  pageId: string,
  userId: string,
): { rows: BlockRow[]; page: SeededBlockPage } {
  const rows: BlockRow[] = [];
  const blocks: SeededBlock[] = [];
  const add = (parentId: string | null, sortKey: string, type: string, content: object, siblings: number): string => {
    const id = randomUUID();
    rows.push({ id, organizationId, pageId, userId, parentId, type, content, sortKey });
    blocks.push({ id, siblings });
    return id;
  };
  const topKeys = generateNKeysBetween(null, null, TOP_LEVEL_BLOCKS);
  for (const [i, key] of topKeys.entries()) {
    const n = rows.length;
    if (i % PARENT_EVERY === 0) {
      const parent = add(null, key, 'text', { text: sentence(n) }, TOP_LEVEL_BLOCKS);
      const childKeys = generateNKeysBetween(null, null, CHILDREN_PER_PARENT);
      for (const [c, childKey] of childKeys.entries()) {
        const m = rows.length;
        const content = c % 2 === 0 ? { text: sentence(m), checked: m % 3 === 0 } : { text: sentence(m) };
        add(parent, childKey, c % 2 === 0 ? 'task' : 'text', content, CHILDREN_PER_PARENT);
      }
    } else if (i % 20 === 1) {
      add(null, key, 'heading', { text: sentence(n).slice(0, 60), level: 1 + (i % 3) }, TOP_LEVEL_BLOCKS);
    } else if (i % 25 === 2) {
      const items = [sentence(n), sentence(n + 1), sentence(n + 2)];
      add(null, key, 'list', { items, listType: i % 2 ? 'numbered' : 'bullet' }, TOP_LEVEL_BLOCKS);
    } else {
      add(null, key, 'text', { text: sentence(n) }, TOP_LEVEL_BLOCKS);
    }
  }
  return { rows, page: { organizationId, pageId, blocks } };
}

/**
 * 500 blocks on each of the first pages of the first organizations, one statement per
 * organization (parents and children together, the foreign keys being checked per statement).
 */
export async function seedBlocks(
  dataSource: DataSource,
  organizations: SeededOrganization[],
): Promise<SeededBlockPage[]> {
  const pages: SeededBlockPage[] = [];
  for (const org of organizations.slice(0, BLOCK_ORGANIZATIONS)) {
    const rows: BlockRow[] = [];
    for (const pageId of org.pageIds.slice(0, BLOCK_PAGES_PER_ORGANIZATION)) {
      const seeded = blockRows(org.organizationId, pageId, org.userId);
      rows.push(...seeded.rows);
      pages.push(seeded.page);
    }
    await dataSource.query(
      `INSERT INTO blocks (block_id, organization_id, page_id, user_id, parent_block_id, block_type, content, sort_key)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::jsonb[], $8::text[])`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.organizationId),
        rows.map((r) => r.pageId),
        rows.map((r) => r.userId),
        rows.map((r) => r.parentId),
        rows.map((r) => r.type),
        rows.map((r) => JSON.stringify(r.content)),
        rows.map((r) => r.sortKey),
      ],
    );
  }
  await dataSource.query('ANALYZE blocks');
  return pages;
}

/** Revoked access tokens of other users, valid for another hour: the guard's set is not empty. */
export async function seedRevocations(dataSource: DataSource): Promise<void> {
  const keys = Array.from({ length: REVOCATIONS }, () => `jti:${randomUUID()}`);
  await dataSource.query(
    `INSERT INTO revocations (key, expires_at) SELECT k, now() + interval '1 hour' FROM unnest($1::text[]) AS r(k)`,
    [keys],
  );
  await dataSource.query('ANALYZE revocations');
}
