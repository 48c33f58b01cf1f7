import type { FastifyRequest } from 'fastify';
import { todayFor } from '../common/dates/user-today';
import { CachedEndpointOptions } from './cached-endpoint.decorator';
import { responseKey } from './cache-keys';
import { hashRequest } from './request-key';

/** The cache key of a request to a @CachedEndpoint route, for this user (id and time zone). */
export function endpointKey(options: CachedEndpointOptions, request: FastifyRequest, user: { id: number; timezone: string; dayStartHour: number }): string {
  const today = todayFor(user);
  const query = (request.query ?? {}) as Record<string, unknown>;
  const hash = hashRequest({
    route: request.routeOptions.url ?? request.url,
    params: (request.params ?? {}) as Record<string, unknown>,
    query,
    queryDefaults: options.queryDefaults?.({ today, query }) ?? {},
    context: [user.timezone, String(user.dayStartHour), today],
  });
  return responseKey(user.id, options.group, hash);
}

/** `Cache-Control: no-cache` from the client: skip the read, refill the entry. */
export function wantsRefresh(request: FastifyRequest): boolean {
  return /no-cache/i.test(request.headers['cache-control'] ?? '');
}
