import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { iso } from '../../common/time';
import { Tag } from '../tag.entity';

/** Notion's named colours; any `#RRGGBB` is accepted as well. */
export const NAMED_COLORS = ['default', 'gray', 'brown', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'red'];
const COLOR = new RegExp(`^(#[0-9A-Fa-f]{6}|${NAMED_COLORS.join('|')})$`);
const COLOR_MESSAGE = `color must be #RRGGBB or one of ${NAMED_COLORS.join(', ')}`;
const NAME_MESSAGE = 'name must be 1 to 100 characters, not only spaces';

export class CreateTagDto {
  @ApiProperty({ minLength: 1, maxLength: 100, description: 'Unique in the organization, ignoring case.' })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: NAME_MESSAGE })
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '#3366FF', description: COLOR_MESSAGE })
  @IsOptional()
  @IsString()
  @Matches(COLOR, { message: COLOR_MESSAGE })
  color?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

/**
 * Partial update. `null` is validated rather than skipped: it clears color and description
 * (which allow it) and is refused for name.
 */
export class UpdateTagDto extends PartialType(CreateTagDto, { skipNullProperties: false }) {}

export class ListTagsQueryDto {
  @ApiPropertyOptional({ enum: ['usage_count', 'name'], default: 'name' })
  @IsOptional()
  @IsIn(['usage_count', 'name'], { message: 'sort_by must be usage_count or name' })
  sort_by?: 'usage_count' | 'name';
}

export class AssignTagDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'tag_id must be a UUID' })
  tag_id: string;
}

export class TagResponseDto {
  @ApiProperty({ format: 'uuid' }) tag_id: string;
  @ApiProperty() organization_id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) color: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ description: 'Number of blocks carrying the tag, counted when read.' }) usage_count: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class TagListResponseDto {
  @ApiProperty({ type: [TagResponseDto] }) tags: TagResponseDto[];
  @ApiProperty() total: number;
}

export class BlockTagsResponseDto {
  @ApiProperty({ format: 'uuid' }) block_id: string;
  @ApiProperty({ type: [TagResponseDto] }) tags: TagResponseDto[];
  @ApiProperty() total: number;
}

export class TagDeletedResponseDto {
  @ApiProperty() success: boolean;
  @ApiProperty() message: string;
  @ApiProperty({ format: 'uuid' }) tag_id: string;
}

export function toTagResponse(tag: Tag): TagResponseDto {
  return {
    tag_id: tag.id,
    organization_id: tag.organizationId,
    name: tag.name,
    color: tag.color,
    description: tag.description,
    usage_count: tag.usageCount,
    created_at: iso(tag.createdAt),
    updated_at: iso(tag.updatedAt),
  };
}
