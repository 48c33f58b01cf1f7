import { randomUUID } from 'node:crypto';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { credentialExpiresAt, credentialUserId, StreamCredential, StreamCredentials } from '../auth/stream-credential';
import { RetryLaterException } from '../common/http/retry-later.exception';
import { API_SECURITY_HEADERS } from '../common/http/security-headers';
import { EventTicketResponse } from './dto/event-ticket.response';
import { EventStreams } from './event-streams';
import { EventTickets, TICKET_TTL_SECONDS } from './event-tickets';
import { MAX_STREAMS_PER_USER, StreamSlots } from './stream-slots';

/** A 6th stream may retry after this long (the same pause EventSource makes before reconnecting). */
const SLOT_RETRY_AFTER_SECONDS = 5;

/** GET /api/events and its tickets: who may open a stream, and how many. */
@Injectable()
export class EventsService {
  constructor(
    private readonly credentials: StreamCredentials,
    private readonly tickets: EventTickets,
    private readonly slots: StreamSlots,
    private readonly streams: EventStreams,
  ) {}

  /** A ticket standing for the bearer token of this (already authenticated) request. */
  async issueTicket(authorization: string | string[] | undefined): Promise<EventTicketResponse> {
    const credential = await this.credentials.fromBearer(authorization);
    if (!credential) throw new UnauthorizedException('Missing, invalid or expired access token');
    return { ticket: await this.tickets.issue(credential), expiresIn: TICKET_TTL_SECONDS };
  }

  /** 401, 429 or 503 as a normal answer; otherwise the reply is taken over by the stream. */
  async open(request: FastifyRequest, reply: FastifyReply, ticket: string | undefined): Promise<void> {
    const credential = await this.authenticate(request.headers.authorization, ticket);
    if (request.method === 'HEAD') return this.answerHead(request, reply);
    const identity = { id: randomUUID(), userId: credentialUserId(credential), credential };
    if (!(await this.slots.acquire(identity))) {
      throw new RetryLaterException(429, `At most ${MAX_STREAMS_PER_USER} event streams may be open per user`, SLOT_RETRY_AFTER_SECONDS);
    }
    if (request.raw.destroyed) return this.slots.release(identity);
    reply.hijack();
    this.streams.open(identity, request.raw, reply.raw, streamHeaders(request, reply));
  }

  /** Fastify answers HEAD on GET routes: the headers of a stream, no stream (and no slot). */
  private answerHead(request: FastifyRequest, reply: FastifyReply): void {
    reply.hijack();
    reply.raw.writeHead(200, streamHeaders(request, reply));
    reply.raw.end();
  }

  /** A session's access token or a personal access token (of either scope: the stream only reads), directly or through a ticket. */
  private async authenticate(authorization: string | string[] | undefined, ticket: string | undefined): Promise<StreamCredential> {
    const credential = ticket !== undefined ? await this.tickets.redeem(ticket) : await this.credentials.fromBearer(authorization);
    const expiresAt = credential ? credentialExpiresAt(credential) : null;
    if (!credential || (expiresAt !== null && expiresAt * 1000 <= Date.now())) {
      throw new UnauthorizedException(ticket !== undefined ? 'Unknown, used or expired ticket' : 'Missing, invalid or expired access token');
    }
    if (!(await this.credentials.stillValid(credential))) throw new UnauthorizedException('This access token has been revoked');
    return credential;
  }
}

/**
 * The hijacked reply skips Fastify's onSend hook: what it would add (security headers, request id,
 * CORS set earlier on the reply) is written here, with `private, no-store` and `Vary` kept.
 */
function streamHeaders(request: FastifyRequest, reply: FastifyReply): Record<string, string | number | string[]> {
  const earlier = reply.getHeaders() as Record<string, string | number | string[]>;
  const vary = [earlier.vary, 'Authorization'].flat().filter((value) => value !== undefined);
  return {
    ...earlier,
    ...API_SECURITY_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'private, no-store',
    vary: vary.join(', '),
    'x-request-id': request.id,
    'x-accel-buffering': 'no',
  };
}
