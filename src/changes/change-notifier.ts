import { Injectable } from '@nestjs/common';
import { CacheInvalidator } from '../cache/cache-invalidator';
import { ChangeGroup } from './change-group';

/**
 * The one door for "something changed": a service calls `committed` once, after its write has
 * committed and before it answers, naming the user and what changed. This service fans it out
 * (the cached responses of the groups it names; the change feed hangs here too),
 * so no feature grows a second call per mutation. Never throws for a cache that is unreachable.
 */
@Injectable()
export class ChangeNotifier {
  constructor(private readonly cacheInvalidator: CacheInvalidator) {}

  async committed(userId: number, groups: readonly ChangeGroup[]): Promise<void> {
    if (groups.length === 0) return;
    await this.cacheInvalidator.invalidateChanges(userId, groups);
  }

  /**
   * One or more sessions of the user ended (logout, logout-all, session deleted, password changed,
   * account deleted), after the database says so: remembered principals are dropped on every
   * instance (the user's cache generation changes), and open event streams re-check their token.
   */
  async sessionsEnded(userId: number): Promise<void> {
    await this.cacheInvalidator.invalidateSessions(userId);
  }
}
