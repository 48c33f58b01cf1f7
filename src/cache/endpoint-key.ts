import type { FastifyRequest } from 'fastify';
import { todayIn } from '../common/dates/calendar-date';
import { CachedEndpointOptions } from './cached-endpoint.decorator';
import { responseKey } from './cache-keys';
import { hashRequest } from './request-key';

/** What of the user a cache key depends on besides the request. */
export interface CacheKeyUser {
  id: number;
  timezone: string;
}

/** Everything of the user a response may depend on besides its id: the time zone and today there. */
export function keyContext(user: CacheKeyUser): string[] {
  return [user.timezone, todayIn(user.timezone)];
}

/** The cache key of a request to a @CachedEndpoint route, for this user. */
export function endpointKey(options: CachedEndpointOptions, request: FastifyRequest, user: CacheKeyUser): string {
  const context = keyContext(user);
  const query = (request.query ?? {}) as Record<string, unknown>;
  const hash = hashRequest({
    route: request.routeOptions.url ?? request.url,
    params: (request.params ?? {}) as Record<string, unknown>,
    query,
    queryDefaults: options.queryDefaults?.({ today: context[1], query }) ?? {},
    context,
  });
  return responseKey(user.id, options.group, hash);
}

/** `Cache-Control: no-cache` from the client: skip the read, refill the entry. */
export function wantsRefresh(request: FastifyRequest): boolean {
  return /no-cache/i.test(request.headers['cache-control'] ?? '');
}
