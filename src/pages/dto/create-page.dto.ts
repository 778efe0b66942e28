import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { IsHttpUrl, IsOptionalNonNull } from '../../common/validation';

export class CreatePageDto {
  @ApiProperty({ minLength: 1, maxLength: 500, example: 'Product roadmap' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiPropertyOptional({ type: String, maxLength: 100, nullable: true, example: '🗺️' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  icon?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 2048, nullable: true, example: 'https://example.com/cover.png' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsHttpUrl('cover_image')
  cover_image?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The parent page; absent or null for a root page.',
  })
  @IsOptional()
  @IsUUID('all')
  parent_page_id?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Free-form JSON object (the whole body is capped at 1 MiB and 32 levels of nesting).',
  })
  @IsOptionalNonNull()
  @IsObject()
  metadata?: Record<string, unknown>;
}
