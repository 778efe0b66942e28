import { ApiProperty } from '@nestjs/swagger';
import { BlockResponseDto } from '../../blocks/dto/block-response.dto';
import { PageResponseDto } from '../../pages/dto/page-response.dto';

export class PageExportDto {
  @ApiProperty({ type: PageResponseDto })
  page: PageResponseDto;

  @ApiProperty({ type: [BlockResponseDto], description: 'Every block of the page, in document order.' })
  blocks: BlockResponseDto[];
}
