import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { RedisClientType } from '@redis/client';
import { AppConfig } from '../config/app-config';
import { CACHE_BACKEND, CacheBackend } from './cache-backend';
import { MemoryCacheBackend } from './memory-cache-backend';
import { RedisCacheBackend } from './redis-cache-backend';
import { connectInBackground, createRedisConnection } from './redis-connection';

/**
 * The application's one Redis connection (null without REDIS_URL). Shared by the response cache
 * and anything else that needs Redis (rate limits); it fails fast rather than queueing.
 */
export const REDIS_CONNECTION = Symbol('REDIS_CONNECTION');

export const redisConnectionProvider: Provider = {
  provide: REDIS_CONNECTION,
  inject: [AppConfig],
  useFactory: async (config: AppConfig): Promise<RedisClientType | null> => {
    if (!config.redisUrl) return null;
    const client = createRedisConnection(config.redisUrl, { tlsCaFile: config.redisTlsCaFile });
    await connectInBackground(client, 1000);
    return client;
  },
};

/** Redis when REDIS_URL is set, in-process memory otherwise, nothing when CACHE_ENABLED=false. */
export const cacheBackendProvider: Provider = {
  provide: CACHE_BACKEND,
  inject: [AppConfig, REDIS_CONNECTION],
  useFactory: (config: AppConfig, redis: RedisClientType | null): CacheBackend | null => {
    if (!config.cache.enabled) return null;
    return redis ? new RedisCacheBackend(redis) : new MemoryCacheBackend();
  },
};

/** Closes the shared Redis connection when the application shuts down. */
@Injectable()
export class RedisConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CONNECTION) private readonly redis: RedisClientType | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis?.isOpen) await this.redis.close().catch(() => undefined);
  }
}
