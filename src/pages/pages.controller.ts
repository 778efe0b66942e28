import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context';
import { CurrentAuth } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { AppError } from '../common/errors';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { CreatePageDto } from './dto/create-page.dto';
import { ListPagesQueryDto } from './dto/list-pages-query.dto';
import { MovePageDto } from './dto/move-page.dto';
import { BacklinksResponseDto } from '../links/dto/link.dto';
import { LinksService } from '../links/links.service';
import { PageListResponseDto, PageResponseDto, toPageResponse } from './dto/page-response.dto';
import { UpdatePageDto } from './dto/update-page.dto';
import { PagesService } from './pages.service';
import { Emits, existing, pageEvent } from '../events/emits.decorator';

const PageId = (): ParameterDecorator => Param('id', new ParseIdPipe('PAGE_NOT_FOUND'));

@ApiTags('pages')
@ApiBearerAuth()
@Controller('api/v1/ocean/pages')
export class PagesController {
  constructor(
    private readonly pages: PagesService,
    private readonly links: LinksService,
  ) {}

  @Post()
  @Emits({ events: ({ result }) => [pageEvent('page.created', result as PageResponseDto)] })
  @ApiOperation({ summary: 'Create a page, appended last among its siblings' })
  @ApiResponse({ status: 201, type: PageResponseDto })
  @ApiErrors(400, 404, 409, 413, 415)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: CreatePageDto): Promise<PageResponseDto> {
    return toPageResponse(await this.pages.create(auth, dto));
  }

  @Get()
  @ApiOperation({
    summary: 'List pages in sibling order',
    description:
      'Archived pages and pages under an archived ancestor are hidden unless is_archived=true. ' +
      'Without parent_page_id, pages are grouped by parent (root pages first), each group in position order.',
  })
  @ApiResponse({ status: 200, type: PageListResponseDto })
  @ApiErrors(400, 403)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ListPagesQueryDto): Promise<PageListResponseDto> {
    const { pages, total } = await this.pages.list(auth, query);
    return { pages: pages.map(toPageResponse), total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a page' })
  @ApiResponse({ status: 200, type: PageResponseDto })
  @ApiErrors(404)
  async get(@CurrentAuth() auth: AuthContext, @PageId() id: string): Promise<PageResponseDto> {
    return toPageResponse(await this.pages.get(auth, id));
  }

  @Put(':id')
  @Emits({
    // A change of nothing but is_archived is an archive or a restore; any other is an update.
    events: ({ body, result }) => {
      const fields = Object.keys(body as object).filter((k) => (body as Record<string, unknown>)[k] !== undefined);
      const archived = (body as { is_archived?: unknown }).is_archived;
      const type =
        fields.length === 1 && fields[0] === 'is_archived'
          ? archived === true
            ? 'page.archived'
            : 'page.restored'
          : 'page.updated';
      return [pageEvent(type, result as PageResponseDto)];
    },
  })
  @ApiOperation({ summary: 'Update some fields of a page (an empty body is a 400)' })
  @ApiResponse({ status: 200, type: PageResponseDto })
  @ApiErrors(400, 404, 413, 415)
  async update(
    @CurrentAuth() auth: AuthContext,
    @PageId() id: string,
    @Body() dto: UpdatePageDto,
  ): Promise<PageResponseDto> {
    return toPageResponse(await this.pages.update(auth, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @Emits<PagesController>({
    before: ({ controller, auth, params }) => existing(params.id, (id) => controller.get(auth, id)),
    events: async ({ controller, auth, query, before }) => {
      const page = before as PageResponseDto | null;
      if (!page) return [];
      if (query.permanent === 'true') {
        return [
          { type: 'page.deleted', resourceId: page.page_id, pageId: page.page_id, data: { page_id: page.page_id } },
        ];
      }
      // Archiving an archived page changes nothing.
      if (page.is_archived) return [];
      return [pageEvent('page.archived', await controller.get(auth, page.page_id))];
    },
  })
  @ApiOperation({
    summary: 'Archive a page, or purge an archived one',
    description:
      'Without `permanent`, archives the page (its subtree is hidden with it). With permanent=true, deletes an ' +
      'archived page with its whole subtree in one transaction; a page that is not archived answers 409 NOT_ARCHIVED.',
  })
  @ApiQuery({ name: 'permanent', required: false, enum: ['true', 'false'] })
  @ApiResponse({ status: 204, description: 'Archived or deleted.' })
  @ApiErrors(400, 404, 409)
  async remove(
    @CurrentAuth() auth: AuthContext,
    @PageId() id: string,
    @Query('permanent') permanent?: string,
  ): Promise<void> {
    if (permanent !== undefined && permanent !== 'true' && permanent !== 'false') {
      throw new AppError('VALIDATION_FAILED', 'permanent must be true or false', [
        { field: 'permanent', message: 'permanent must be true or false' },
      ]);
    }
    if (permanent === 'true') await this.pages.deletePermanently(auth, id);
    else await this.pages.archive(auth, id);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Emits({ events: ({ result }) => [pageEvent('page.restored', result as PageResponseDto)] })
  @ApiOperation({
    summary: 'Restore an archived page with its subtree',
    description:
      'Restoring a page that is not archived changes nothing. If an ancestor is still archived, the page moves to the root.',
  })
  @ApiResponse({ status: 200, type: PageResponseDto })
  @ApiErrors(404)
  async restore(@CurrentAuth() auth: AuthContext, @PageId() id: string): Promise<PageResponseDto> {
    return toPageResponse(await this.pages.restore(auth, id));
  }

  @Post(':id/move')
  @Emits({ events: ({ result }) => [pageEvent('page.moved', result as PageResponseDto)] })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move a page under another parent (or to the root) and/or to a position',
    description: 'Moving a page under itself or a descendant answers 400 CIRCULAR_REFERENCE.',
  })
  @ApiResponse({ status: 200, type: PageResponseDto })
  @ApiErrors(400, 404, 409)
  async move(
    @CurrentAuth() auth: AuthContext,
    @PageId() id: string,
    @Body() dto: MovePageDto,
  ): Promise<PageResponseDto> {
    return toPageResponse(await this.pages.move(auth, id, dto));
  }

  @Get(':id/backlinks')
  @ApiOperation({ summary: 'Links from blocks that point at this page' })
  @ApiResponse({ status: 200, type: BacklinksResponseDto })
  @ApiErrors(404)
  async backlinks(@CurrentAuth() auth: AuthContext, @PageId() id: string): Promise<BacklinksResponseDto> {
    await this.pages.get(auth, id);
    const backlinks = await this.links.backlinks(auth, id);
    return { backlinks, total: backlinks.length };
  }
}
