import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class MoveBlockDto {
  @ApiProperty({ minimum: 0, description: 'Place among the new siblings; past the end → last.' })
  @IsDefined()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  new_position: number;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A block of the same page to nest under; null for the top level; absent keeps the current parent.',
  })
  @IsOptional()
  @IsUUID('all')
  parent_block_id?: string | null;
}
