import { Provider } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { REDIS_CONNECTION } from '../redis/redis.module';
import { RedisConnection } from '../redis/redis-topology';
import { CACHE_BACKEND, CacheBackend } from './cache-backend';
import { MemoryCacheBackend } from './memory-cache-backend';
import { RedisCacheBackend } from './redis-cache-backend';

/** Redis when REDIS_URL is set, in-process memory otherwise, nothing when CACHE_ENABLED=false. */
export const cacheBackendProvider: Provider = {
  provide: CACHE_BACKEND,
  inject: [AppConfig, REDIS_CONNECTION],
  useFactory: (config: AppConfig, redis: RedisConnection | null): CacheBackend | null => {
    if (!config.cache.enabled) return null;
    return redis ? new RedisCacheBackend(redis) : new MemoryCacheBackend();
  },
};
