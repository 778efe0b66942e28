import { ApiProperty } from '@nestjs/swagger';
import { BLOCK_TYPES } from '../../blocks/block-content';
import { SEARCH_TYPES } from './search-query.dto';

export class SearchResultDto {
  @ApiProperty({ format: 'uuid' }) block_id: string;
  @ApiProperty({ format: 'uuid' }) page_id: string;
  @ApiProperty() page_title: string;
  @ApiProperty({ enum: BLOCK_TYPES }) block_type: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) content: Record<string, unknown>;
  @ApiProperty({
    minimum: 0,
    maximum: 1,
    description:
      'metadata: ts_rank_cd (weights: heading 1.0, body 0.6, link URL words 0.3, page title 0.1) mapped to 0..1 as ' +
      'rank / (rank + 1). semantic: the cosine similarity, clamped at 0. hybrid: reciprocal rank fusion, ' +
      'Σ 1 / (60 + rank) over the two lists, divided by its largest possible value 2 / 61.',
  })
  score: number;
  @ApiProperty({
    type: [String],
    description:
      'The words of the block that matched, as they stand in it (a stemmed, accent-free, prefix or corrected match ' +
      'names the block’s own word). Empty when only the page title or the meaning matched.',
  })
  highlights: string[];
  @ApiProperty({ description: 'A short excerpt around the first match, the matches marked **like this**.' })
  snippet: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class SearchResponseDto {
  @ApiProperty({ type: [SearchResultDto], description: 'Best first.' }) results: SearchResultDto[];
  @ApiProperty({
    description:
      'metadata: how many blocks match at or above the threshold (results holds the first limit). semantic: how ' +
      'many results there are (the nearest blocks are looked for, not counted). hybrid with a provider: how many ' +
      'blocks the two fused lists (each of max(50, limit)) hold at or above the threshold; degraded: as metadata.',
  })
  total: number;
  @ApiProperty({ enum: SEARCH_TYPES }) search_type: string;
  @ApiProperty() query: string;
  @ApiProperty() threshold: number;
  @ApiProperty() limit: number;
  @ApiProperty({
    description:
      'true when the vector part of a hybrid search was skipped: no embeddings provider is configured, or it is ' +
      'failing. The results are then those of metadata.',
  })
  degraded: boolean;
  @ApiProperty({
    enum: ['not_configured', 'unavailable'],
    nullable: true,
    type: String,
    description:
      'Why the answer is degraded: not_configured (no provider; the deployment’s choice) or unavailable (the ' +
      'provider is failing; retry later). null when not degraded.',
  })
  degraded_reason: 'not_configured' | 'unavailable' | null;
}
