import { ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RouteMetadata } from '../common/http/route-metadata';
import { CacheGroup } from '../common/change-groups';
import { CACHED_ENDPOINT_KEY, CachedEndpointOptions } from './cached-endpoint.options';
import { CacheKeyUser, endpointKey, wantsRefresh } from './endpoint-key';

/**
 * What the guard's one Redis round trip reads for a cached GET: the generation of the route's group
 * and, when the user is already known, the entry itself (a hit then costs one round trip, not two).
 */
export interface CacheReadPlan {
  group: CacheGroup;
  /** The entry's key for this user, or null when the client asked to skip the cache. */
  keyFor(user: CacheKeyUser): string | null;
}

/**
 * Lets the JWT guard read the route's generation and entry together with the session check. The
 * key is opaque outside src/cache; the interceptor only uses the prefetched value when its own key
 * is the same.
 */
@Injectable()
export class CachePrefetch {
  constructor(private readonly reflector: RouteMetadata) {}

  planFor(context: ExecutionContext): CacheReadPlan | null {
    const options = this.reflector.get<CachedEndpointOptions | undefined>(CACHED_ENDPOINT_KEY, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!options || request.method !== 'GET') return null;
    const refresh = wantsRefresh(request);
    return { group: options.group, keyFor: (user) => (refresh ? null : endpointKey(options, request, user)) };
  }
}
