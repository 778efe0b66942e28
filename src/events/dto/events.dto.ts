import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsOptionalNonNull } from '../../common/validation';
import { EVENT_TYPES, type EventType } from '../event-types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_ID = /^[0-9]{1,16}$/;
export const MAX_EVENTS_PAGE = 500;

const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

const lower = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.toLowerCase() : value);

/** The filters a list and a stream share. */
export class EventFilterQueryDto {
  @ApiPropertyOptional({
    description: `Comma list of event types; an event of any of them passes. Types: ${EVENT_TYPES.join(', ')}.`,
    example: 'page.created,block.updated',
    type: String,
  })
  @IsOptionalNonNull()
  @Transform(toList)
  @IsArray({ message: 'types must be a comma list of event types' })
  @ArrayMinSize(1, { message: 'types must name at least one event type' })
  @ArrayMaxSize(EVENT_TYPES.length)
  @IsIn(EVENT_TYPES, { each: true, message: `types must be among ${EVENT_TYPES.join(', ')}` })
  types?: EventType[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only events about this page or a block on it. A page of another organization shows nothing.',
  })
  @IsOptionalNonNull()
  @IsString()
  @Matches(UUID, { message: 'page_id must be a page id (UUID)' })
  @Transform(lower)
  page_id?: string;

  @ApiPropertyOptional({
    description:
      'Resume after this event id (exclusive). An id older than the retention period (EVENT_RETENTION_DAYS) answers ' +
      '410 EVENTS_EXPIRED; one past the organization’s last event 400 UNKNOWN_EVENT_ID.',
    example: '0000000000000042',
  })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(16)
  @Matches(EVENT_ID, { message: 'after must be an event id (up to 16 digits)' })
  after?: string;
}

export class ListEventsQueryDto extends EventFilterQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_EVENTS_PAGE, default: 100 })
  @IsOptionalNonNull()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(MAX_EVENTS_PAGE, { message: `limit must be at most ${MAX_EVENTS_PAGE}` })
  limit: number = 100;
}

export class StreamEventsQueryDto extends EventFilterQueryDto {
  @ApiPropertyOptional({
    description:
      'A stream ticket (POST /events/tickets) in place of a credential header, for EventSource. Single use, 60 s.',
  })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(100)
  ticket?: string;
}

export class EventActorDto {
  @ApiProperty() user_id: string;
  @ApiProperty({ enum: ['jwt', 'api_key', 'remote'] }) via: string;
}

export class EventDto {
  @ApiProperty({ description: 'Increases within the organization; a string of 16 digits that sorts.' })
  event_id: string;
  @ApiProperty({ enum: EVENT_TYPES }) type: string;
  @ApiProperty() organization_id: string;
  @ApiProperty({ type: EventActorDto }) actor: EventActorDto;
  @ApiProperty({ format: 'uuid' }) resource_id: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'The page the resource is on: the page itself, a block’s page, a tagged block’s page; null for tags and links.',
  })
  page_id: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The resource as the API renders it after the change (a page, a block, a link, a tag; for block.tagged and ' +
      'block.untagged `{block_id, tag_id, tags}`); ids only for deletions.',
  })
  data: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) occurred_at: string;
}

export class EventListResponseDto {
  @ApiProperty({ type: [EventDto] }) events: EventDto[];
  @ApiProperty({
    description:
      'Where to resume: the last event returned, or, when fewer than `limit` matched, the organization’s last event ' +
      'so far (later events have larger ids).',
  })
  next_after: string;
}

export class StreamTicketResponseDto {
  @ApiProperty({ description: 'Single use; put it in `?ticket=` of the stream URL.' }) ticket: string;
  @ApiProperty({ example: 60 }) expires_in: number;
}
