import { CacheGroup } from '../common/change-groups';

/** The metadata @CachedEndpoint sets and CachedResponseInterceptor reads (a leaf: both import it). */
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
