import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const EXPORT_FORMATS = ['markdown', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportPageQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'markdown' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat = 'markdown';
}
