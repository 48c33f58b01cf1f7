import { Injectable } from '@nestjs/common';
import { CacheGroup, CACHE_GROUPS } from '../common/change-groups';

export type CacheOutcome = 'hit' | 'miss' | 'bypass';

export interface GroupCounters {
  hit: number;
  miss: number;
  bypass: number;
}

/** Live counters of this process (admin stats and /metrics read them). */
@Injectable()
export class CacheStats {
  readonly byGroup: Record<CacheGroup, GroupCounters> = Object.fromEntries(
    CACHE_GROUPS.map((group) => [group, { hit: 0, miss: 0, bypass: 0 }]),
  ) as Record<CacheGroup, GroupCounters>;
  invalidations = 0;
  errors = 0;
  /** 304 answers to a matching If-None-Match (any outcome). */
  notModified = 0;
  /** Analytics fragments (one habit's part of a report): served from the cache, or computed. */
  readonly fragments = { hit: 0, miss: 0 };

  record(group: CacheGroup, outcome: CacheOutcome): void {
    this.byGroup[group][outcome] += 1;
  }

  total(outcome: CacheOutcome): number {
    return CACHE_GROUPS.reduce((sum, group) => sum + this.byGroup[group][outcome], 0);
  }
}
