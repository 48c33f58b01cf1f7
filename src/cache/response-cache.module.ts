import { Global, Module } from '@nestjs/common';
import { CACHE_BACKEND } from './cache-backend';
import { cacheBackendProvider } from './cache-backend.provider';
import { CacheAdminService } from './cache-admin.service';
import { CacheGenerations } from './cache-generations';
import { CachePrefetch } from './cache-prefetch';
import { CacheInvalidator } from './cache-invalidator';
import { CacheStats } from './cache-stats';
import { CacheStore } from './cache-store';
import { CachedResponseInterceptor } from './cached-response.interceptor';
import { EarlyHits } from './early-hits';
import { FragmentCache } from './fragment-cache';

@Global()
@Module({
  providers: [cacheBackendProvider],
  exports: [CACHE_BACKEND],
})
class CacheBackendModule {}

/**
 * Everything about response caching. Feature modules only use @CachedEndpoint; writes reach the
 * cache through the write door (UserWrites → ChangeNotifier → CacheInvalidator).
 */
@Global()
@Module({
  imports: [CacheBackendModule],
  providers: [CacheStats, CacheStore, CacheGenerations, CachePrefetch, CacheInvalidator, CachedResponseInterceptor, CacheAdminService, FragmentCache, EarlyHits],
  exports: [CacheStats, CacheStore, CacheGenerations, CachePrefetch, CacheInvalidator, CachedResponseInterceptor, CacheAdminService, FragmentCache, EarlyHits],
})
export class ResponseCacheModule {}
