import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../auth/auth-context';
import { CurrentAuth } from '../auth/decorators';
import { toBlockResponse } from '../blocks/dto/block-response.dto';
import { ApiErrors } from '../common/api-errors.decorator';
import { AppError } from '../common/errors';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { PageResponseDto, toPageResponse } from '../pages/dto/page-response.dto';
import { ExportPageQueryDto } from './dto/export-page-query.dto';
import { ImportPageQueryDto } from './dto/import-page-query.dto';
import { PageExportDto } from './dto/page-export.dto';
import { mediaTypeOf } from '../common/media-type';
import { MARKDOWN } from './markdown-body';
import { MAX_IMPORT_BLOCKS } from './markdown';
import { PageTransferService } from './page-transfer.service';
import { blockEvent, Emits, pageEvent } from '../events/emits.decorator';

const FORMAT = [
  'Markdown is CommonMark with GFM task lists: the title as `# Title`; headings `#`..`###`; paragraphs;',
  '`-`/`1.` lists; `- [ ]`/`- [x]` tasks; `[text](url)` links; page links as `[[Title]](ocean://page/<id>)`.',
  'Child blocks are indented: inside the item of a task or list, and as a block quote after any other block.',
  'An empty text block is written as `&nbsp;`.',
].join(' ');

@ApiTags('pages')
@ApiBearerAuth()
@ApiExtraModels(PageExportDto)
@Controller('api/v1/ocean/pages')
export class PageTransferController {
  /** Public for the import's events (@Emits), read outside the class. */
  constructor(readonly transfer: PageTransferService) {}

  @Get(':id/export')
  @ApiOperation({
    summary: 'Export a page with its blocks, as Markdown or as JSON',
    description: `${FORMAT} JSON is \`{page, blocks}\`, the blocks in document order. Export then import gives the same blocks back.`,
  })
  @ApiQuery({ name: 'format', required: false, enum: ['markdown', 'json'] })
  @ApiProduces('text/markdown', 'application/json')
  @ApiResponse({
    status: 200,
    description: 'The page: `text/markdown; charset=utf-8` or JSON.',
    content: {
      'text/markdown': { schema: { type: 'string' } },
      'application/json': { schema: { $ref: getSchemaPath(PageExportDto) } },
    },
  })
  @ApiErrors(400, 404)
  async export(
    @CurrentAuth() auth: AuthContext,
    @Param('id', new ParseIdPipe('PAGE_NOT_FOUND')) id: string,
    @Query() query: ExportPageQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PageExportDto | string> {
    if (query.format === 'json') {
      const { page, blocks } = await this.transfer.read(auth, id);
      return { page: toPageResponse(page), blocks: blocks.map(toBlockResponse) };
    }
    const markdown = await this.transfer.markdown(auth, id);
    void reply.header('content-type', `${MARKDOWN}; charset=utf-8`);
    return markdown;
  }

  @Post('import')
  @Emits<PageTransferController>({
    // The page, then each of its blocks in document order, as GET renders them.
    events: async ({ controller, auth, result }) => {
      const page = result as PageResponseDto;
      const { blocks } = await controller.transfer.read(auth, page.page_id);
      return [pageEvent('page.created', page), ...blocks.map((b) => blockEvent('block.created', toBlockResponse(b)))];
    },
  })
  @ApiOperation({
    summary: 'Import a Markdown document as a new page with its blocks',
    description:
      `The one route whose body is not JSON: \`text/markdown\` (UTF-8, at most 1 MiB), read as export writes it. ${FORMAT} ` +
      'A leading `# heading` is the title (the `title` parameter wins over it). What Markdown has and Ocean has not ' +
      '(tables, images, code, headings past `###`, HTML) becomes text blocks, a link to a page the organization does ' +
      `not have becomes its words; text longer than a block holds is split. At most ${MAX_IMPORT_BLOCKS} blocks ` +
      '(else 413 IMPORT_TOO_LARGE); the page and all its blocks are created in one transaction.',
  })
  @ApiConsumes(MARKDOWN)
  @ApiBody({ schema: { type: 'string' }, description: 'The Markdown document.' })
  @ApiResponse({ status: 201, type: PageResponseDto })
  @ApiErrors(400, 404, 409, 413, 415)
  async import(
    @CurrentAuth() auth: AuthContext,
    @Query() query: ImportPageQueryDto,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<PageResponseDto> {
    if (mediaTypeOf(contentType) !== MARKDOWN || (body !== undefined && typeof body !== 'string')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The request body must be text/markdown.');
    }
    const page = await this.transfer.import(auth, body ?? '', query.parent_page_id?.toLowerCase(), query.title);
    return toPageResponse(page);
  }
}
