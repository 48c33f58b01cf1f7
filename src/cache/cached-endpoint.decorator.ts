import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { CacheGroup } from './cache-group';
import { CachedResponseInterceptor } from './cached-response.interceptor';

export const CACHED_ENDPOINT_KEY = 'cachedEndpoint';

export interface CachedEndpointOptions {
  group: CacheGroup;
  /** Seconds; defaults to the group's TTL setting. */
  ttl?: number;
  /**
   * The values the handler uses for omitted query parameters, given today in the user's time
   * zone: `?archived=false` and no `archived` at all then share one entry.
   */
  queryDefaults?: (request: { today: string; query: Record<string, unknown> }) => Record<string, string>;
}

/**
 * Caches a GET handler's 2xx response per user (key `user:<id>:<group>:<hash>`).
 * Mutations of that user's data must call `CacheInvalidator.invalidateUser`.
 */
export const CachedEndpoint = (options: CachedEndpointOptions) =>
  applyDecorators(
    SetMetadata(CACHED_ENDPOINT_KEY, options),
    UseInterceptors(CachedResponseInterceptor),
    ApiHeader({ name: 'Cache-Control', required: false, description: '`no-cache` bypasses the cached entry and refills it (X-Cache: BYPASS)' }),
    ApiHeader({ name: 'If-None-Match', required: false, description: 'ETags of bodies you hold (a list, or `*`; weak comparison): 304 when one is current' }),
    ApiResponse({
      status: 304,
      description: 'Not Modified: If-None-Match matched the current ETag; no body, same ETag, Cache-Control, Vary and X-Cache',
      headers: { ETag: { description: 'Strong entity tag of the current body', schema: { type: 'string' } } },
    }),
  );
