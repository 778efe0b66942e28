import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context';
import { CurrentAuth, WriteScope } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import {
  CreatedWebhookResponseDto,
  CreateWebhookDto,
  DeliveryListResponseDto,
  ListDeliveriesQueryDto,
  toDeliveryResponse,
  toWebhookResponse,
  UpdateWebhookDto,
  WebhookListResponseDto,
  WebhookResponseDto,
  WebhookTestResponseDto,
} from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

const WebhookId = (): ParameterDecorator => Param('id', new ParseIdPipe('WEBHOOK_NOT_FOUND'));

@ApiTags('webhooks')
@ApiBearerAuth()
@WriteScope()
@Controller('api/v1/ocean/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a webhook (the signing secret is in this answer only)',
    description:
      'Every event of the types asked for (all when none) is POSTed to the URL as the event JSON, with headers ' +
      'Ocean-Event-Id, Ocean-Delivery-Id and Ocean-Signature `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, ' +
      '"<t>.<body>")>`. A 2xx within 10 s delivers; anything else (a redirect too: none is followed) is retried ' +
      'with exponential backoff and jitter, in order per webhook, for 24 h, after which the webhook is disabled ' +
      'with its reason. At least once: receivers de-duplicate by Ocean-Event-Id. Needs the write scope.',
  })
  @ApiResponse({ status: 201, type: CreatedWebhookResponseDto })
  @ApiErrors(400, 413, 415, 503)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookResponseDto> {
    const { webhook, secret } = await this.webhooks.create(auth, dto);
    return { ...toWebhookResponse(webhook), secret };
  }

  @Get()
  @ApiOperation({ summary: 'The organization’s webhooks (write scope)' })
  @ApiResponse({ status: 200, type: WebhookListResponseDto })
  @ApiErrors()
  async list(@CurrentAuth() auth: AuthContext): Promise<WebhookListResponseDto> {
    const webhooks = await this.webhooks.list(auth);
    return { webhooks: webhooks.map(toWebhookResponse), total: webhooks.length };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook (write scope)' })
  @ApiResponse({ status: 200, type: WebhookResponseDto })
  @ApiErrors(404)
  async get(@CurrentAuth() auth: AuthContext, @WebhookId() id: string): Promise<WebhookResponseDto> {
    return toWebhookResponse(await this.webhooks.get(auth, id));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Change a webhook’s url, types, description, or pause (enabled: false) and resume it' })
  @ApiResponse({ status: 200, type: WebhookResponseDto })
  @ApiErrors(400, 404, 413, 415)
  async update(
    @CurrentAuth() auth: AuthContext,
    @WebhookId() id: string,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookResponseDto> {
    return toWebhookResponse(await this.webhooks.update(auth, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook with its delivery log' })
  @ApiResponse({ status: 204, description: 'Deleted.' })
  @ApiErrors(404)
  async delete(@CurrentAuth() auth: AuthContext, @WebhookId() id: string): Promise<void> {
    await this.webhooks.delete(auth, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The webhook’s delivery log, newest first' })
  @ApiResponse({ status: 200, type: DeliveryListResponseDto })
  @ApiErrors(400, 404)
  async deliveries(
    @CurrentAuth() auth: AuthContext,
    @WebhookId() id: string,
    @Query() query: ListDeliveriesQueryDto,
  ): Promise<DeliveryListResponseDto> {
    const rows = await this.webhooks.deliveries(auth, id, query.limit, query.offset);
    return { deliveries: rows.map(toDeliveryResponse), limit: query.limit, offset: query.offset };
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a webhook.test event to the webhook (it shows in the delivery log)' })
  @ApiResponse({ status: 202, type: WebhookTestResponseDto })
  @ApiErrors(404, 409)
  async test(@CurrentAuth() auth: AuthContext, @WebhookId() id: string): Promise<WebhookTestResponseDto> {
    await this.webhooks.test(auth, id);
    return { webhook_id: id, queued: true };
  }
}
