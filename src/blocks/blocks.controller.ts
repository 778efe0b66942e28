import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../auth/auth-context';
import { CurrentAuth } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { BacklinksResponseDto } from '../links/dto/link.dto';
import { LinksService } from '../links/links.service';
import { AssignTagDto, BlockTagsResponseDto, toTagResponse } from '../tags/dto/tag.dto';
import { TagsService } from '../tags/tags.service';
import { Block } from './block.entity';
import { BlocksService } from './blocks.service';
import {
  BlockBatchResponseDto,
  BlockListResponseDto,
  BlockResponseDto,
  etagOf,
  toBlockResponse,
} from './dto/block-response.dto';
import { ConvertBlockDto } from './dto/convert-block.dto';
import { BatchCreateBlocksDto, CreateBlockDto } from './dto/create-block.dto';
import { ListBlocksQueryDto, PageIdQueryDto } from './dto/list-blocks-query.dto';
import { MoveBlockDto } from './dto/move-block.dto';
import { UpdateBlockDto } from './dto/update-block.dto';
import { blockEvent, Emits, existing } from '../events/emits.decorator';
import type { EventDraft } from '../events/event-types';

const BlockId = (): ParameterDecorator => Param('id', new ParseIdPipe('BLOCK_NOT_FOUND'));

/** The block of the path as it is before the change (for a deletion's page, a tag change's page). */
const current = ({
  controller,
  auth,
  params,
}: {
  controller: BlocksController;
  auth: AuthContext;
  params: Record<string, string>;
}) => existing(params.id, async (id) => toBlockResponse(await controller.blocks.get(auth, id)));
const blockChange =
  (type: EventDraft['type']) =>
  ({ result }: { result: unknown }): EventDraft[] => [blockEvent(type, result as BlockResponseDto)];

/** A tag assignment's event: about the block, on its page, with the tags it has after. */
const tagChange = (
  type: 'block.tagged' | 'block.untagged',
  block: BlockResponseDto | null,
  tagId: unknown,
  tags?: unknown,
): EventDraft[] =>
  block && typeof tagId === 'string'
    ? [
        {
          type,
          resourceId: block.block_id,
          pageId: block.page_id,
          data: { block_id: block.block_id, tag_id: tagId.toLowerCase(), ...(tags ? { tags } : {}) },
        },
      ]
    : [];

@ApiTags('blocks')
@ApiBearerAuth()
@Controller('api/v1/ocean/blocks')
export class BlocksController {
  constructor(
    /** Public for the events' reads (@Emits), which run outside the class. */
    readonly blocks: BlocksService,
    private readonly tags: TagsService,
    private readonly links: LinksService,
  ) {}

  private withEtag(reply: FastifyReply, block: Block): BlockResponseDto {
    void reply.header('etag', etagOf(block));
    return toBlockResponse(block);
  }

  @Post()
  @Emits({ events: blockChange('block.created') })
  @ApiOperation({ summary: 'Create a block on a page (absent position: last among its siblings)' })
  @ApiResponse({ status: 201, type: BlockResponseDto })
  @ApiErrors(400, 404, 413, 415)
  async create(
    @CurrentAuth() auth: AuthContext,
    @Query() query: PageIdQueryDto,
    @Body() dto: CreateBlockDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BlockResponseDto> {
    return this.withEtag(reply, await this.blocks.create(auth, query.page_id, dto));
  }

  @Post('batch')
  @Emits({
    events: ({ result }) => (result as BlockBatchResponseDto).blocks.map((b) => blockEvent('block.created', b)),
  })
  @ApiOperation({ summary: 'Create 1..100 blocks on a page, all or nothing' })
  @ApiResponse({ status: 201, type: BlockBatchResponseDto })
  @ApiErrors(400, 404, 413, 415)
  async createBatch(
    @CurrentAuth() auth: AuthContext,
    @Query() query: PageIdQueryDto,
    @Body() dto: BatchCreateBlocksDto,
  ): Promise<BlockBatchResponseDto> {
    const blocks = await this.blocks.createMany(auth, query.page_id, dto.blocks);
    return { blocks: blocks.map(toBlockResponse), total: blocks.length };
  }

  @Get()
  @ApiOperation({ summary: 'List a page’s blocks in document order (depth-first, siblings by position)' })
  @ApiResponse({ status: 200, type: BlockListResponseDto })
  @ApiErrors(400, 404)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ListBlocksQueryDto): Promise<BlockListResponseDto> {
    const { blocks, total } = await this.blocks.list(auth, query);
    return { blocks: blocks.map(toBlockResponse), total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a block (with its version as ETag)' })
  @ApiResponse({ status: 200, type: BlockResponseDto })
  @ApiErrors(404)
  async get(
    @CurrentAuth() auth: AuthContext,
    @BlockId() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BlockResponseDto> {
    return this.withEtag(reply, await this.blocks.get(auth, id));
  }

  @Put(':id')
  @Emits({ events: blockChange('block.updated') })
  @ApiOperation({
    summary: 'Update some fields of a block',
    description:
      'With If-Match, the update applies only if the block is still at that version (else 409 STALE_VERSION). ' +
      'A new block_type without content converts the content as /convert does.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag from a previous read, e.g. "3".' })
  @ApiResponse({ status: 200, type: BlockResponseDto })
  @ApiErrors(400, 404, 409, 413, 415)
  async update(
    @CurrentAuth() auth: AuthContext,
    @BlockId() id: string,
    @Body() dto: UpdateBlockDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BlockResponseDto> {
    return this.withEtag(reply, await this.blocks.update(auth, id, dto, ifMatch));
  }

  @Delete(':id')
  @HttpCode(204)
  @Emits<BlocksController>({
    before: current,
    events: ({ before }) => {
      const block = before as BlockResponseDto | null;
      return block
        ? [
            {
              type: 'block.deleted',
              resourceId: block.block_id,
              pageId: block.page_id,
              data: { block_id: block.block_id, page_id: block.page_id },
            },
          ]
        : [];
    },
  })
  @ApiOperation({ summary: 'Delete a block with its child blocks, their links and tag assignments' })
  @ApiResponse({ status: 204, description: 'Deleted.' })
  @ApiErrors(404)
  async delete(@CurrentAuth() auth: AuthContext, @BlockId() id: string): Promise<void> {
    await this.blocks.delete(auth, id);
  }

  @Post(':id/move')
  @Emits({ events: blockChange('block.moved') })
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a block to a position, optionally under another block of the same page' })
  @ApiResponse({ status: 200, type: BlockResponseDto })
  @ApiErrors(400, 404)
  async move(
    @CurrentAuth() auth: AuthContext,
    @BlockId() id: string,
    @Body() dto: MoveBlockDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BlockResponseDto> {
    return this.withEtag(reply, await this.blocks.move(auth, id, dto));
  }

  @Post(':id/convert')
  @Emits({ events: blockChange('block.converted') })
  @HttpCode(200)
  @ApiOperation({ summary: 'Convert a block to another type, keeping its text' })
  @ApiResponse({ status: 200, type: BlockResponseDto })
  @ApiErrors(400, 404)
  async convert(
    @CurrentAuth() auth: AuthContext,
    @BlockId() id: string,
    @Body() dto: ConvertBlockDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BlockResponseDto> {
    return this.withEtag(reply, await this.blocks.convert(auth, id, dto.new_type));
  }

  @Put(':id/convert')
  @Emits({ events: blockChange('block.converted') })
  @ApiOperation({ summary: 'Convert a block to another type (same as POST)' })
  @ApiResponse({ status: 200, type: BlockResponseDto })
  @ApiErrors(400, 404)
  async convertPut(
    @CurrentAuth() auth: AuthContext,
    @BlockId() id: string,
    @Body() dto: ConvertBlockDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BlockResponseDto> {
    return this.convert(auth, id, dto, reply);
  }

  @Post(':id/tags')
  @Emits<BlocksController>({
    before: current,
    events: ({ before, body, result }) =>
      tagChange(
        'block.tagged',
        before as BlockResponseDto | null,
        (body as { tag_id?: unknown })?.tag_id,
        (result as BlockTagsResponseDto).tags,
      ),
  })
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign a tag to the block (already assigned → 409)' })
  @ApiResponse({ status: 200, type: BlockTagsResponseDto })
  @ApiErrors(400, 404, 409)
  async assignTag(
    @CurrentAuth() auth: AuthContext,
    @BlockId() id: string,
    @Body() dto: AssignTagDto,
  ): Promise<BlockTagsResponseDto> {
    const tags = await this.tags.assign(auth, id, dto.tag_id);
    return { block_id: id, tags: tags.map(toTagResponse), total: tags.length };
  }

  @Delete(':id/tags/:tagId')
  @Emits<BlocksController>({
    before: current,
    events: ({ before, params }) => tagChange('block.untagged', before as BlockResponseDto | null, params.tagId),
  })
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a tag from the block (not assigned → 404)' })
  @ApiResponse({ status: 204, description: 'Removed.' })
  @ApiErrors(404)
  async removeTag(
    @CurrentAuth() auth: AuthContext,
    @BlockId() id: string,
    @Param('tagId') tagId: string,
  ): Promise<void> {
    await this.tags.unassign(auth, id, tagId);
  }

  @Get(':id/tags')
  @ApiOperation({ summary: 'The tags of a block' })
  @ApiResponse({ status: 200, type: BlockTagsResponseDto })
  @ApiErrors(404)
  async tagsOf(@CurrentAuth() auth: AuthContext, @BlockId() id: string): Promise<BlockTagsResponseDto> {
    const tags = await this.tags.tagsOfBlock(auth, id);
    return { block_id: id, tags: tags.map(toTagResponse), total: tags.length };
  }

  @Get(':id/backlinks')
  @ApiOperation({ summary: 'Links from other blocks that point at this block' })
  @ApiResponse({ status: 200, type: BacklinksResponseDto })
  @ApiErrors(404)
  async backlinks(@CurrentAuth() auth: AuthContext, @BlockId() id: string): Promise<BacklinksResponseDto> {
    await this.blocks.get(auth, id);
    const backlinks = await this.links.backlinks(auth, id);
    return { backlinks, total: backlinks.length };
  }
}
