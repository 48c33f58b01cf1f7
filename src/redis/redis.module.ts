import { Global, Inject, Injectable, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { RedisClientType } from '@redis/client';
import { AppConfig } from '../config/app-config';
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
    const client = createRedisConnection(config.redisUrl, { tlsCaFile: config.redisTlsCaFile, password: config.redisPassword });
    await connectInBackground(client, 1000);
    return client;
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

/** The shared Redis connection (REDIS_CONNECTION, null without REDIS_URL), for every layer above. */
@Global()
@Module({
  providers: [redisConnectionProvider, RedisConnectionCloser],
  exports: [REDIS_CONNECTION],
})
export class RedisModule {}
