import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context';
import { CurrentAuth } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { CreateLinkDto, LinkListResponseDto, LinkResponseDto, ListLinksQueryDto, toLinkResponse } from './dto/link.dto';
import { LinksService } from './links.service';
import { Emits, existing, linkEvent } from '../events/emits.decorator';

const LinkId = (): ParameterDecorator => Param('id', new ParseIdPipe('LINK_NOT_FOUND'));

@ApiTags('links')
@ApiBearerAuth()
@Controller('api/v1/ocean/links')
export class LinksController {
  constructor(private readonly links: LinksService) {}

  @Post()
  @Emits({ events: ({ result }) => [linkEvent('link.created', result as LinkResponseDto)] })
  @ApiOperation({
    summary: 'Link a block to a page or to another block',
    description:
      'Both ends must exist in the caller’s organization (else 404). A block→block link that would close a cycle ' +
      '(including a self-link) answers 400 CIRCULAR_REFERENCE; the same (source, target, type) twice answers 409. ' +
      'A page_link block has its own mention link to the page it names: a manual mention from that block to that ' +
      'page is the same link (409), one made before the block named the page is kept as the block’s, and the ' +
      'block removes it when it stops naming the page. Deleting it by hand lasts until the block’s content ' +
      'next changes.',
  })
  @ApiResponse({ status: 201, type: LinkResponseDto })
  @ApiErrors(400, 404, 409, 413, 415)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateLinkDto): Promise<LinkResponseDto> {
    return toLinkResponse(await this.links.create(auth, dto));
  }

  @Get()
  @ApiOperation({ summary: 'List links, optionally from one source block or to one target' })
  @ApiResponse({ status: 200, type: LinkListResponseDto })
  @ApiErrors(400)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ListLinksQueryDto): Promise<LinkListResponseDto> {
    const { links, total } = await this.links.list(auth, query);
    return { links: links.map(toLinkResponse), total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a link' })
  @ApiResponse({ status: 200, type: LinkResponseDto })
  @ApiErrors(404)
  async get(@CurrentAuth() auth: AuthContext, @LinkId() id: string): Promise<LinkResponseDto> {
    return toLinkResponse(await this.links.get(auth, id));
  }

  @Delete(':id')
  @HttpCode(204)
  @Emits<LinksController>({
    before: ({ controller, auth, params }) => existing(params.id, (id) => controller.get(auth, id)),
    events: ({ before }) => {
      const link = before as LinkResponseDto | null;
      return link ? [{ ...linkEvent('link.deleted', link), data: { link_id: link.link_id } }] : [];
    },
  })
  @ApiOperation({ summary: 'Delete a link' })
  @ApiResponse({ status: 204, description: 'Deleted.' })
  @ApiErrors(404)
  async delete(@CurrentAuth() auth: AuthContext, @LinkId() id: string): Promise<void> {
    await this.links.delete(auth, id);
  }
}
