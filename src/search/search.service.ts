import { Inject, Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { AuthContext } from '../auth/auth-context';
import { AppError, invalidField } from '../common/errors';
import { OrgScope } from '../common/org-scope';
import { BlockEmbeddingResponseDto } from './dto/embedding-response.dto';
import { SearchQueryDto, SearchType } from './dto/search-query.dto';
import { EmbeddingsRepository } from './embeddings.repository';
import { EMBED_QUEUE } from './embedding-worker';
import { JobsRepository } from '../jobs/jobs.repository';
import { EmbeddingsError, EmbeddingsProvider } from './embeddings/embeddings-provider';
import { buildTextQuery, excerpt, TextQuery } from './search-query';
import { SearchFilter, SearchRepository, TextHit } from './search.repository';
import { EMBEDDINGS_PROVIDER, VECTOR_INDEX } from './search.tokens';
import type { VectorIndex } from './vector-index';

export interface SearchHit extends Omit<TextHit, 'text'> {
  highlights: string[];
  snippet: string;
}

export type DegradedReason = 'not_configured' | 'unavailable';

export interface SearchAnswer {
  hits: SearchHit[];
  total: number;
  searchType: SearchType;
  query: string;
  threshold: number;
  limit: number;
  degraded: boolean;
  degradedReason: DegradedReason | null;
}

/** Lowest cosine similarity of a semantic result unless the caller sets a threshold. */
export const SEMANTIC_THRESHOLD = 0.3;
/** Reciprocal rank fusion: k, and how many of each list take part. */
export const RRF_K = 60;
export const FUSION_DEPTH = 50;
/** How long a search waits for the embedding of its query. */
const QUERY_EMBEDDING_TIMEOUT_MS = 2000;

const DATE_ONLY = /^\d{4}-\d\d-\d\d$/;

/**
 * The instant of an ISO date or date-time, checked as a calendar date (2026-02-30 is no date);
 * a date alone is the start of that UTC day, or its last microsecond for an upper bound.
 */
function instantOf(field: string, value: string, endOfDay: boolean): string {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  const time = new Date(value);
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d || isNaN(time.getTime())) {
    throw invalidField(field, `${field} must be an ISO 8601 date or date-time`);
  }
  if (!DATE_ONLY.test(value)) return value;
  return endOfDay ? `${value}T23:59:59.999999Z` : `${value}T00:00:00Z`;
}

const withHighlights =
  (query: TextQuery | null) =>
  ({ text, ...hit }: TextHit): SearchHit => ({ ...hit, ...excerpt(text, query?.forms ?? []) });

/**
 * Reciprocal rank fusion of ranked lists of block ids: Σ 1 / (k + rank), divided by the best
 * possible sum (first in every list), so that scores are 0..1.
 */
export function fuse(lists: string[][], k = RRF_K): Map<string, number> {
  const scores = new Map<string, number>();
  for (const list of lists) {
    list.forEach((id, i) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + i + 1)));
  }
  const best = lists.length / (k + 1);
  return new Map([...scores].map(([id, s]) => [id, s / best] as const).sort((a, b) => b[1] - a[1]));
}

@Injectable()
export class SearchService {
  private readonly logger = new Logger('Search');
  private readonly queryVectors = new LRUCache<string, Float32Array>({ max: 2000, ttl: 10 * 60 * 1000 });

  constructor(
    private readonly repository: SearchRepository,
    private readonly embeddings: EmbeddingsRepository,
    private readonly jobs: JobsRepository,
    @Inject(EMBEDDINGS_PROVIDER) private readonly provider: EmbeddingsProvider | null,
    @Inject(VECTOR_INDEX) private readonly vectors: VectorIndex,
  ) {}

  async search(auth: AuthContext, dto: SearchQueryDto): Promise<SearchAnswer> {
    const filter = this.filterOf(dto);
    const scope = OrgScope.of(auth);
    const answer = { searchType: dto.search_type, query: dto.q, limit: filter.limit };
    if (dto.search_type === 'semantic') {
      if (!this.provider) throw new AppError('SEMANTIC_SEARCH_UNAVAILABLE');
      const threshold = dto.threshold ?? SEMANTIC_THRESHOLD;
      const vector = await this.embedQuery(scope, dto.q);
      if (!vector) throw new AppError('EMBEDDINGS_UNAVAILABLE', undefined, undefined, { 'retry-after': '30' });
      const matches = await this.vectors.nearest(scope, {
        model: this.provider.model,
        vector,
        filter,
        minSimilarity: threshold,
        limit: filter.limit,
      });
      const scores = new Map(matches.map((m) => [m.blockId, Math.max(0, m.similarity)]));
      const hits = (await this.repository.hydrate(scope, scores)).map(withHighlights(null));
      return { ...answer, hits, total: hits.length, threshold, degraded: false, degradedReason: null };
    }
    const threshold = dto.threshold ?? 0;
    const textQuery = buildTextQuery(await this.repository.analyse(scope, dto.q));
    if (dto.search_type === 'metadata') {
      const { hits, total } = await this.words(scope, textQuery, { ...filter, threshold });
      return { ...answer, hits, total, threshold, degraded: false, degradedReason: null };
    }
    return { ...answer, threshold, ...(await this.hybrid(scope, dto.q, textQuery, { ...filter, threshold })) };
  }

  async embeddingOf(auth: AuthContext, blockId: string): Promise<BlockEmbeddingResponseDto> {
    const scope = OrgScope.of(auth);
    const text = await this.embeddings.textOf(scope, blockId);
    if (text === null) throw new AppError('BLOCK_NOT_FOUND');
    const [info, job] = await Promise.all([
      this.embeddings.info(scope, blockId),
      this.jobs.status(scope, EMBED_QUEUE, blockId),
    ]);
    const current = info !== null && info.model === this.provider?.model && job?.state === 'done';
    return {
      block_id: blockId,
      has_embedding: current,
      vector_id: current ? info.contentHash : null,
      vector_dimensions: current ? info.dimensions : null,
      model: current ? info.model : null,
      searchable_text: text,
      status: this.provider ? (job?.state ?? 'pending') : 'not_configured',
      attempts: job?.attempts ?? 0,
      last_error: job?.lastError ?? null,
      embedded_at: current ? info.updatedAt : null,
    };
  }

  private async hybrid(
    scope: OrgScope,
    q: string,
    textQuery: TextQuery | null,
    filter: SearchFilter,
  ): Promise<Pick<SearchAnswer, 'hits' | 'total' | 'degraded' | 'degradedReason'>> {
    const provider = this.provider;
    const vector = provider ? await this.embedQuery(scope, q) : null;
    if (!provider || !vector) {
      const { hits, total } = await this.words(scope, textQuery, filter);
      return { hits, total, degraded: true, degradedReason: provider ? 'unavailable' : 'not_configured' };
    }
    const depth = Math.max(FUSION_DEPTH, filter.limit);
    const [words, meaning] = await Promise.all([
      this.words(scope, textQuery, { ...filter, threshold: 0, limit: depth }),
      this.vectors.nearest(scope, {
        model: provider.model,
        vector,
        filter,
        minSimilarity: SEMANTIC_THRESHOLD,
        limit: depth,
      }),
    ]);
    const fused = fuse([words.hits.map((h) => h.blockId), meaning.map((m) => m.blockId)]);
    const kept = [...fused].filter(([, score]) => score >= filter.threshold);
    const top = new Map(kept.slice(0, filter.limit));
    const byText = new Map(words.hits.map((h) => [h.blockId, h]));
    const missing = new Map([...top].filter(([id]) => !byText.has(id)));
    const found = new Map(
      (await this.repository.hydrate(scope, missing)).map((h) => [h.blockId, withHighlights(textQuery)(h)]),
    );
    const hits = [...top]
      .map(([id, score]) => {
        const hit = byText.get(id) ?? found.get(id);
        return hit ? { ...hit, score } : undefined;
      })
      .filter((h): h is SearchHit => h !== undefined);
    return { hits, total: kept.length, degraded: false, degradedReason: null };
  }

  private async words(
    scope: OrgScope,
    query: TextQuery | null,
    filter: SearchFilter,
  ): Promise<{ hits: SearchHit[]; total: number }> {
    if (!query) return { hits: [], total: 0 };
    const { hits, total } = await this.repository.search(scope, query, filter);
    return { hits: hits.map(withHighlights(query)), total };
  }

  /** The query's vector, or null when the provider is down (its breaker open, an error, a timeout). */
  private async embedQuery(scope: OrgScope, q: string): Promise<Float32Array | null> {
    const provider = this.provider!;
    // Per organization: a shared entry would tell one organization what another searched for.
    const key = JSON.stringify([scope.organizationId, provider.model, q]);
    const cached = this.queryVectors.get(key);
    if (cached) return cached;
    if (!provider.isAvailable()) return null;
    try {
      const [vector] = await provider.embed([q], AbortSignal.timeout(QUERY_EMBEDDING_TIMEOUT_MS));
      this.queryVectors.set(key, vector);
      return vector;
    } catch (err) {
      if (!(err instanceof EmbeddingsError)) this.logger.warn(`query embedding failed: ${(err as Error).name}`);
      return null;
    }
  }

  private filterOf(dto: SearchQueryDto): SearchFilter {
    const updatedFrom = dto.date_from === undefined ? undefined : instantOf('date_from', dto.date_from, false);
    const updatedTo = dto.date_to === undefined ? undefined : instantOf('date_to', dto.date_to, true);
    if (updatedFrom && updatedTo && new Date(updatedFrom) > new Date(updatedTo)) {
      throw invalidField('date_to', 'date_to must not be before date_from');
    }
    return {
      blockTypes: dto.block_types,
      pageId: dto.page_id?.toLowerCase(),
      tagIds: dto.tags?.map((t) => t.toLowerCase()),
      updatedFrom,
      updatedTo,
      threshold: dto.threshold ?? 0,
      limit: dto.limit,
    };
  }
}
