import { Injectable } from '@nestjs/common';
import type { ChangeGroup } from '../common/change-groups';
import { scopesChangedBy } from './cache-group';
import { CacheStore } from './cache-store';

/**
 * How the rest of the application tells the cache what changed (through ChangeNotifier, after the
 * commit, before the response leaves). Never throws: a store that cannot be reached is handled by
 * CacheStore (the circuit opens and the epoch is replaced before the store is trusted again).
 */
@Injectable()
export class CacheInvalidator {
  constructor(private readonly store: CacheStore) {}

  /**
   * Drops the user's cached responses that these changes can affect, on every instance, and the
   * analytics fragments of the habits the change names (`habits`; null: of every habit).
   */
  async invalidateChanges(userId: number, groups: readonly ChangeGroup[], habits: readonly number[] | null = null): Promise<void> {
    await this.store.invalidate(userId, scopesChangedBy(groups, habits));
  }

  /** The user's remembered principals are reloaded from the database on their next request, on every instance. */
  async invalidateSessions(userId: number): Promise<void> {
    await this.store.invalidate(userId, ['session']);
  }
}
