import { Injectable } from '@nestjs/common';
import { CacheInvalidator } from '../cache/cache-invalidator';
import { EventBus } from './event-bus';
import { ChangeGroup } from '../common/change-groups';

/** A committed write: whose data, which groups, and the sync revision its rows carry (UserWrites.write says it once per write). */
export interface CommittedChange {
  userId: number;
  groups: readonly ChangeGroup[];
  /** The habits whose row or records changed, when the write named them (null: any habit may have). */
  habits?: readonly number[] | null;
  revision: number;
}

/**
 * What follows a committed write (UserWrites.write calls `committed` once per write, after its
 * commit and before the request answers), and the end of sessions. A change fans out:
 * the cached responses of the groups it names are dropped, then the change is published to the
 * user's open event streams on every instance (fire and forget: publishing never blocks or fails
 * the mutation). So no feature grows a second call per mutation. Never throws for a cache or
 * Redis that is unreachable.
 */
@Injectable()
export class ChangeNotifier {
  constructor(
    private readonly cacheInvalidator: CacheInvalidator,
    private readonly bus: EventBus,
  ) {}

  async committed({ userId, groups, habits = null }: CommittedChange): Promise<void> {
    if (groups.length === 0) return;
    await this.cacheInvalidator.invalidateChanges(userId, groups, habits);
    this.bus.publish({ kind: 'change', userId, groups: [...groups], at: new Date().toISOString() });
  }

  /**
   * One or more sessions of the user ended (logout, logout-all, session deleted, password changed),
   * after the database says so: remembered principals are dropped on every
   * instance (the user's session generation changes), then the user's open event streams re-check
   * their token on every instance and end the refused ones.
   */
  async sessionsEnded(userId: number): Promise<void> {
    await this.cacheInvalidator.invalidateSessions(userId);
    this.bus.publish({ kind: 'sessions', userId });
  }

  /**
   * The account is gone (its deletion went through UserWrites, whose announcement of every group
   * already dropped all its cached responses and remembered principals): its open event streams
   * re-check their token on every instance and end.
   */
  accountDeleted(userId: number): void {
    this.bus.publish({ kind: 'sessions', userId });
  }
}
