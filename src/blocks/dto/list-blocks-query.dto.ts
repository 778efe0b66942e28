import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { BLOCK_TYPES, type BlockType } from '../block-content';

export class PageIdQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The page; an id that is not a UUID names no page (404).' })
  @IsString({ message: 'page_id is required' })
  page_id: string;
}

export class ListBlocksQueryDto extends PageIdQueryDto {
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

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100, description: 'Out-of-range values are a 400.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 100;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset: number = 0;
}
