import { CacheModule } from '@nestjs/cache-manager';
import { Global, Module } from '@nestjs/common';
import { CACHE_BACKEND, CacheBackend } from './cache-backend';
import { cacheBackendProvider } from './cache-backend.provider';
import { CacheAdminService } from './cache-admin.service';
import { CacheGenerations } from './cache-generations';
import { CachePrefetch } from './cache-prefetch';
import { CacheInvalidator } from './cache-invalidator';
import { CacheStats } from './cache-stats';
import { CacheStore } from './cache-store';
import { CachedResponseInterceptor } from './cached-response.interceptor';

@Global()
@Module({
  providers: [cacheBackendProvider],
  exports: [CACHE_BACKEND],
})
class CacheBackendModule {}

/**
 * Everything about response caching. Feature modules only use @CachedEndpoint and inject
 * CacheInvalidator. CACHE_MANAGER (cache-manager 7) is backed by the same Keyv store.
 */
@Global()
@Module({
  imports: [
    CacheBackendModule,
    CacheModule.registerAsync({
      inject: [CACHE_BACKEND],
      useFactory: (backend: CacheBackend | null) => ({ stores: backend ? [backend.keyv] : undefined }),
    }),
  ],
  providers: [CacheStats, CacheStore, CacheGenerations, CachePrefetch, CacheInvalidator, CachedResponseInterceptor, CacheAdminService],
  exports: [CacheStats, CacheStore, CacheGenerations, CachePrefetch, CacheInvalidator, CachedResponseInterceptor, CacheAdminService, CacheModule],
})
export class ResponseCacheModule {}
