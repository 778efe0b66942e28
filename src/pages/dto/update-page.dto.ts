import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsObject, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsHttpUrl, IsOptionalNonNull } from '../../common/validation';

/** Partial update: only the fields present change; an empty body is a 400. */
export class UpdatePageDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 500 })
  @IsOptionalNonNull()
  @IsString()
  @Length(1, 500)
  title?: string;

  @ApiPropertyOptional({ type: String, maxLength: 100, nullable: true, description: 'null clears the icon.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  icon?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 2048, nullable: true, description: 'null clears the cover.' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsHttpUrl('cover_image')
  cover_image?: string | null;

  @ApiPropertyOptional()
  @IsOptionalNonNull()
  @IsBoolean()
  is_favorite?: boolean;

  @ApiPropertyOptional({ description: 'true archives the page (as DELETE does); false restores it.' })
  @IsOptionalNonNull()
  @IsBoolean()
  is_archived?: boolean;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Replaces the whole metadata object.',
  })
  @IsOptionalNonNull()
  @IsObject()
  metadata?: Record<string, unknown>;
}
