import { ApiProperty } from '@nestjs/swagger';
import { Block } from '../block.entity';
import { BLOCK_TYPES } from '../block-content';

export class BlockResponseDto {
  @ApiProperty({ format: 'uuid' }) block_id: string;
  @ApiProperty({ format: 'uuid' }) page_id: string;
  @ApiProperty() organization_id: string;
  @ApiProperty() user_id: string;
  @ApiProperty({ enum: BLOCK_TYPES }) block_type: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) content: Record<string, unknown>;
  @ApiProperty({ description: 'Zero-based rank among siblings (same page and parent block).' }) position: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parent_block_id: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '`tags` always lists exactly the ids of the tags assigned to the block.',
  })
  properties: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) vector_id: string | null;
  @ApiProperty({ nullable: true, type: Number }) vector_dimensions: number | null;
  @ApiProperty({ description: 'Bumped on every write; also sent as the ETag.' }) version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class BlockListResponseDto {
  @ApiProperty({ type: [BlockResponseDto] }) blocks: BlockResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class BlockBatchResponseDto {
  @ApiProperty({ type: [BlockResponseDto] }) blocks: BlockResponseDto[];
  @ApiProperty() total: number;
}

export const etagOf = (block: Block): string => `"${block.version}"`;

export function toBlockResponse(block: Block): BlockResponseDto {
  return {
    block_id: block.id,
    page_id: block.pageId,
    organization_id: block.organizationId,
    user_id: block.userId,
    block_type: block.blockType,
    content: block.content,
    position: block.position,
    parent_block_id: block.parentBlockId,
    properties: { ...block.properties, tags: block.tagIds },
    vector_id: block.vectorId,
    vector_dimensions: block.vectorDimensions,
    version: block.version,
    created_at: block.createdAt,
    updated_at: block.updatedAt,
  };
}
