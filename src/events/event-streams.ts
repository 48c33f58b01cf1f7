import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { credentialKey, StreamCredentials } from '../auth/stream-credential';
import { CHANGE_GROUPS } from '../common/change-groups';
import { AppConfig } from '../config/app-config';
import { EventBus, FeedListener } from '../changes/event-bus';
import { EventStream, EventStreamIdentity } from './event-stream';
import { FeedMessage } from '../changes/feed-message';
import { FeedStats } from '../changes/feed-stats';
import { SSE_OPENING } from './sse-format';
import { StreamSlots } from './stream-slots';

/**
 * This instance's open streams, by user. Routes the bus's messages to the streams of their user
 * (in memory: one channel for everyone), re-checks tokens when sessions end, sends the heartbeat
 * and refreshes the slots, and ends every stream on shutdown.
 */
@Injectable()
export class EventStreams implements FeedListener, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(EventStreams.name);
  private readonly byUser = new Map<number, Set<EventStream>>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly bus: EventBus,
    private readonly credentials: StreamCredentials,
    private readonly slots: StreamSlots,
    private readonly stats: FeedStats,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.bus.listen(this);
    this.heartbeat = setInterval(() => this.beat(), this.config.events.heartbeatMs);
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
    this.closeAll();
  }

  /** Takes over the response: headers, `retry:` and a comment at once, then events as they come. */
  open(identity: EventStreamIdentity, request: IncomingMessage, response: ServerResponse, headers: Record<string, string | number | string[]>): void {
    request.socket.setNoDelay(true);
    const stream = new EventStream(identity, response, this.stats, (closed) => this.closed(closed));
    response.writeHead(200, headers);
    response.write(SSE_OPENING);
    const streams = this.byUser.get(identity.userId) ?? new Set<EventStream>();
    if (streams.size === 0) this.bus.follow(identity.userId);
    streams.add(stream);
    this.byUser.set(identity.userId, streams);
    this.stats.openStreams += 1;
  }

  /** Ends every stream without an event (graceful shutdown): clients reconnect to another instance. */
  closeAll(): void {
    for (const streams of this.byUser.values()) for (const stream of streams) stream.close();
  }

  message(message: FeedMessage): void {
    if (message.kind === 'resync') return this.resync();
    const streams = this.byUser.get(message.userId);
    if (!streams) return;
    if (message.kind === 'change') for (const stream of streams) stream.change(message.groups, message.at);
    else this.recheck(streams);
  }

  /** Messages may have been missed: every stream refetches everything, and every token is checked again. */
  resync(): void {
    if (this.byUser.size === 0) return;
    this.stats.resyncs += 1;
    const at = new Date().toISOString();
    for (const streams of this.byUser.values()) {
      for (const stream of streams) stream.change(CHANGE_GROUPS, at);
      this.recheck(streams);
    }
  }

  /** Asks once per token (a user's streams often share one) and ends the streams of refused ones. */
  private recheck(streams: Iterable<EventStream>): void {
    const byToken = new Map<string, EventStream[]>();
    for (const stream of streams) {
      const key = credentialKey(stream.identity.credential);
      byToken.set(key, [...(byToken.get(key) ?? []), stream]);
    }
    for (const sharing of byToken.values()) void this.recheckToken(sharing);
  }

  /** SessionResolver (through StreamCredentials) is the one place that decides whether a token is still good. */
  private async recheckToken(streams: EventStream[]): Promise<void> {
    try {
      if (await this.credentials.stillValid(streams[0].identity.credential)) return;
      for (const stream of streams) if (stream.isOpen) stream.end('revoked');
    } catch (error) {
      this.logger.warn(`Could not re-check the token of an event stream (kept open): ${(error as Error).message}`);
    }
  }

  private beat(): void {
    const holders: EventStreamIdentity[] = [];
    for (const streams of this.byUser.values()) {
      for (const stream of streams) {
        stream.heartbeat();
        if (stream.isOpen) holders.push(stream.identity);
      }
    }
    this.slots.refresh(holders);
  }

  private closed(stream: EventStream): void {
    const streams = this.byUser.get(stream.userId);
    if (!streams?.delete(stream)) return;
    if (streams.size === 0) {
      this.byUser.delete(stream.userId);
      this.bus.unfollow(stream.userId);
    }
    this.stats.openStreams -= 1;
    this.slots.release(stream.identity);
  }
}
