import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class ImportPageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The parent page of the new page; absent for a root page.' })
  @IsOptional()
  @IsUUID('all')
  parent_page_id?: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 500,
    description: "The new page's title; absent: the document's leading `# heading`, else 'Untitled'.",
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  title?: string;
}
