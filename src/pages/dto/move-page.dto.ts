import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { IsOptionalNonNull } from '../../common/validation';

export class MovePageDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The new parent page, or null to make it a root page.',
  })
  @IsDefined({ message: 'new_parent_id is required (a page id, or null for the root)' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all')
  new_parent_id: string | null;

  @ApiPropertyOptional({
    minimum: 0,
    description: 'Zero-based place among the new siblings; absent, or past the end, places the page last.',
  })
  @IsOptionalNonNull()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position?: number;
}
