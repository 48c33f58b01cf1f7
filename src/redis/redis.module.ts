import { Global, Inject, Injectable, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { connectInBackground, createRedisConnection, stopConnecting } from './redis-connection';
import { withDeadline } from './deadline';
import { RedisConnection } from './redis-topology';

/**
 * The application's one Redis connection (null without REDIS_URL). Shared by the response cache
 * and anything else that needs Redis (rate limits); it fails fast rather than queueing.
 */
export const REDIS_CONNECTION = Symbol('REDIS_CONNECTION');

export const redisConnectionProvider: Provider = {
  provide: REDIS_CONNECTION,
  inject: [AppConfig],
  useFactory: async (config: AppConfig): Promise<RedisConnection | null> => {
    if (!config.redisUrl) return null;
    const client = createRedisConnection(config.redisUrl, { tlsCaFile: config.redisTlsCaFile, password: config.redisPassword, topology: config.redisTopology });
    await connectInBackground(client, 1000);
    return client;
  },
};

/** Closes the shared Redis connection when the application shuts down. */
@Injectable()
export class RedisConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CONNECTION) private readonly redis: RedisConnection | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis) stopConnecting(this.redis);
    // A cluster may still be reconnecting to a node that died: closing must not wait for it.
    if (this.redis?.isOpen) await withDeadline(this.redis.close(), 2000).catch(() => this.redis?.destroy());
  }
}

/** The shared Redis connection (REDIS_CONNECTION, null without REDIS_URL), for every layer above. */
@Global()
@Module({
  providers: [redisConnectionProvider, RedisConnectionCloser],
  exports: [REDIS_CONNECTION],
})
export class RedisModule {}
