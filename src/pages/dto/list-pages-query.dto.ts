import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.dto';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListPagesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'A page id for its children, or the word null for root pages.', example: 'null' })
  @IsOptional()
  @IsString()
  @Matches(/^(null|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'parent_page_id must be a UUID or null',
  })
  parent_page_id?: string;

  @ApiPropertyOptional({ description: 'true lists archived pages (the trash); default lists live pages.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'is_archived must be true or false' })
  is_archived?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'is_favorite must be true or false' })
  is_favorite?: boolean;
}
