import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { FragmentRead, FragmentSlot } from './cache-backend';
import { fragmentKey } from './cache-keys';
import { CacheStats } from './cache-stats';
import { CacheStore } from './cache-store';
import { CacheKeyUser } from './endpoint-key';
import { decodeFragment, encodeFragment, fragmentHash, FragmentQuery, FragmentSubject } from './fragment-entry';

export type { FragmentQuery, FragmentSubject } from './fragment-entry';

/** The parts found for one read, and the way to store the parts computed for the others. */
export interface FragmentBatch {
  /** Habit id → its stored part, for the habits whose part is valid now. */
  readonly found: ReadonlyMap<number, string>;
  /** Stores parts (habit id → part) under the tokens this read saw; never throws. */
  store(parts: ReadonlyMap<number, string>): Promise<void>;
}

/**
 * Per-habit parts of the analytics reports ("fragments"), so that a change of one habit recomputes
 * only that habit's part. A part is served only under the validity token of its habit read here, before
 * the caller's database reads of the missing parts; a write names the habits it changed and replaces
 * their generations (CacheInvalidator). Key shapes and storage stay in src/cache; when the store is
 * unavailable (or caching is off) nothing is found and nothing is stored.
 */
@Injectable()
export class FragmentCache {
  constructor(
    private readonly store: CacheStore,
    private readonly stats: CacheStats,
    private readonly config: AppConfig,
  ) {}

  /** One round trip for every subject's token and part; read it before reading the database for the missing parts. */
  async read(user: CacheKeyUser, query: FragmentQuery, subjects: readonly FragmentSubject[]): Promise<FragmentBatch> {
    const slots = subjects.map((subject) => ({ habitId: subject.habitId, key: fragmentKey(user.id, fragmentHash(user, query, subject)) }));
    const reads = await this.store.readFragments(user.id, slots);
    if (reads === null) return { found: new Map(), store: async () => undefined };
    const found = foundParts(slots, reads);
    this.stats.fragments.hit += found.size;
    this.stats.fragments.miss += slots.length - found.size;
    return { found, store: (parts) => this.storeParts(user.id, slots, reads, parts) };
  }

  private async storeParts(userId: number, slots: FragmentSlot[], reads: FragmentRead[], parts: ReadonlyMap<number, string>): Promise<void> {
    const writes = slots.flatMap((slot, index) => {
      const part = parts.get(slot.habitId);
      const token = reads[index].token;
      return part === undefined ? [] : [{ ...slot, token, value: encodeFragment(token, part) }];
    });
    await this.store.storeFragments(userId, writes, this.config.cache.ttlSeconds.analytics);
  }
}

function foundParts(slots: readonly FragmentSlot[], reads: readonly FragmentRead[]): Map<number, string> {
  const found = new Map<number, string>();
  reads.forEach((read, index) => {
    const part = read.raw === null ? null : decodeFragment(read.raw, read.token);
    if (part !== null) found.set(slots[index].habitId, part);
  });
  return found;
}
