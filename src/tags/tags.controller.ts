import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context';
import { CurrentAuth } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import {
  CreateTagDto,
  ListTagsQueryDto,
  TagDeletedResponseDto,
  TagListResponseDto,
  TagResponseDto,
  toTagResponse,
  UpdateTagDto,
} from './dto/tag.dto';
import { TagsService } from './tags.service';
import { Emits, tagEvent } from '../events/emits.decorator';

const TagId = (): ParameterDecorator => Param('id', new ParseIdPipe('TAG_NOT_FOUND'));

@ApiTags('tags')
@ApiBearerAuth()
@Controller('api/v1/ocean/tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Post()
  @Emits({ events: ({ result }) => [tagEvent('tag.created', result as TagResponseDto)] })
  @ApiOperation({ summary: 'Create a tag (name unique in the organization, ignoring case)' })
  @ApiResponse({ status: 201, type: TagResponseDto })
  @ApiErrors(400, 409, 413, 415)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateTagDto): Promise<TagResponseDto> {
    return toTagResponse(await this.tags.create(auth, dto));
  }

  @Get()
  @ApiOperation({ summary: 'List the organization’s tags, by name or by usage_count (most used first)' })
  @ApiResponse({ status: 200, type: TagListResponseDto })
  @ApiErrors(400)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ListTagsQueryDto): Promise<TagListResponseDto> {
    const tags = await this.tags.list(auth, query.sort_by);
    return { tags: tags.map(toTagResponse), total: tags.length };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a tag' })
  @ApiResponse({ status: 200, type: TagResponseDto })
  @ApiErrors(404)
  async get(@CurrentAuth() auth: AuthContext, @TagId() id: string): Promise<TagResponseDto> {
    return toTagResponse(await this.tags.get(auth, id));
  }

  @Put(':id')
  @Emits({ events: ({ result }) => [tagEvent('tag.updated', result as TagResponseDto)] })
  @ApiOperation({ summary: 'Update a tag’s name, color or description' })
  @ApiResponse({ status: 200, type: TagResponseDto })
  @ApiErrors(400, 404, 409)
  async update(
    @CurrentAuth() auth: AuthContext,
    @TagId() id: string,
    @Body() dto: UpdateTagDto,
  ): Promise<TagResponseDto> {
    return toTagResponse(await this.tags.update(auth, id, dto));
  }

  @Delete(':id')
  @Emits({
    events: ({ result }) => {
      const { tag_id } = result as TagDeletedResponseDto;
      return [{ ...tagEvent('tag.deleted', { tag_id }), data: { tag_id } }];
    },
  })
  @ApiOperation({ summary: 'Delete a tag and remove it from every block' })
  @ApiResponse({ status: 200, type: TagDeletedResponseDto })
  @ApiErrors(404)
  async delete(@CurrentAuth() auth: AuthContext, @TagId() id: string): Promise<TagDeletedResponseDto> {
    const { tag } = await this.tags.delete(auth, id);
    const from = tag.usageCount === 1 ? '1 block' : `${tag.usageCount} blocks`;
    return { success: true, message: `Tag "${tag.name}" deleted and removed from ${from}.`, tag_id: tag.id };
  }
}
