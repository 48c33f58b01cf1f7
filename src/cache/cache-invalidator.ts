import { Injectable } from '@nestjs/common';
import { CacheStore } from './cache-store';

/**
 * What services call after every successful mutation (after the database write, before the
 * response leaves). Never throws: a store that cannot be reached is handled by CacheStore.
 */
@Injectable()
export class CacheInvalidator {
  constructor(private readonly store: CacheStore) {}

  /** Drops every cached response of this user (`user:<id>:*`) on every instance. */
  async invalidateUser(userId: number): Promise<void> {
    await this.store.invalidateUser(userId);
  }
}
