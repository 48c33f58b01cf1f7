import { Injectable } from '@nestjs/common';
import { CachePrefetchResult } from '../common/http/request-principal';
import { CacheReadPlan } from './cache-prefetch';
import { CacheStore } from './cache-store';
import { CacheKeyUser, keyContext } from './endpoint-key';

export interface CurrentGenerations {
  /** Validity of the user's remembered principals (session memo); null = trust nothing, use the database. */
  session: string | null;
  /** Validity of the entries of the planned route's group; null without a plan or when unavailable. */
  entry: string | null;
  prefetched?: CachePrefetchResult;
}

/**
 * The user's current validity tokens (global epoch + the user's generation of a scope). A scope's
 * token changes with every invalidation of it, on every instance; the JWT guard reads them once per
 * request, before any database work: the session memo is checked against the session token, the
 * response cache against the route group's token.
 */
@Injectable()
export class CacheGenerations {
  constructor(private readonly store: CacheStore) {}

  /** With a plan and a known user, the route's entry is read in the same round trip. */
  async current(userId: number, plan: CacheReadPlan | null, knownUser?: CacheKeyUser): Promise<CurrentGenerations> {
    const key = plan && knownUser ? plan.keyFor(knownUser) : null;
    if (!plan || !key || !knownUser) {
      const validity = await this.store.validity(userId, plan?.group ?? null);
      return { session: validity?.session ?? null, entry: validity?.entry ?? null };
    }
    const read = await this.store.validityWithEntry(userId, plan.group, key);
    if (!read) return { session: null, entry: null };
    return { session: read.session, entry: read.entry, prefetched: { key, context: keyContext(knownUser).join('\n'), raw: read.raw } };
  }
}
