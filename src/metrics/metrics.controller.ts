import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/decorators';
import { MetricsAuth } from './metrics-auth';
import { MetricsService } from './metrics.service';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** /metrics on the main port; absent when METRICS_PORT gives it a listener of its own. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly auth: MetricsAuth,
  ) {}

  // Not a user credential: the scraper's METRICS_TOKEN is checked here, not by the AuthGuard.
  @Public()
  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    this.auth.check(authorization);
    // Set only once the check passed (unlike @Header): a refusal is JSON.
    void reply.type(METRICS_CONTENT_TYPE);
    return this.metrics.registry.metrics();
  }
}
