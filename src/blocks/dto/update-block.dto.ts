import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, Max, Min } from 'class-validator';
import { IsOptionalNonNull } from '../../common/validation';
import { BLOCK_TYPES, type BlockType } from '../block-content';

/**
 * Partial update. A new block_type without content converts the current content (as
 * /convert does); with content, the content must fit the new type.
 */
export class UpdateBlockDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptionalNonNull()
  @IsObject()
  content?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Replaces the properties (except `tags`).',
  })
  @IsOptionalNonNull()
  @IsObject()
  properties?: Record<string, unknown>;

  @ApiPropertyOptional({ minimum: 0, description: 'New place among the current siblings.' })
  @IsOptionalNonNull()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position?: number;

  @ApiPropertyOptional({ enum: BLOCK_TYPES })
  @IsOptionalNonNull()
  @IsIn(BLOCK_TYPES, { message: `block_type must be one of ${BLOCK_TYPES.join(', ')}` })
  block_type?: BlockType;
}
