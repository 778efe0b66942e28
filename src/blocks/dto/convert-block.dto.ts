import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { BLOCK_TYPES, type BlockType } from '../block-content';

export class ConvertBlockDto {
  @ApiProperty({ enum: BLOCK_TYPES })
  @IsIn(BLOCK_TYPES, { message: `new_type must be one of ${BLOCK_TYPES.join(', ')}` })
  new_type: BlockType;
}
