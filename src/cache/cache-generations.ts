import { Injectable } from '@nestjs/common';
import { CachePrefetchResult } from '../common/http/request-principal';
import { CacheStore } from './cache-store';

/**
 * The user's current validity token (global epoch + user generation). It changes with every
 * invalidation of the user, on every instance; the JWT guard reads it once per request, before
 * any database work, and both the response cache and the session memo are checked against it.
 */
@Injectable()
export class CacheGenerations {
  constructor(private readonly store: CacheStore) {}

  /**
   * Null when caching is disabled or the store is unavailable: trust nothing, use the database.
   * With a `prefetchKey` (from CachePrefetch), that entry is read in the same round trip.
   */
  async current(
    userId: number,
    prefetch?: { key: string; timezone: string; dayStartHour: number } | null,
  ): Promise<{ validity: string | null; prefetched?: CachePrefetchResult }> {
    if (!prefetch) return { validity: await this.store.validity(userId) };
    const { validity, raw } = await this.store.validityWithEntry(userId, prefetch.key);
    return raw === undefined ? { validity } : { validity, prefetched: { ...prefetch, raw } };
  }
}
