import { Logger } from '@nestjs/common';
import { isRedisReady, RedisConnection } from '../redis/redis-topology';

/** A user's feed channel on a Redis Cluster: in the user's hash slot, so SPUBLISH reaches one shard only. */
export function userFeedChannel(base: string, userId: number): string {
  return `${base}:{u:${userId}}`;
}

/**
 * The feed's subscriptions on a Redis Cluster: sharded pub/sub (SSUBSCRIBE, Redis 7) on the
 * channel of each user who has an open stream on this instance (counted, unsubscribed with the
 * last one), plus the classic channel for the rare "everything changed" message, which must reach
 * every instance. The cluster client keeps the subscriptions across reconnections and failovers;
 * after any interruption `onResumed` runs once the cluster answers again (messages may be lost).
 */
export class ShardedFeed {
  private readonly logger = new Logger(ShardedFeed.name);
  private readonly followers = new Map<number, number>();
  private interrupted = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly cluster: RedisConnection,
    private readonly base: string,
    private readonly receive: (raw: string) => void,
    private readonly onResumed: () => void,
  ) {
    for (const event of ['node-error', 'node-reconnecting', 'node-disconnect']) cluster.on(event, () => this.markInterrupted());
  }

  start(): void {
    this.cluster.subscribe(this.base, this.receive).catch((error: Error) => this.logger.warn(`Feed subscription failed: ${error.message}`));
  }

  follow(userId: number): void {
    const count = (this.followers.get(userId) ?? 0) + 1;
    this.followers.set(userId, count);
    if (count === 1) this.subscribe(userId);
  }

  unfollow(userId: number): void {
    const count = (this.followers.get(userId) ?? 0) - 1;
    if (count > 0) return void this.followers.set(userId, count);
    this.followers.delete(userId);
    this.cluster.sUnsubscribe(userFeedChannel(this.base, userId), this.receive).catch(() => undefined);
  }

  publish(userId: number | null, payload: string): Promise<unknown> {
    return userId === null ? this.cluster.publish(this.base, payload) : this.cluster.sPublish(userFeedChannel(this.base, userId), payload);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private markInterrupted(): void {
    this.interrupted = true;
    if (!this.timer) this.timer = setTimeout(() => this.checkResumed(), 250);
    this.timer.unref();
  }

  /**
   * node-redis drops the sharded subscriptions of a master that left the slot map (its replica
   * took over) without moving them: every followed channel is subscribed again (a channel still
   * subscribed is left as it is: same listener, and SSUBSCRIBE is idempotent).
   */
  private checkResumed(): void {
    this.timer = undefined;
    if (!this.interrupted) return;
    if (!isRedisReady(this.cluster)) return this.markInterrupted();
    this.interrupted = false;
    for (const userId of this.followers.keys()) this.subscribe(userId);
    this.onResumed();
  }

  private subscribe(userId: number): void {
    this.cluster.sSubscribe(userFeedChannel(this.base, userId), this.receive).catch((error: Error) => {
      this.logger.warn(`Feed subscription failed: ${error.message}`);
      this.markInterrupted();
    });
  }
}
