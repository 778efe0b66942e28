import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context';
import { CurrentAuth } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { BlockEmbeddingResponseDto } from './dto/embedding-response.dto';
import { SearchService } from './search.service';

@ApiTags('blocks')
@ApiBearerAuth()
@Controller('api/v1/ocean/blocks')
export class BlockEmbeddingController {
  constructor(private readonly search: SearchService) {}

  @Get(':id/embedding')
  @ApiOperation({
    summary: 'The block’s search embedding: its state, model and dimensions, and the text it is built from',
  })
  @ApiResponse({ status: 200, type: BlockEmbeddingResponseDto })
  @ApiErrors(404)
  embedding(
    @CurrentAuth() auth: AuthContext,
    @Param('id', new ParseIdPipe('BLOCK_NOT_FOUND')) id: string,
  ): Promise<BlockEmbeddingResponseDto> {
    return this.search.embeddingOf(auth, id);
  }
}
