import { Injectable } from '@nestjs/common';
import type { BlockType } from '../blocks/block-content';
import type { OrgScope } from '../common/org-scope';
import { selectWithIsoTimes } from '../database/api-rows';
import { Db } from '../database/db';
import type { AnalysedWord, TextQuery } from './search-query';

/** The most words of `q` that are searched for; the rest are ignored. */
export const MAX_QUERY_WORDS = 32;

/** Misspelt words of at most this length are corrected (fuzzystrmatch's limit is 255). */
const MAX_CORRECTED_LENGTH = 40;

/** Matches ranked by ts_rank_cd when there is no threshold (the others by ts_rank only). */
const SHORTLIST = 200;

/** ts_rank_cd's weights for D (page title), C (URL words), B (body text) and A (heading text). */
const WEIGHTS = '{0.1, 0.3, 0.6, 1.0}';

export interface SearchFilter {
  blockTypes?: BlockType[];
  pageId?: string;
  tagIds?: string[];
  /** Inclusive bounds on updated_at. */
  updatedFrom?: string;
  updatedTo?: string;
  threshold: number;
  limit: number;
}

export interface TextHit {
  blockId: string;
  pageId: string;
  pageTitle: string;
  blockType: BlockType;
  content: Record<string, unknown>;
  score: number;
  /** The block's own words (what highlights and the snippet are taken from). */
  text: string;
  createdAt: string;
  updatedAt: string;
}

/** What a result shows of block `b` on page `p`, with the block's text (for highlights and snippet). */
const HIT_COLUMNS = `b.block_id, b.page_id, p.title AS page_title, b.block_type, b.content, b.created_at, b.updated_at,
  ocean_block_text(b.block_type, b.content) AS text`;

function hitOf(r: Record<string, unknown>, score: number): TextHit {
  return {
    blockId: r.block_id as string,
    pageId: r.page_id as string,
    pageTitle: r.page_title as string,
    blockType: r.block_type as BlockType,
    content: r.content as Record<string, unknown>,
    score,
    text: r.text as string,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}

/**
 * The conditions of a search's filters on block_search `s` ($1 is the organization): its page
 * is kept there; block type and dates are the blocks' own, asked only when filtered on.
 */
function textConditions(filter: SearchFilter, param: (value: unknown) => string): string[] {
  const where: string[] = [];
  if (filter.pageId) where.push(`s.page_id = ${param(filter.pageId)}::uuid`);
  const own: string[] = [];
  if (filter.blockTypes?.length) own.push(`b.block_type = ANY(${param(filter.blockTypes)}::text[])`);
  if (filter.updatedFrom) own.push(`b.updated_at >= ${param(filter.updatedFrom)}::timestamptz`);
  if (filter.updatedTo) own.push(`b.updated_at <= ${param(filter.updatedTo)}::timestamptz`);
  if (own.length) {
    where.push(`EXISTS (SELECT 1 FROM blocks b WHERE b.organization_id = $1 AND b.block_id = s.block_id
      AND ${own.join(' AND ')})`);
  }
  if (filter.tagIds?.length) where.push(tagCondition(filter.tagIds, 's', param));
  return where;
}

/** Every one of the tags is assigned to the block `alias`.block_id. */
function tagCondition(tagIds: string[], alias: string, param: (value: unknown) => string): string {
  return `NOT EXISTS (
    SELECT 1 FROM unnest(${param(tagIds)}::uuid[]) AS wanted(tag_id)
    WHERE NOT EXISTS (SELECT 1 FROM block_tags bt
      WHERE bt.organization_id = $1 AND bt.block_id = ${alias}.block_id AND bt.tag_id = wanted.tag_id))`;
}

/**
 * The conditions of a search's filters on blocks `b` and their pages `p` ($1 is the
 * organization): live pages only, then the caller's filters. `param` adds a parameter.
 */
export function filterConditions(filter: SearchFilter, param: (value: unknown) => string): string[] {
  const where = ['NOT p.is_archived', 'NOT p.in_archived_subtree'];
  if (filter.blockTypes?.length) where.push(`b.block_type = ANY(${param(filter.blockTypes)}::text[])`);
  if (filter.pageId) where.push(`b.page_id = ${param(filter.pageId)}::uuid`);
  if (filter.updatedFrom) where.push(`b.updated_at >= ${param(filter.updatedFrom)}::timestamptz`);
  if (filter.updatedTo) where.push(`b.updated_at <= ${param(filter.updatedTo)}::timestamptz`);
  if (filter.tagIds?.length) where.push(tagCondition(filter.tagIds, 'b', param));
  return where;
}

/**
 * Full-text search over block_search (written by the search migration's triggers), and the
 * organization's vocabulary for typo correction. It reads blocks and pages too: a search is a
 * read model across the content, joined where the filters and the answer need them, and
 * every table is scoped by the organization.
 */
@Injectable()
export class SearchRepository {
  constructor(private readonly db: Db) {}

  /**
   * The words of `q` as the index sees them (the same parser and dictionaries; a word repeated
   * counts once, and operators are only punctuation to the parser), each with its
   * stems and, when it is no word or word prefix of the organization (nor a stem of one), the
   * nearest words of its vocabulary by trigram distance that are at most one edit away (a word
   * of 4 or 5 letters) or two (6 or more) — as a whole word, or as the start of a longer word
   * being typed.
   */
  async analyse(scope: OrgScope, q: string): Promise<AnalysedWord[]> {
    const rows = await selectWithIsoTimes<{ word: string; stems: string[]; corrections: string[] }>(
      this.db.tx,
      `WITH words AS (
         SELECT w.lexeme AS word, w.positions[1] AS ord,
           ARRAY(SELECT lexeme FROM unnest(to_tsvector('ocean_search', w.lexeme))) AS stems
         FROM unnest(to_tsvector('ocean_simple', $2)) AS w
         ORDER BY w.positions[1] LIMIT ${MAX_QUERY_WORDS}
       ), known AS (
         SELECT w.*, EXISTS (
           SELECT 1 FROM unnest(w.stems || w.word) AS f(form)
           WHERE EXISTS (
             -- A range on the primary key (COLLATE "C": byte order), so each form is one index probe.
             SELECT 1 FROM search_vocabulary v
             WHERE v.organization_id = $1 AND v.word >= f.form COLLATE "C"
               AND v.word < (f.form || U&'\\+10FFFF') COLLATE "C")
         ) AS known
         FROM words w
       )
       SELECT k.word, k.stems, CASE
         WHEN k.known OR length(k.word) NOT BETWEEN 4 AND ${MAX_CORRECTED_LENGTH}
           OR k.word ~ '[0-9!-/:-@[-\`{-~]' THEN '{}'::text[]
         ELSE ARRAY(
           SELECT c.word FROM (
             SELECT v.word FROM search_vocabulary v
             WHERE v.organization_id = $1 ORDER BY v.word <-> k.word LIMIT 12
           ) c
           CROSS JOIN LATERAL (SELECT least(levenshtein(c.word, k.word),
             levenshtein(left(c.word, length(k.word)), k.word) + 1) AS edits) e
           WHERE e.edits <= CASE WHEN length(k.word) >= 6 THEN 2 ELSE 1 END
           ORDER BY e.edits, c.word LIMIT 3)
       END AS corrections
       FROM known k ORDER BY k.ord`,
      [scope.organizationId, q],
    );
    return rows.map((r) => ({ word: r.word, stems: r.stems, corrections: r.corrections }));
  }

  /** The best `limit` blocks matching `query` at or above the threshold, and how many match. */
  async search(scope: OrgScope, query: TextQuery, filter: SearchFilter): Promise<{ hits: TextHit[]; total: number }> {
    const params: unknown[] = [scope.organizationId, query.match];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = textConditions(filter, param);
    const threshold = param(filter.threshold);
    const limit = param(filter.limit);
    const found = `SELECT s.block_id, s.document FROM block_search s
         WHERE s.organization_id = $1 AND s.document @@ $2::tsquery AND s.live
           ${where.map((w) => `AND ${w}`).join('\n')}`;
    const rankCd = (alias: string) => `ts_rank_cd('${WEIGHTS}', ${alias}.document, $2::tsquery, 32)`;
    // Without a threshold, every match is counted and ranked by ts_rank, the cheaper rank (cover
    // density costs twice as much with prefix operands), and the best SHORTLIST of them by
    // ts_rank_cd, which orders and scores the answer. With one, ts_rank_cd decides what counts.
    const ranked =
      filter.threshold === 0
        ? `matched AS MATERIALIZED (${found}),
           shortlist AS (
             SELECT t.block_id, ${rankCd('t')} AS score FROM (
               SELECT m.block_id, m.document FROM matched m
               ORDER BY ts_rank('${WEIGHTS}', m.document, $2::tsquery, 32) DESC, m.block_id
               LIMIT ${Math.max(SHORTLIST, filter.limit * 4)}) t
           ), ranked AS (
             SELECT block_id, score, (SELECT count(*) FROM matched) AS total FROM shortlist
             WHERE score >= ${threshold} ORDER BY score DESC, block_id LIMIT ${limit}
           )`
        : `matched AS MATERIALIZED (SELECT f.block_id, ${rankCd('f')} AS score FROM (${found}) f),
           ranked AS (
             SELECT block_id, score, count(*) OVER () AS total FROM matched
             WHERE score >= ${threshold} ORDER BY score DESC, block_id LIMIT ${limit}
           )`;
    const rows = await selectWithIsoTimes<Record<string, unknown>>(
      this.db.tx,
      `WITH ${ranked}
       SELECT r.score, r.total::int, ${HIT_COLUMNS}
       FROM ranked r
       JOIN blocks b ON b.organization_id = $1 AND b.block_id = r.block_id
       JOIN pages p ON p.organization_id = $1 AND p.page_id = b.page_id
       ORDER BY r.score DESC, r.block_id`,
      params,
    );
    const hits = rows.map((r) => hitOf(r, Number(r.score)));
    return { hits, total: rows.length ? Number(rows[0].total) : 0 };
  }

  /**
   * The results of blocks found otherwise (by their meaning), in the order of `scores`. Blocks
   * since deleted are left out.
   */
  async hydrate(scope: OrgScope, scores: Map<string, number>): Promise<TextHit[]> {
    if (scores.size === 0) return [];
    const rows = await selectWithIsoTimes<Record<string, unknown>>(
      this.db.tx,
      `SELECT ${HIT_COLUMNS} FROM blocks b
       JOIN pages p ON p.organization_id = $1 AND p.page_id = b.page_id
       WHERE b.organization_id = $1 AND b.block_id = ANY($2::uuid[])`,
      [scope.organizationId, [...scores.keys()]],
    );
    const byId = new Map(rows.map((r) => [r.block_id as string, r]));
    return [...scores].filter(([id]) => byId.has(id)).map(([id, score]) => hitOf(byId.get(id)!, score));
  }

  /** Those of `blockIds` that pass the filters, in no particular order. */
  async passing(scope: OrgScope, blockIds: string[], filter: SearchFilter): Promise<Set<string>> {
    const params: unknown[] = [scope.organizationId, blockIds];
    const where = filterConditions(filter, (value) => {
      params.push(value);
      return `$${params.length}`;
    });
    const rows: Array<{ block_id: string }> = await this.db.tx.query(
      `SELECT b.block_id FROM blocks b JOIN pages p ON p.organization_id = b.organization_id AND p.page_id = b.page_id
       WHERE b.organization_id = $1 AND b.block_id = ANY($2::uuid[]) AND ${where.join(' AND ')}`,
      params,
    );
    return new Set(rows.map((r) => r.block_id));
  }
}
