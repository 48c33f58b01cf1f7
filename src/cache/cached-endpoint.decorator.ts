import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiExtension, ApiHeader, ApiResponse } from '@nestjs/swagger';
import { CACHED_ROUTE_EXTENSION } from '../common/openapi/finish-document';
import { CACHED_ENDPOINT_KEY, CachedEndpointOptions } from './cached-endpoint.options';
import { CachedResponseInterceptor } from './cached-response.interceptor';
import { CachedRouteConfig } from './cached-route';

/**
 * Caches a GET handler's 2xx response per user (key `user:<id>:<group>:<hash>`, docs/caching.md).
 * Writes need nothing more: the write door (`UserWrites.write`) names what changed after each
 * commit, and the group's entries of that user stop being served. A plain hit is answered before
 * Nest's pipeline (EarlyHits), by the same guards and the same interceptor.
 */
export const CachedEndpoint = (options: CachedEndpointOptions) =>
  applyDecorators(
    SetMetadata(CACHED_ENDPOINT_KEY, options),
    UseInterceptors(CachedResponseInterceptor),
    CachedRouteConfig(options),
    ApiExtension(CACHED_ROUTE_EXTENSION, true),
    ApiHeader({ name: 'Cache-Control', required: false, description: '`no-cache` without If-None-Match bypasses the cached entry and refills it (X-Cache: BYPASS); with If-None-Match the cached entry is used' }),
    ApiHeader({ name: 'If-None-Match', required: false, description: 'ETags of bodies you hold (a list, or `*`; weak comparison): 304 when one is current' }),
    ApiResponse({
      status: 304,
      description: 'Not Modified: If-None-Match matched the current ETag; no body, same ETag, Cache-Control, Vary and X-Cache',
      headers: { ETag: { description: 'Strong entity tag of the current body', schema: { type: 'string' } } },
    }),
  );
