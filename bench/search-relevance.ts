import { readFileSync } from 'node:fs';

/*
 * The labelled relevance set of test/fixtures/search-relevance.json (issue 10): its shape, the
 * checks it must pass before anything is measured, and the measures (MRR@10, recall@10).
 */

export const QUERY_KINDS = ['exact', 'phrase', 'stemming', 'accents', 'typo', 'prefix', 'title-context'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** The block types of API.md a fixture may use: page_link needs page ids, which a fixture cannot know. */
const FIXTURE_BLOCK_TYPES = ['text', 'heading', 'list', 'task', 'link'] as const;
type FixtureBlockType = (typeof FIXTURE_BLOCK_TYPES)[number];

export interface FixtureBlock {
  key: string;
  block_type: FixtureBlockType;
  content: Record<string, unknown>;
}

export interface FixturePage {
  key: string;
  title: string;
  icon?: string;
  blocks: FixtureBlock[];
}

export interface FixtureQuery {
  id: string;
  q: string;
  kind: QueryKind;
  relevant: string[];
}

export interface Fixture {
  description: string;
  pages: FixturePage[];
  queries: FixtureQuery[];
}

/** What the issue asks of the set, so that a trimmed fixture fails instead of proving less. */
export const MINIMUMS = { pages: 18, blocks: 220, queries: 70, perKind: 8 };

/** Measured at this depth: the first page of results a user reads. */
export const CUTOFF = 10;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 2000;

function isHttpUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Content per type as API.md's Blocks section describes it, with no field besides those. */
function contentProblem(type: FixtureBlockType, c: Record<string, unknown>): string | undefined {
  const fields: Record<FixtureBlockType, string[]> = {
    text: ['text'],
    heading: ['text', 'level'],
    list: ['items', 'listType'],
    task: ['text', 'checked'],
    link: ['url', 'text'],
  };
  const extra = Object.keys(c).filter((k) => !fields[type].includes(k));
  if (extra.length > 0) return `unknown content fields ${extra.join(', ')}`;
  switch (type) {
    case 'text':
      return isText(c.text) ? undefined : 'text must be a non-empty string';
    case 'heading':
      if (!isText(c.text)) return 'text must be a non-empty string';
      return c.level === 1 || c.level === 2 || c.level === 3 ? undefined : 'level must be 1, 2 or 3';
    case 'list':
      if (!Array.isArray(c.items) || c.items.length === 0 || !c.items.every(isText)) {
        return 'items must be non-empty strings';
      }
      return c.listType === 'bullet' || c.listType === 'numbered' ? undefined : 'listType must be bullet or numbered';
    case 'task':
      if (!isText(c.text)) return 'text must be a non-empty string';
      return typeof c.checked === 'boolean' ? undefined : 'checked must be a boolean';
    case 'link':
      if (!isHttpUrl(c.url)) return 'url must be an http(s) URL';
      return c.text === undefined || isText(c.text) ? undefined : 'text must be a non-empty string when present';
  }
}

/** Every problem of the fixture at once, so that one run shows all there is to fix. */
export function fixtureProblems(fixture: Fixture): string[] {
  const problems: string[] = [];
  if (!Array.isArray(fixture.pages) || !Array.isArray(fixture.queries)) return ['pages and queries must be arrays'];
  const pageKeys = new Set<string>();
  const blockKeys = new Set<string>();
  const typesUsed = new Set<string>();
  for (const page of fixture.pages) {
    if (pageKeys.has(page.key)) problems.push(`page ${page.key}: duplicate key`);
    pageKeys.add(page.key);
    if (typeof page.title !== 'string' || page.title.length < 1 || page.title.length > 500) {
      problems.push(`page ${page.key}: title must have 1 to 500 characters`);
    }
    if (!Array.isArray(page.blocks) || page.blocks.length === 0 || page.blocks.length > 100) {
      problems.push(`page ${page.key}: 1 to 100 blocks (one batch)`);
      continue;
    }
    for (const block of page.blocks) {
      const where = `block ${block.key}`;
      if (blockKeys.has(block.key)) problems.push(`${where}: duplicate key`);
      blockKeys.add(block.key);
      if (typeof block.key !== 'string' || !block.key.startsWith(`${page.key}.b`)) {
        problems.push(`${where}: key must start with "${page.key}.b" (the page it is on)`);
      }
      if (!(FIXTURE_BLOCK_TYPES as readonly string[]).includes(block.block_type)) {
        problems.push(
          `${where}: block_type ${String(block.block_type)} is not one of ${FIXTURE_BLOCK_TYPES.join(', ')}`,
        );
        continue;
      }
      typesUsed.add(block.block_type);
      const problem = isObject(block.content)
        ? contentProblem(block.block_type, block.content)
        : 'content not an object';
      if (problem) problems.push(`${where} (${block.block_type}): ${problem}`);
    }
  }
  const missingTypes = FIXTURE_BLOCK_TYPES.filter((t) => !typesUsed.has(t));
  if (missingTypes.length > 0) problems.push(`no block of type ${missingTypes.join(', ')}`);

  const queryIds = new Set<string>();
  const perKind = new Map<string, number>();
  for (const query of fixture.queries) {
    const where = `query ${query.id}`;
    if (queryIds.has(query.id)) problems.push(`${where}: duplicate id`);
    queryIds.add(query.id);
    if (!(QUERY_KINDS as readonly string[]).includes(query.kind)) {
      problems.push(`${where}: kind ${String(query.kind)} is not one of ${QUERY_KINDS.join(', ')}`);
    }
    perKind.set(query.kind, (perKind.get(query.kind) ?? 0) + 1);
    if (typeof query.q !== 'string' || query.q.trim().length === 0 || query.q.length > 500) {
      problems.push(`${where}: q must have 1 to 500 characters`);
    }
    if (!Array.isArray(query.relevant) || query.relevant.length === 0) {
      problems.push(`${where}: no relevant block`);
      continue;
    }
    if (new Set(query.relevant).size !== query.relevant.length) problems.push(`${where}: a relevant key twice`);
    for (const key of query.relevant) {
      if (!blockKeys.has(key)) problems.push(`${where}: relevant block ${key} does not exist`);
    }
  }

  const blocks = blockKeys.size;
  if (pageKeys.size < MINIMUMS.pages) problems.push(`${pageKeys.size} pages, at least ${MINIMUMS.pages} wanted`);
  if (blocks < MINIMUMS.blocks) problems.push(`${blocks} blocks, at least ${MINIMUMS.blocks} wanted`);
  if (queryIds.size < MINIMUMS.queries) problems.push(`${queryIds.size} queries, at least ${MINIMUMS.queries} wanted`);
  for (const kind of QUERY_KINDS) {
    const n = perKind.get(kind) ?? 0;
    if (n < MINIMUMS.perKind) problems.push(`${n} ${kind} queries, at least ${MINIMUMS.perKind} wanted`);
  }
  return problems;
}

/** Reads and checks the fixture; throws with every problem listed. */
export function loadFixture(path: string): Fixture {
  const fixture = JSON.parse(readFileSync(path, 'utf8')) as Fixture;
  const problems = fixtureProblems(fixture);
  if (problems.length > 0) {
    throw new Error(`the relevance fixture ${path} is not usable:\n  - ${problems.join('\n  - ')}`);
  }
  return fixture;
}

/** One system's answer to one query, scored against the labels. */
export interface Judged {
  /** Fixture keys of the top results, best first (`?` for a block outside the fixture). */
  ranked: string[];
  /** 1-based rank of the first relevant block within the cutoff, or null. */
  firstRelevant: number | null;
  reciprocalRank: number;
  recall: number;
}

export function judge(ranked: string[], relevant: string[]): Judged {
  const top = ranked.slice(0, CUTOFF);
  const wanted = new Set(relevant);
  const index = top.findIndex((key) => wanted.has(key));
  const found = new Set(top.filter((key) => wanted.has(key))).size;
  return {
    ranked: top,
    firstRelevant: index === -1 ? null : index + 1,
    reciprocalRank: index === -1 ? 0 : 1 / (index + 1),
    recall: found / wanted.size,
  };
}

export interface Summary {
  queries: number;
  mrr: number;
  recall: number;
}

export function summarize(judged: Judged[]): Summary {
  const mean = (values: number[]): number =>
    values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
  return {
    queries: judged.length,
    mrr: mean(judged.map((j) => j.reciprocalRank)),
    recall: mean(judged.map((j) => j.recall)),
  };
}
