import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNonNull } from '../../common/validation';
import { BLOCK_TYPES, MAX_TEXT_LENGTH, type BlockType } from '../block-content';

const CONTENT_DOC =
  'Per type: text {text}; heading {text, level 1..3}; list {items: string[], listType: bullet|numbered}; ' +
  `task {text, checked}; link {url (http/https), text?}; page_link {linkedPageId, displayText?}. ` +
  `Texts are at most ${MAX_TEXT_LENGTH} characters; unknown fields are refused. ` +
  'A page_link block keeps one link (link_type mention, is_page_link true) to its linkedPageId, so the ' +
  'page lists it among its backlinks: made on create, moved when linkedPageId changes, removed when the ' +
  'block becomes another type or is deleted.';

export class CreateBlockDto {
  @ApiProperty({ enum: BLOCK_TYPES })
  @IsIn(BLOCK_TYPES, { message: `block_type must be one of ${BLOCK_TYPES.join(', ')}` })
  block_type: BlockType;

  @ApiProperty({ type: 'object', additionalProperties: true, description: CONTENT_DOC, example: { text: 'Hello' } })
  @IsObject()
  content: Record<string, unknown>;

  @ApiPropertyOptional({
    minimum: 0,
    description: 'Place among siblings (same parent); absent or past the end → last.',
  })
  @IsOptionalNonNull()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position?: number;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A block of the same page to nest under.',
  })
  @IsOptional()
  @IsUUID('all')
  parent_block_id?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Free-form object (64 KiB at most). `tags` is managed by the tag routes and ignored here.',
  })
  @IsOptionalNonNull()
  @IsObject()
  properties?: Record<string, unknown>;
}

export class BatchCreateBlocksDto {
  @ApiProperty({ type: [CreateBlockDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CreateBlockDto)
  blocks: CreateBlockDto[];
}
