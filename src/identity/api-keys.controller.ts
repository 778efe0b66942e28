import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context';
import { CurrentAuth } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyListResponseDto, CreateApiKeyDto, CreatedApiKeyResponseDto, toApiKeyResponse } from './dto/api-key.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('v1/auth/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key bound to the caller’s organization; the key is shown once' })
  @ApiResponse({ status: 201, type: CreatedApiKeyResponseDto })
  @ApiErrors(400, 403)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyResponseDto> {
    const { row, key } = await this.keys.create(auth, dto);
    return { ...toApiKeyResponse(row), key };
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s API keys (prefixes only)' })
  @ApiResponse({ status: 200, type: ApiKeyListResponseDto })
  @ApiErrors()
  async list(@CurrentAuth() auth: AuthContext): Promise<ApiKeyListResponseDto> {
    const rows = await this.keys.list(auth);
    return { api_keys: rows.map(toApiKeyResponse), total: rows.length };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key (refused on every instance within a second)' })
  @ApiResponse({ status: 204, description: 'Revoked.' })
  @ApiErrors(404)
  async revoke(
    @CurrentAuth() auth: AuthContext,
    @Param('id', new ParseIdPipe('API_KEY_NOT_FOUND')) id: string,
  ): Promise<void> {
    await this.keys.revoke(auth, id);
  }
}
