import { Provider } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { CACHE_BACKEND, CacheBackend } from './cache-backend';
import { MemoryCacheBackend } from './memory-cache-backend';
import { RedisCacheBackend } from './redis-cache-backend';
import { connectInBackground, createRedisConnection } from './redis-connection';

/** Redis when REDIS_URL is set, in-process memory otherwise, nothing when CACHE_ENABLED=false. */
export const cacheBackendProvider: Provider = {
  provide: CACHE_BACKEND,
  inject: [AppConfig],
  useFactory: async (config: AppConfig): Promise<CacheBackend | null> => {
    if (!config.cache.enabled) return null;
    if (!config.redisUrl) return new MemoryCacheBackend();
    const client = createRedisConnection(config.redisUrl);
    await connectInBackground(client, 1000);
    return new RedisCacheBackend(client);
  },
};
