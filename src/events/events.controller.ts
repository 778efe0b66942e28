import { Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../auth/auth-context';
import { AcceptsTicket, CurrentAuth, ReadScope } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import {
  EventListResponseDto,
  ListEventsQueryDto,
  StreamEventsQueryDto,
  StreamTicketResponseDto,
} from './dto/events.dto';
import { EventStreams } from './event-streams';
import { EventsService, resumePoint } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('api/v1/ocean/events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly streams: EventStreams,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The organization’s events after an id, oldest first (catch-up and polling)',
    description:
      'Every change of a page, block, link or tag has exactly one event, written in the change’s own transaction. ' +
      'Ids increase within the organization in commit order, so polling with `after=next_after` never misses one.',
  })
  @ApiResponse({ status: 200, type: EventListResponseDto })
  @ApiErrors(400, 410)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ListEventsQueryDto): Promise<EventListResponseDto> {
    const { events, nextAfter } = await this.events.list(auth, resumePoint(query.after), query.limit, {
      types: query.types,
      pageId: query.page_id,
    });
    return { events, next_after: nextAfter };
  }

  @Get('stream')
  @AcceptsTicket()
  @ApiOperation({
    summary: 'A live stream of the organization’s events (Server-Sent Events)',
    description:
      '`text/event-stream`: each event as `id:` (event_id), `event:` (type), `data:` (the event JSON); a comment ' +
      'heartbeat every 15 s. Last-Event-ID (or `after`) resumes with nothing lost and nothing repeated; without ' +
      'either, the stream starts with the next change. An event committed on any instance reaches every stream ' +
      'within a second. The stream ends with `event: stream.closed` (`data: {reason, last_event_id}`) when its ' +
      'credential is revoked (`revoked`) or expires (`expired`), when its client reads too slowly (`slow_consumer`: ' +
      'more than 1 MiB waiting) or when the instance stops (`shutdown`); resume from last_event_id. At most ' +
      'EVENT_STREAMS_PER_ORG (100) open streams per organization on one instance, the next answers 429.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id.' })
  @ApiProduces('text/event-stream')
  @ApiResponse({ status: 200, description: 'The stream.' })
  @ApiErrors(400, 410, 429, 503)
  async stream(
    @CurrentAuth() auth: AuthContext,
    @Query() query: StreamEventsQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const from = resumePoint(lastEventId !== undefined && lastEventId !== '' ? lastEventId : query.after);
    await this.streams.open(auth, from, { types: query.types, pageId: query.page_id }, reply);
  }

  @Post('tickets')
  @HttpCode(201)
  @ReadScope()
  @ApiOperation({
    summary: 'A single-use ticket for the stream URL (EventSource cannot send headers)',
    description:
      'GET /events/stream?ticket=… within 60 s, once; the stream it opens belongs to this credential and ends when ' +
      'it is revoked or expires. A read-only credential may take one.',
  })
  @ApiResponse({ status: 201, type: StreamTicketResponseDto })
  @ApiErrors()
  async ticket(@CurrentAuth() auth: AuthContext): Promise<StreamTicketResponseDto> {
    const { ticket, expiresIn } = await this.events.issueTicket(auth);
    return { ticket, expires_in: expiresIn };
  }
}
