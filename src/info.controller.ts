import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from './auth/decorators';
import { APP_CONFIG, AppConfig } from './config/config';

export const API_VERSION = '1';

@ApiTags('ops')
@Controller('api/v1/info')
export class InfoController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Service name, API version, auth mode and enabled features' })
  info(): { service: string; api_version: string; auth_mode: string; features: string[] } {
    return {
      service: 'ocean',
      api_version: API_VERSION,
      auth_mode: this.config.auth.mode,
      features: ['pages', 'blocks', 'links', 'tags', ...(this.config.identityEnabled ? ['identity'] : [])],
    };
  }
}
