import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context';
import { CurrentAuth } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { SearchQueryDto } from './dto/search-query.dto';
import { SearchResponseDto } from './dto/search-response.dto';
import { SearchAnswer, SearchService } from './search.service';

const DESCRIPTION =
  'Blocks of live pages (archived pages and their subtrees are left out), best first. Each word of q matches its ' +
  'stems in the search language (SEARCH_LANGUAGE), any word it begins, and, when the organization has no such ' +
  'word, its nearest words of the organization; every word must match. Heading text weighs most, then body text, ' +
  'link URL words, and the page title as context. Unknown, foreign or absent page_id and tag ids find nothing.';

function toResponse(answer: SearchAnswer): SearchResponseDto {
  return {
    results: answer.hits.map((h) => ({
      block_id: h.blockId,
      page_id: h.pageId,
      page_title: h.pageTitle,
      block_type: h.blockType,
      content: h.content,
      score: h.score,
      highlights: h.highlights,
      snippet: h.snippet,
      created_at: h.createdAt,
      updated_at: h.updatedAt,
    })),
    total: answer.total,
    search_type: answer.searchType,
    query: answer.query,
    threshold: answer.threshold,
    limit: answer.limit,
    degraded: answer.degraded,
    degraded_reason: answer.degradedReason,
  };
}

@ApiTags('search')
@ApiBearerAuth()
@Controller('api/v1/ocean/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @ApiOperation({
    summary: 'Search blocks by words and meaning (parameters in the query string)',
    description: DESCRIPTION,
  })
  @ApiResponse({ status: 200, type: SearchResponseDto })
  @ApiErrors(400)
  async get(@CurrentAuth() auth: AuthContext, @Query() query: SearchQueryDto): Promise<SearchResponseDto> {
    return toResponse(await this.search.search(auth, query));
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Search blocks by words and meaning (parameters in a JSON body)', description: DESCRIPTION })
  @ApiResponse({ status: 200, type: SearchResponseDto })
  @ApiErrors(400, 413, 415)
  async post(@CurrentAuth() auth: AuthContext, @Body() body: SearchQueryDto): Promise<SearchResponseDto> {
    return toResponse(await this.search.search(auth, body));
  }
}
