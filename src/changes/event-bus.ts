import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ChangeGroup } from '../common/change-groups';
import { REDIS_CONNECTION } from '../redis/redis.module';
import { connectInBackground } from '../redis/redis-connection';
import { isCluster, isRedisReady, RedisConnection } from '../redis/redis-topology';
import { ShardedFeed } from './sharded-feed';
import { AppConfig } from '../config/app-config';
import { decodeFeedMessage, encodeFeedMessage, feedChannel, FeedMessage } from './feed-message';

/** A message as a service hands it over; the bus adds its origin. */
export type OutgoingFeedMessage = { kind: 'change'; userId: number; groups: ChangeGroup[]; at: string } | { kind: 'sessions'; userId: number };

export interface FeedListener {
  /** A change or a session end of some user, from this instance or another. */
  message(message: FeedMessage): void;
  /** The fan-out was interrupted (this instance's subscriber reconnected, or another instance could not publish): refetch everything. */
  resync(): void;
}

/** Publishes that could wait on a hung Redis at once; past this, messages are dropped (and a resync follows). */
const MAX_PENDING_PUBLISHES = 1000;

/**
 * The feed's fan-out. `publish` delivers to this instance's listeners at once and, with
 * REDIS_URL, publishes on one channel through the shared connection (fire and forget: never
 * blocks or fails the mutation). A subscriber connection of its own (a subscribed connection
 * cannot run other commands) receives every instance's messages and skips its own. Whenever that
 * subscriber (re)connects, or a publish could not be sent, listeners are told to resync: nothing
 * is missed silently.
 */
@Injectable()
export class EventBus implements OnModuleInit, OnApplicationShutdown {
  readonly origin = randomUUID();
  private readonly logger = new Logger(EventBus.name);
  private readonly listeners: FeedListener[] = [];
  private subscriber: RedisConnection | null = null;
  /** On a Redis Cluster: sharded per-user channels instead of the one channel. */
  private sharded: ShardedFeed | null = null;
  private pending = 0;
  private publishFailed = false;
  private readonly channel: string;

  constructor(
    @Inject(REDIS_CONNECTION) private readonly redis: RedisConnection | null,
    config: AppConfig,
  ) {
    this.channel = config.redisUrl ? feedChannel(config.redisUrl) : 'events:feed:local';
  }

  get shared(): boolean {
    return this.redis !== null;
  }

  listen(listener: FeedListener): void {
    this.listeners.push(listener);
  }

  /** This instance has an open stream of the user (on a cluster, its channel is subscribed while any is). */
  follow(userId: number): void {
    this.sharded?.follow(userId);
  }

  unfollow(userId: number): void {
    this.sharded?.unfollow(userId);
  }

  publish(outgoing: OutgoingFeedMessage): void {
    const message = { ...outgoing, origin: this.origin } as FeedMessage;
    this.deliver(message);
    this.send(message);
  }

  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    if (isCluster(this.redis)) {
      this.sharded = new ShardedFeed(this.redis, this.channel, (raw) => this.receive(raw), () => this.onSubscriberReady());
      this.sharded.start();
      return;
    }
    if (typeof this.redis.duplicate !== 'function') return this.subscribeThroughSentinel(this.redis);
    // Its own connection; commands queue while disconnected so that (re)subscribing waits for Redis.
    const subscriber = this.redis.duplicate({ disableOfflineQueue: false });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined);
    subscriber.on('ready', () => this.onSubscriberReady());
    subscriber.subscribe(this.channel, (raw: string) => this.receive(raw)).catch((error: Error) => this.logger.warn(`Feed subscription failed: ${error.message}`));
    await connectInBackground(subscriber, 1000);
  }

  onApplicationShutdown(): void {
    this.sharded?.stop();
    if (this.subscriber?.isOpen) this.subscriber.destroy();
    this.subscriber = null;
  }

  /** Sentinel's client keeps a pub/sub connection of its own to the current master; a master switch may have lost messages. */
  private subscribeThroughSentinel(sentinel: RedisConnection): void {
    sentinel.subscribe(this.channel, (raw: string) => this.receive(raw)).catch((error: Error) => this.logger.warn(`Feed subscription failed: ${error.message}`));
    sentinel.on('topology-change', (event: { type?: string }) => {
      if (event.type === 'MASTER_CHANGE') this.onSubscriberReady();
    });
  }

  private send(message: FeedMessage): void {
    if (!this.redis) return;
    if (!isRedisReady(this.redis) || this.pending >= MAX_PENDING_PUBLISHES) {
      this.markPublishFailed('Redis is not reachable');
      return;
    }
    this.pending += 1;
    const payload = encodeFeedMessage(message);
    const userId = message.kind === 'resync' ? null : message.userId;
    (this.sharded ? this.sharded.publish(userId, payload) : this.redis.publish(this.channel, payload))
      .then(() => this.afterPublished(message))
      .catch((error: Error) => this.markPublishFailed(error.message))
      .finally(() => (this.pending -= 1));
  }

  /** After an interruption, the first publish that goes through is followed by a resync request to every instance. */
  private afterPublished(message: FeedMessage): void {
    if (this.publishFailed && message.kind !== 'resync') this.requestResync();
  }

  private requestResync(): void {
    this.publishFailed = false;
    this.logger.log('Feed publishing works again: every instance resyncs its streams');
    this.send({ kind: 'resync', origin: this.origin });
  }

  private markPublishFailed(reason: string): void {
    if (!this.publishFailed) this.logger.warn(`Feed publish failed (${reason}); other instances will be told to resync`);
    this.publishFailed = true;
  }

  private onSubscriberReady(): void {
    // Our own streams may have missed other instances' messages while the subscriber was away.
    for (const listener of this.listeners) listener.resync();
    // And other instances may have missed ours, if publishing failed meanwhile.
    if (this.publishFailed) this.requestResync();
  }

  private receive(raw: string): void {
    const message = decodeFeedMessage(raw);
    if (!message || message.origin === this.origin) return;
    if (message.kind === 'resync') for (const listener of this.listeners) listener.resync();
    else this.deliver(message);
  }

  private deliver(message: FeedMessage): void {
    for (const listener of this.listeners) {
      try {
        listener.message(message);
      } catch (error) {
        this.logger.error(error instanceof Error ? error.stack : String(error));
      }
    }
  }
}
