import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsOptionalNonNull } from '../../common/validation';
import { iso } from '../../common/time';
import { EVENT_TYPES } from '../../events/event-types';
import { MAX_WEBHOOK_URL_LENGTH } from '../webhook-targets';
import type { Webhook, WebhookDelivery } from '../webhook.entity';

const URL_DESCRIPTION =
  'https (http only when NODE_ENV=development); its host must resolve to public addresses only (loopback, ' +
  'private, link-local, CGNAT and metadata addresses answer 400 WEBHOOK_TARGET_FORBIDDEN unless ' +
  'WEBHOOK_ALLOW_PRIVATE=true). Checked again before every delivery.';
const TYPES_DESCRIPTION = `Event types to send; empty or absent: all. Types: ${EVENT_TYPES.join(', ')}.`;

export class CreateWebhookDto {
  @ApiProperty({
    maxLength: MAX_WEBHOOK_URL_LENGTH,
    description: URL_DESCRIPTION,
    example: 'https://example.com/hooks/ocean',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  url: string;

  @ApiPropertyOptional({ type: [String], enum: EVENT_TYPES, description: TYPES_DESCRIPTION })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(EVENT_TYPES.length)
  @IsIn(EVENT_TYPES, { each: true, message: `types must be among ${EVENT_TYPES.join(', ')}` })
  types?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

/**
 * Partial update. `null` is validated rather than skipped (as for tags): it clears description
 * and is refused for url and types.
 */
export class UpdateWebhookDto extends PartialType(CreateWebhookDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'false pauses deliveries; true resumes them (and clears disabled_reason).' })
  @IsOptionalNonNull()
  @IsBoolean()
  enabled?: boolean;
}

export class ListDeliveriesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptionalNonNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptionalNonNull()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset: number = 0;
}

export class WebhookResponseDto {
  @ApiProperty({ format: 'uuid' }) webhook_id: string;
  @ApiProperty() organization_id: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: [String], description: 'Empty: every type.' }) types: string[];
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Why Ocean disabled it (24 h of failed deliveries).' })
  disabled_reason: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class CreatedWebhookResponseDto extends WebhookResponseDto {
  @ApiProperty({
    description:
      'The signing secret, shown this once: verify Ocean-Signature `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.',
  })
  secret: string;
}

export class WebhookListResponseDto {
  @ApiProperty({ type: [WebhookResponseDto] }) webhooks: WebhookResponseDto[];
  @ApiProperty() total: number;
}

export class DeliveryResponseDto {
  @ApiProperty({ format: 'uuid' }) delivery_id: string;
  @ApiProperty({ nullable: true, type: String, description: 'null for a webhook.test delivery.' })
  event_id: string | null;
  @ApiProperty() event_type: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The receiver’s last HTTP status.' })
  last_status: number | null;
  @ApiProperty({ nullable: true, type: String }) last_error: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'null once settled.' })
  next_attempt_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) delivered_at: string | null;
}

export class DeliveryListResponseDto {
  @ApiProperty({ type: [DeliveryResponseDto] }) deliveries: DeliveryResponseDto[];
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class WebhookTestResponseDto {
  @ApiProperty({ format: 'uuid' }) webhook_id: string;
  @ApiProperty({ description: 'A webhook.test delivery is queued; see GET /webhooks/{id}/deliveries.' })
  queued: boolean;
}

export function toWebhookResponse(w: Webhook): WebhookResponseDto {
  return {
    webhook_id: w.id,
    organization_id: w.organizationId,
    url: w.url,
    types: w.types,
    description: w.description,
    enabled: w.enabled,
    disabled_reason: w.disabledReason,
    created_at: iso(w.createdAt),
    updated_at: iso(w.updatedAt),
  };
}

export function toDeliveryResponse(d: WebhookDelivery): DeliveryResponseDto {
  return {
    delivery_id: d.id,
    event_id: d.eventSeq === null ? null : d.eventSeq.padStart(16, '0'),
    event_type: d.eventType,
    status: d.status,
    attempts: d.attempts,
    last_status: d.lastStatus,
    last_error: d.lastError,
    next_attempt_at: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
    created_at: iso(d.createdAt),
    delivered_at: d.deliveredAt ? iso(d.deliveredAt) : null,
  };
}
