import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { REDIS_CONNECTION } from '../redis/redis.module';
import { isRedisReady, RedisConnection } from '../redis/redis-topology';
import { CircuitBreaker, CircuitState } from '../redis/circuit-breaker';
import { withDeadline } from '../redis/deadline';
import { AppConfig } from '../config/app-config';
import { BatchedWindows } from './batched-windows';
import { MemoryWindows } from './memory-windows';
import { hitInRedis, refundInRedis } from './redis-windows';
import { APPROXIMATE_THROTTLERS } from './throttlers';
import { WindowCount } from './window-count';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How often the approximate counters are shared through Redis. */
export const SYNC_INTERVAL_MS = 100;

/**
 * Fixed-window counters in the application's shared Redis connection, so that limits hold across
 * instances; when Redis is down or hung (same deadline as the cache, then a circuit breaker), each
 * instance counts in its own memory, so limits still apply — per instance — and nobody is blocked
 * because of Redis.
 *
 * - Exact limits (login, registration): one atomic round trip per counted request.
 * - Approximate limits (the per-user limit on every request): counted in process, shared every
 *   SYNC_INTERVAL_MS in one pipelined batch (see BatchedWindows): no Redis on the request path.
 */
@Injectable()
export class RateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(RateLimitStorage.name);
  private readonly exactFallback = new MemoryWindows();
  private readonly approximate = new BatchedWindows();
  private readonly breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000 });
  private readonly timeoutMs: number;
  private readonly syncTimer: NodeJS.Timeout | null = null;
  private syncing = false;
  /** Exact hits counted in this process's memory because Redis could not be reached (a metric). */
  fallbackHits = 0;

  constructor(
    @Inject(REDIS_CONNECTION) private readonly redis: RedisConnection | null,
    config: AppConfig,
  ) {
    this.timeoutMs = config.cache.operationTimeoutMs;
    if (redis) {
      this.syncTimer = setInterval(() => void this.sync(), SYNC_INTERVAL_MS);
      this.syncTimer.unref();
    }
  }

  /** Whether counts are currently shared through Redis (a metric): connected and authenticated, and not failing. */
  get shared(): boolean {
    return this.redis !== null && isRedisReady(this.redis) && this.breaker.state === 'closed';
  }

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttler: string): Promise<ThrottlerStorageRecord> {
    const count = APPROXIMATE_THROTTLERS.has(throttler) ? this.approximate.hit(key, ttl) : await this.exactHit(key, ttl);
    const seconds = Math.max(1, Math.ceil(count.resetInMs / 1000));
    const isBlocked = count.total > limit;
    return { totalHits: count.total, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
  }

  /** Gives back one exact hit of `key` (a login that succeeded does not count as a failure). */
  async refund(key: string): Promise<void> {
    if (this.redis && this.breaker.state === 'closed') {
      try {
        await withDeadline(refundInRedis(this.redis, key), this.timeoutMs);
        return;
      } catch (error) {
        this.onFailure(error);
      }
    }
    this.exactFallback.refund(key);
  }

  onApplicationShutdown(): void {
    if (this.syncTimer) clearInterval(this.syncTimer);
  }

  /**
   * Counted in Redis; hits of the same key counted in memory during an outage are added to the
   * shared counter with the first hit after it, so that an outage never resets a limit.
   */
  private async exactHit(key: string, ttlMs: number): Promise<WindowCount> {
    if (this.redis && this.breaker.allowRequest()) {
      const outageHits = this.exactFallback.take(key);
      try {
        const count = await withDeadline(hitInRedis(this.redis, key, 1 + outageHits, ttlMs), this.timeoutMs);
        this.breaker.recordSuccess();
        return count;
      } catch (error) {
        this.exactFallback.add(key, outageHits, ttlMs);
        this.onFailure(error);
      }
    }
    this.fallbackHits += 1;
    return this.exactFallback.hit(key, ttlMs);
  }

  /**
   * One batch at a time; skipped when nothing was counted since the last one. While the circuit
   * is open the same timer probes Redis (after the breaker's cooldown), so that limits are shared
   * again as soon as Redis answers, not only when the next login comes.
   */
  private async sync(): Promise<void> {
    if (this.syncing || !this.redis) return;
    if (!this.approximate.hasUnsynced) return this.breaker.state === 'closed' ? undefined : this.probe(this.redis);
    this.syncing = true;
    const redis = this.redis;
    try {
      if (!this.breaker.allowRequest()) {
        await this.approximate.flush(null);
        return;
      }
      const synced = await this.approximate.flush((key, count, ttlMs) => withDeadline(hitInRedis(redis, key, count, ttlMs), this.timeoutMs));
      if (synced) this.breaker.recordSuccess();
      else this.onFailure('a batch of rate-limit counts could not be shared');
    } finally {
      this.syncing = false;
    }
  }

  private async probe(redis: RedisConnection): Promise<void> {
    if (!this.breaker.allowRequest()) return;
    this.syncing = true;
    try {
      await withDeadline(redis.ping(), this.timeoutMs);
      if (this.breaker.recordSuccess()) this.logger.log('Redis answers again, rate limits are shared by every instance');
    } catch (error) {
      this.onFailure(error);
    } finally {
      this.syncing = false;
    }
  }

  private onFailure(error: unknown): void {
    const before: CircuitState = this.breaker.state;
    this.breaker.recordFailure();
    const after: CircuitState = this.breaker.state;
    if (before === 'closed' && after === 'open') {
      this.logger.warn(`Redis unavailable, rate limits are counted per instance: ${String(error)}`);
    }
  }
}
