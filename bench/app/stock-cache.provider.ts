import KeyvRedis from '@keyv/redis';
import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { Cache, createCache } from 'cache-manager';
import Keyv from 'keyv';
import { AppConfig } from '../../src/config/app-config';

/** DI token of the stock scenario's cache-manager: its own Keyv over @keyv/redis, default serializer. */
export const STOCK_CACHE = Symbol('STOCK_CACHE');

const STOCK_TTL_MS = 3600 * 1000;

/**
 * What an application gets from `CacheModule.register({ stores: [new KeyvRedis(url)] })`: a Keyv with
 * its default (JSON) serializer on the same Redis as the product cache, under its own namespace.
 */
export const stockCacheProvider: Provider = {
  provide: STOCK_CACHE,
  inject: [AppConfig],
  useFactory: (config: AppConfig): Cache => {
    const store = config.redisUrl ? new KeyvRedis(config.redisUrl) : undefined;
    const keyv = new Keyv({ store, namespace: 'bench-stock' });
    keyv.on('error', () => undefined);
    return createCache({ stores: [keyv], ttl: STOCK_TTL_MS });
  },
};

/** Closes the stock cache's own Redis connection with the application. */
@Injectable()
export class StockCacheCloser implements OnApplicationShutdown {
  constructor(@Inject(STOCK_CACHE) private readonly cache: Cache) {}

  async onApplicationShutdown(): Promise<void> {
    await this.cache.disconnect().catch(() => undefined);
  }
}
