import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `limit` (1..max, default) and `offset`; out-of-range values are a 400, never clamped. */
export function PaginationQuery(maxLimit: number, defaultLimit: number) {
  class PaginationQuery {
    @ApiPropertyOptional({
      minimum: 1,
      maximum: maxLimit,
      default: defaultLimit,
      description: 'Out-of-range values are a 400, never clamped.',
    })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(maxLimit)
    limit: number = defaultLimit;

    @ApiPropertyOptional({ minimum: 0, default: 0 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(0)
    @Max(1_000_000)
    offset: number = 0;
  }
  return PaginationQuery;
}

/** The API's lists: limit 1..100, default 50. */
export class PaginationQueryDto extends PaginationQuery(100, 50) {}
