import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PaginationQuery } from '../../common/pagination.dto';
import { BLOCK_TYPES, type BlockType } from '../block-content';

export class PageIdQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The page; an id that is not a UUID names no page (404).' })
  @IsString({ message: 'page_id is required' })
  page_id: string;
}

/** Blocks list a whole page: limit 1..500, default 100. */
export class ListBlocksQueryDto extends IntersectionType(PageIdQueryDto, PaginationQuery(500, 100)) {
  @ApiPropertyOptional({ enum: BLOCK_TYPES })
  @IsOptional()
  @IsIn(BLOCK_TYPES, { message: `block_type must be one of ${BLOCK_TYPES.join(', ')}` })
  block_type?: BlockType;

  @ApiPropertyOptional({ description: 'A block id for its children, or the word null for top-level blocks.' })
  @IsOptional()
  @IsString()
  @Matches(/^(null|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'parent_block_id must be a UUID or null',
  })
  parent_block_id?: string;
}
