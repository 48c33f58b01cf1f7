import { Controller, Get, Headers, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/decorators/public.decorator';
import { ApiErrors } from '../common/openapi/error-response';
import { EventTicketResponse } from './dto/event-ticket.response';
import { EventsQuery } from './dto/events.query';
import { EventsService } from './events.service';

const STREAM_DESCRIPTION = [
  'text/event-stream: `retry: 5000` and a comment at once, a comment at least every 25 s;',
  '`event: change` `data: {"groups": [...], "at": "<timestamp>"}` after every mutation of your data on any instance;',
  '`event: end` `data: {"reason": "expired" | "revoked"}` then the stream closes.',
].join(' ');

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @ApiOperation({ summary: 'A single-use ticket (60 s) to open the change feed without an Authorization header' })
  @ApiCreatedResponse({ type: EventTicketResponse })
  @ApiErrors(401, 503)
  @Post('ticket')
  ticket(@Headers('authorization') authorization: string | undefined): Promise<EventTicketResponse> {
    return this.events.issueTicket(authorization);
  }

  /** Public to the global guard: the service accepts the bearer header or a ticket. */
  @Public({ acceptsBearer: true })
  @ApiOperation({ summary: 'The change feed (server-sent events)' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: STREAM_DESCRIPTION, content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiErrors(400, 401, { 429: 'Already 5 open streams for this user; retry after `Retry-After` seconds' }, 503)
  @Get()
  stream(@Query() query: EventsQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.events.open(request, reply, query.ticket);
  }
}
