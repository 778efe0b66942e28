import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { BLOCK_TYPES, type BlockType } from '../../blocks/block-content';
import { IsOptionalNonNull } from '../../common/validation';

export const SEARCH_TYPES = ['semantic', 'metadata', 'hybrid'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const MAX_QUERY_LENGTH = 500;
const MAX_TAGS = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A date (a whole UTC day) or a date-time with an offset or Z. */
const ISO_DATE = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,6})?)?(Z|[+-]\d\d:\d\d))?$/;

/** A comma list in a query string, or an array (or comma list) in a JSON body. */
const toList = ({ value }: { value: unknown }): unknown => {
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return value;
};

/** The parameters of GET (query string) and POST (JSON body) /search alike. */
export class SearchQueryDto {
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_QUERY_LENGTH,
    description:
      'What to look for, as a person types it. Every word may be a prefix; accents and case never matter; a typo of ' +
      'one letter (words of 4–5 letters) or two (6 or more) is corrected to a word of the organization; a page title ' +
      'word counts as context for its blocks. Quotes, &, |, !, :*, parentheses are ordinary characters, never syntax.',
  })
  @IsString({ message: 'q is required and must be a string' })
  @Matches(/\S/, { message: 'q must contain a word' })
  @MaxLength(MAX_QUERY_LENGTH, { message: `q must be at most ${MAX_QUERY_LENGTH} characters` })
  q: string;

  @ApiPropertyOptional({
    enum: SEARCH_TYPES,
    default: 'hybrid',
    description:
      'metadata: words only (full text with prefixes and typo correction). semantic: vector similarity of an ' +
      'embedding of q (400 SEMANTIC_SEARCH_UNAVAILABLE without a provider). hybrid: both, fused by reciprocal rank; ' +
      'without a working provider, the words only, with degraded: true.',
  })
  @IsOptionalNonNull()
  @IsIn(SEARCH_TYPES, { message: `search_type must be one of ${SEARCH_TYPES.join(', ')}` })
  search_type: SearchType = 'hybrid';

  @ApiPropertyOptional({
    description: 'Comma list (or, in a POST body, an array) of block types; a block of any of them matches.',
    example: 'heading,text',
    type: String,
  })
  @IsOptionalNonNull()
  @Transform(toList)
  @IsArray({ message: 'block_types must be a comma list of block types' })
  @ArrayMaxSize(BLOCK_TYPES.length)
  @IsIn(BLOCK_TYPES, { each: true, message: `block_types must be among ${BLOCK_TYPES.join(', ')}` })
  block_types?: BlockType[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only blocks of this page. A page of another organization, or none, finds nothing.',
  })
  @IsOptionalNonNull()
  @IsString()
  @Matches(UUID, { message: 'page_id must be a page id (UUID)' })
  page_id?: string;

  @ApiPropertyOptional({
    description: `Comma list (or array) of up to ${MAX_TAGS} tag ids; a block must carry every one of them.`,
    type: String,
  })
  @IsOptionalNonNull()
  @Transform(toList)
  @IsArray({ message: 'tags must be a comma list of tag ids' })
  @ArrayMaxSize(MAX_TAGS, { message: `tags must name at most ${MAX_TAGS} tags` })
  @Matches(UUID, { each: true, message: 'tags must be tag ids (UUIDs)' })
  tags?: string[];

  @ApiPropertyOptional({
    description: 'Blocks updated at or after this instant (a date means the start of that UTC day).',
    example: '2026-11-01',
  })
  @IsOptionalNonNull()
  @IsString()
  @Matches(ISO_DATE, { message: 'date_from must be an ISO 8601 date or date-time' })
  date_from?: string;

  @ApiPropertyOptional({
    description: 'Blocks updated at or before this instant (a date includes that whole UTC day).',
    example: '2026-11-30',
  })
  @IsOptionalNonNull()
  @IsString()
  @Matches(ISO_DATE, { message: 'date_to must be an ISO 8601 date or date-time' })
  date_to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptionalNonNull()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    description:
      'Lowest score a result may have. Default 0 for metadata and hybrid; semantic defaults to 0.3 (its score is ' +
      'the cosine similarity). Hybrid fuses only vector matches of at least 0.3.',
  })
  @IsOptionalNonNull()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'threshold must be a number' })
  @Min(0)
  @Max(1)
  threshold?: number;
}
