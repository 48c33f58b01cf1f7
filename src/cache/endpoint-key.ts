import type { FastifyRequest } from 'fastify';
import { todayFor } from '../common/dates/user-today';
import { CachedEndpointOptions } from './cached-endpoint.options';
import { responseKey } from './cache-keys';
import { hashRequest } from './request-key';

/** What of the user a cache key depends on besides the request. */
export interface CacheKeyUser {
  id: number;
  timezone: string;
  dayStartHour: number;
}

/** Everything of the user a response may depend on besides its id: the time zone, the day start and today for them. */
export function keyContext(user: CacheKeyUser): string[] {
  return [user.timezone, String(user.dayStartHour), todayFor(user)];
}

/** Keys computed lately, by user, context and raw URL: a repeated request costs a Map lookup, not a hash. */
const KEY_MEMO_LIMIT = 10_000;
const rememberedKeys = new Map<string, string>();

/**
 * The cache key of a request to a @CachedEndpoint route, for this user. The raw URL (path and query
 * string) of a GET decides the route, its params and its query, and the context decides the rest,
 * so the same URL for the same user and context always gives the same key.
 */
export function endpointKey(options: CachedEndpointOptions, request: FastifyRequest, user: CacheKeyUser): string {
  const context = keyContext(user);
  const memoKey = `${user.id}\n${context.join('\n')}\n${request.url}`;
  const remembered = rememberedKeys.get(memoKey);
  if (remembered !== undefined) return remembered;
  const key = computeEndpointKey(options, request, user.id, context);
  if (rememberedKeys.size >= KEY_MEMO_LIMIT) rememberedKeys.delete(rememberedKeys.keys().next().value!);
  rememberedKeys.set(memoKey, key);
  return key;
}

function computeEndpointKey(options: CachedEndpointOptions, request: FastifyRequest, userId: number, context: string[]): string {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const hash = hashRequest({
    route: request.routeOptions.url ?? request.url,
    params: (request.params ?? {}) as Record<string, unknown>,
    query,
    queryDefaults: options.queryDefaults?.({ today: context[2], query }) ?? {},
    context,
  });
  return responseKey(userId, options.group, hash);
}

/**
 * `Cache-Control: no-cache` from the client without a validator: skip the read, refill the entry.
 * With `If-None-Match` the entry is used whatever Cache-Control says (API.md v3, detail 1): the
 * Fetch standard adds `no-cache` to every request that carries `If-None-Match`, so honouring it
 * there would make every revalidation a miss.
 */
export function wantsRefresh(request: FastifyRequest): boolean {
  return request.headers['if-none-match'] === undefined && /no-cache/i.test(request.headers['cache-control'] ?? '');
}
