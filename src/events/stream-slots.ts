import { Inject, Injectable, Logger } from '@nestjs/common';
import { REDIS_CONNECTION } from '../redis/redis.module';
import { isRedisReady, RedisConnection } from '../redis/redis-topology';
import { withDeadline } from '../redis/deadline';
import { AppConfig } from '../config/app-config';

/** API.md: at most 5 open streams per user, counted across all instances. */
export const MAX_STREAMS_PER_USER = 5;
const REDIS_DEADLINE_MS = 500;

/**
 * Takes a slot when fewer than `limit` unexpired ones remain: one sorted set per user, one member
 * per stream, scored with its expiry (refreshed by the heartbeat), so the slots of a killed
 * instance expire by themselves instead of leaking.
 */
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

/** The user's stream slots, in the user's hash slot (`{u:<id>}`, as the cache keys). */
export function slotsKey(userId: number): string {
  return `events:slots:{u:${userId}}`;
}

export interface SlotHolder {
  id: string;
  userId: number;
}

/**
 * The per-user stream limit. With Redis it counts across instances; without REDIS_URL, or while
 * Redis cannot be reached, it counts this instance's streams (as the rate limits do).
 */
@Injectable()
export class StreamSlots {
  private readonly logger = new Logger(StreamSlots.name);
  private readonly local = new Map<number, Set<string>>();
  /** A slot lives this long without a heartbeat refreshing it. */
  readonly ttlMs: number;

  constructor(
    @Inject(REDIS_CONNECTION) private readonly redis: RedisConnection | null,
    config: AppConfig,
  ) {
    this.ttlMs = config.events.heartbeatMs * 2 + 5000;
  }

  async acquire(holder: SlotHolder): Promise<boolean> {
    const shared = await this.acquireShared(holder);
    const mine = this.local.get(holder.userId) ?? new Set<string>();
    if (shared === false || (shared === null && mine.size >= MAX_STREAMS_PER_USER)) return false;
    mine.add(holder.id);
    this.local.set(holder.userId, mine);
    return true;
  }

  release(holder: SlotHolder): void {
    const mine = this.local.get(holder.userId);
    mine?.delete(holder.id);
    if (mine?.size === 0) this.local.delete(holder.userId);
    this.run(() => this.redis!.zRem(slotsKey(holder.userId), holder.id));
  }

  /** Pushes the expiry of every open stream's slot forward (commands sent together, on each heartbeat; on a cluster each goes to its user's slot). */
  refresh(holders: readonly SlotHolder[]): void {
    if (!this.redis || holders.length === 0) return;
    const expiresAt = Date.now() + this.ttlMs;
    const redis = this.redis;
    this.run(() => Promise.all(holders.flatMap(({ id, userId }) => [redis.zAdd(slotsKey(userId), { score: expiresAt, value: id }), redis.pExpire(slotsKey(userId), this.ttlMs)])));
  }

  /** true or false from Redis; null without Redis or when it failed (then this instance decides). */
  private async acquireShared({ id, userId }: SlotHolder): Promise<boolean | null> {
    if (!this.redis || !isRedisReady(this.redis)) return null;
    const now = Date.now();
    const args = [String(now), String(now + this.ttlMs), String(MAX_STREAMS_PER_USER), id, String(this.ttlMs)];
    try {
      const taken = await withDeadline(this.redis.eval(ACQUIRE, { keys: [slotsKey(userId)], arguments: args }), REDIS_DEADLINE_MS);
      return taken === 1;
    } catch (error) {
      this.logger.warn(`Stream slots counted on this instance only: ${(error as Error).message}`);
      return null;
    }
  }

  private run(command: () => Promise<unknown>): void {
    if (!this.redis || !isRedisReady(this.redis)) return;
    command().catch((error: Error) => this.logger.warn(`Stream slot update failed: ${error.message}`));
  }
}
