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
    await insertBlocks(dataSource, rows);
  }
  await dataSource.query('ANALYZE blocks');
  return pages;
}

/**
 * One statement for many blocks; parents and children may share it, the foreign keys being
 * checked per statement. The search migration's statement trigger indexes them on the way.
 */
async function insertBlocks(dataSource: DataSource, rows: BlockRow[]): Promise<void> {
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

/**
 * Searchable notes: `largeBlocks` in one organization (500 per page) and `otherBlocks` spread
 * over the other 99 (about 808 each on 8 pages), all on pages after the first
 * BLOCK_PAGES_PER_ORGANIZATION, so that the 500-block pages keep their data.
 */
export interface SearchSeedSize {
  largeBlocks: number;
  otherBlocks: number;
}

/** 100k searchable blocks: 20k in one organization, 80k across the other 99. */
export const SEARCH_SEED: SearchSeedSize = { largeBlocks: 20_000, otherBlocks: 80_000 };
const SEARCH_FIRST_PAGE = BLOCK_PAGES_PER_ORGANIZATION;
const SEARCH_BLOCKS_PER_LARGE_PAGE = 500;
const SEARCH_PAGES_PER_OTHER_ORGANIZATION = 8;
/** About the size of the 500-block seeding's statements times two: the triggers index per statement. */
const SEARCH_ROWS_PER_STATEMENT = 10_000;

export interface SeededSearch {
  /** The organization with `largeBlocks`: the first one without 500-block pages. */
  organizationId: string;
  largeBlocks: number;
  /** Searchable blocks in all organizations. */
  blocks: number;
  vocabulary: number;
  /** Inserting (with the triggers' indexing) and VACUUM ANALYZE. */
  seedMs: number;
}

/**
 * Common words of work notes, most frequent first: the head of the vocabulary, whose rank sets
 * a word's frequency. Stop words ("the", "of") are among them, as in real text.
 */
const COMMON_WORDS = `
  the to and of a in for is on that with we team it be this as are at by from project or will
  have meeting not an review our can if all but need next should customer new plan update about
  more design data release they when what which time there work week been has one also so do
  their would some like any them into notes please before after issue follow up budget user
  product feature test support out than only other could then its were may just roadmap sales
  report status call use via check first who last get make quarter goal owner risk api document
  version change decision list action open question draft share launch process feedback today
  tomorrow month year research interview summary metric dashboard server client service account
  email access price order payment invoice contract legal security policy deploy build bug fix
  error incident alert monitor backup database migration schema query index cache latency traffic
  cost vendor partner hiring candidate offer onboarding training office remote travel event agenda
  slide deck presentation demo workshop survey result analysis growth revenue target forecast
  pipeline lead deal renewal churn retention marketing campaign content blog website page copy
  brand logo mobile web app ios android desktop browser login password token session permission
  role admin settings profile search filter sort export import file upload folder link comment
  task priority deadline milestone sprint backlog ticket estimate scope requirement spec prototype
  mockup wireframe usability accessibility performance reliability scale capacity region cluster
  network storage compute budgetary approval sign stakeholder executive board director manager
  engineer designer analyst writer lawyer finance operations people culture value mission
  strategy vision principle guideline template checklist handbook wiki okr kpi north star
  quarterly weekly daily standup retro planning kickoff sync handoff escalation blocker
  dependency tradeoff option proposal recommendation outcome lesson learned improvement
  experiment hypothesis cohort segment funnel conversion activation engagement satisfaction
  complaint request refund discount trial subscription tier enterprise startup competitor market
  industry`
  .split(/\s+/)
  .filter(Boolean);
/** Common words and pseudo-words: a few thousand distinct words, as an organization's notes have. */
const VOCABULARY_SIZE = 4000;

/** mulberry32: a small deterministic generator, so that every run seeds the same text. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The common words, then pronounceable pseudo-words (names, jargon, rarer words) up to VOCABULARY_SIZE. */
function vocabulary(): string[] {
  const random = seededRandom(10);
  const pick = (options: string[]): string => options[Math.floor(random() * options.length)];
  const onsets = 'b c d f g h k l m n p r s t v z br cr dr fl gr pl st tr'.split(' ');
  const vowels = 'a e i o u ai ea ou'.split(' ');
  const codas = 'n r s t l m'.split(' ');
  const words = new Set(COMMON_WORDS);
  while (words.size < VOCABULARY_SIZE) {
    let word = '';
    const syllables = 2 + Math.floor(random() * 3);
    for (let i = 0; i < syllables; i++) word += pick(onsets) + pick(vowels) + (random() < 0.3 ? pick(codas) : '');
    words.add(word);
  }
  return [...words];
}

export const VOCABULARY = vocabulary();

/** Zipf's law (exponent 1): the word of rank r is written in proportion to 1 / r. */
const ZIPF_CUMULATIVE = (() => {
  const cumulative = new Float64Array(VOCABULARY.length);
  let sum = 0;
  for (let r = 0; r < VOCABULARY.length; r++) cumulative[r] = sum += 1 / (r + 1);
  return cumulative.map((c) => c / sum);
})();

/** A rare word of the seeded notes: a pseudo-word written in about 20 of the 20k blocks. */
const RARE_RANK = 3000;

/** A word of the search list: what it shows, and the query as a person types it. */
export interface SearchQuery {
  kind: string;
  q: string;
}

/**
 * What people type into a search box, each kind twice; the common word ("team", rank 13 of
 * the vocabulary) is in thousands of the large organization's blocks.
 */
export const SEARCH_COMMON_WORD = 'team';
export const SEARCH_QUERIES: SearchQuery[] = [
  { kind: 'one word', q: 'budget' },
  { kind: 'two words', q: 'design review' },
  { kind: 'prefix being typed', q: 'cust' },
  { kind: 'one-letter typo', q: 'custmer' },
  { kind: 'rare word', q: VOCABULARY[RARE_RANK] },
  { kind: 'common word', q: SEARCH_COMMON_WORD },
  { kind: 'one word', q: 'invoice' },
  { kind: 'two words', q: 'release plan' },
  { kind: 'prefix being typed', q: 'roadm' },
  { kind: 'one-letter typo', q: 'budgit' },
  { kind: 'rare word', q: VOCABULARY[RARE_RANK + 500] },
  { kind: 'common word', q: 'meeting' },
];

/** Notes written word by word from the vocabulary, the same ones on every run. */
class NoteWriter {
  private readonly random = seededRandom(20);

  private between(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private word(): string {
    const u = this.random();
    let low = 0;
    let high = ZIPF_CUMULATIVE.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (ZIPF_CUMULATIVE[mid] < u) low = mid + 1;
      else high = mid;
    }
    return VOCABULARY[low];
  }

  private words(count: number): string {
    return Array.from({ length: count }, () => this.word()).join(' ');
  }

  /** 8 to 40 words, most of them short: a line of notes. */
  sentence(): string {
    const text = this.words(8 + Math.floor(32 * this.random() ** 2));
    return `${text[0].toUpperCase()}${text.slice(1)}.`;
  }

  /** A block of a note, in the shapes the API validates: mostly paragraphs, then tasks, lists, headings, links. */
  block(): { type: string; content: object } {
    const u = this.random();
    if (u < 0.55) return { type: 'text', content: { text: this.sentence() } };
    if (u < 0.7) return { type: 'task', content: { text: this.sentence(), checked: this.random() < 0.4 } };
    if (u < 0.82) {
      const items = Array.from({ length: this.between(2, 4) }, () => this.sentence());
      return { type: 'list', content: { items, listType: this.random() < 0.5 ? 'bullet' : 'numbered' } };
    }
    if (u < 0.94) {
      // A title, not a sentence: a few words.
      const text = this.words(this.between(2, 6));
      return {
        type: 'heading',
        content: { text: `${text[0].toUpperCase()}${text.slice(1)}`, level: this.between(1, 3) },
      };
    }
    const url = `https://${this.word()}.example.com/${this.word()}/${this.word()}`;
    return { type: 'link', content: { url, text: this.sentence() } };
  }
}

/**
 * Searchable blocks (see SearchSeedSize), batched into statements of about
 * SEARCH_ROWS_PER_STATEMENT rows: the insert trigger writes each block's document and the
 * organization's vocabulary. VACUUM ANALYZE afterwards, as autovacuum would eventually: it
 * also empties the GIN index's pending list, which every search would otherwise read through.
 */
export async function seedSearchBlocks(
  dataSource: DataSource,
  organizations: SeededOrganization[],
  size: SearchSeedSize = SEARCH_SEED,
): Promise<SeededSearch> {
  const started = Date.now();
  const writer = new NoteWriter();
  const large = organizations[BLOCK_ORGANIZATIONS];
  const others = organizations.filter((o) => o !== large);
  let pending: BlockRow[] = [];
  let blocks = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    await insertBlocks(dataSource, pending);
    blocks += pending.length;
    pending = [];
  };
  const addPage = async (org: SeededOrganization, pageId: string, count: number): Promise<void> => {
    for (const sortKey of generateNKeysBetween(null, null, count)) {
      const { type, content } = writer.block();
      const { organizationId, userId } = org;
      pending.push({ id: randomUUID(), organizationId, pageId, userId, parentId: null, type, content, sortKey });
    }
    if (pending.length >= SEARCH_ROWS_PER_STATEMENT) await flush();
  };
  /** `count` blocks spread evenly over `pages` pages of `org`, after the 500-block pages. */
  const addOrganization = async (org: SeededOrganization, count: number, pages: number): Promise<void> => {
    const pageIds = org.pageIds.slice(SEARCH_FIRST_PAGE, SEARCH_FIRST_PAGE + pages);
    if (pageIds.length < pages) throw new Error(`${org.organizationId} has no ${pages} pages for search blocks`);
    for (const [i, pageId] of pageIds.entries()) {
      await addPage(org, pageId, Math.floor((count * (i + 1)) / pages) - Math.floor((count * i) / pages));
    }
  };

  await addOrganization(large, size.largeBlocks, Math.ceil(size.largeBlocks / SEARCH_BLOCKS_PER_LARGE_PAGE));
  for (const [i, org] of others.entries()) {
    const count =
      Math.floor((size.otherBlocks * (i + 1)) / others.length) - Math.floor((size.otherBlocks * i) / others.length);
    await addOrganization(org, count, SEARCH_PAGES_PER_OTHER_ORGANIZATION);
  }
  await flush();
  await dataSource.query('ANALYZE blocks');
  await dataSource.query('VACUUM ANALYZE block_search');
  await dataSource.query('VACUUM ANALYZE search_vocabulary');
  const words: Array<{ n: number }> = await dataSource.query(
    'SELECT count(*)::int AS n FROM search_vocabulary WHERE organization_id = $1',
    [large.organizationId],
  );
  return {
    organizationId: large.organizationId,
    largeBlocks: size.largeBlocks,
    blocks,
    vocabulary: words[0].n,
    seedMs: Date.now() - started,
  };
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
