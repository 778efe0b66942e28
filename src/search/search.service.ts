import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { AppError, invalidField } from '../common/errors';
import { OrgScope } from '../common/org-scope';
import { SearchQueryDto, SearchType } from './dto/search-query.dto';
import { buildTextQuery, markedWords } from './search-query';
import { SearchFilter, SearchRepository, TextHit } from './search.repository';

export interface SearchHit extends Omit<TextHit, 'marked'> {
  highlights: string[];
}

export interface SearchAnswer {
  hits: SearchHit[];
  total: number;
  searchType: SearchType;
  query: string;
  threshold: number;
  limit: number;
  degraded: boolean;
  degradedReason: 'not_configured' | 'unavailable' | null;
}

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

@Injectable()
export class SearchService {
  constructor(private readonly repository: SearchRepository) {}

  async search(auth: AuthContext, dto: SearchQueryDto): Promise<SearchAnswer> {
    const filter = this.filterOf(dto);
    const scope = OrgScope.of(auth);
    if (dto.search_type === 'semantic') throw new AppError('SEMANTIC_SEARCH_UNAVAILABLE');
    const { hits, total } = await this.words(scope, dto.q, filter);
    const degraded = dto.search_type === 'hybrid';
    return {
      hits,
      total,
      searchType: dto.search_type,
      query: dto.q,
      threshold: filter.threshold,
      limit: filter.limit,
      degraded,
      degradedReason: degraded ? 'not_configured' : null,
    };
  }

  private async words(scope: OrgScope, q: string, filter: SearchFilter): Promise<{ hits: SearchHit[]; total: number }> {
    const query = buildTextQuery(await this.repository.analyse(scope, q));
    if (!query) return { hits: [], total: 0 };
    const { hits, total } = await this.repository.search(scope, query, filter);
    return { hits: hits.map(({ marked, ...hit }) => ({ ...hit, highlights: markedWords(marked) })), total };
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
