import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { CACHED_ENDPOINT_KEY, CachedEndpointOptions } from './cached-endpoint.decorator';
import { endpointKey, wantsRefresh } from './endpoint-key';

/**
 * Lets the JWT guard fetch the entry of a cached GET together with the user's validity token, in
 * the same Redis round trip: a hit then costs one round trip, not two. The key is opaque outside
 * src/cache; the interceptor only uses the prefetched value when its own key is the same.
 */
@Injectable()
export class CachePrefetch {
  constructor(private readonly reflector: Reflector) {}

  keyFor(context: ExecutionContext, user: { id: number; timezone: string; dayStartHour: number }): string | null {
    const options = this.reflector.get<CachedEndpointOptions | undefined>(CACHED_ENDPOINT_KEY, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!options || request.method !== 'GET' || wantsRefresh(request)) return null;
    return endpointKey(options, request, user);
  }
}
