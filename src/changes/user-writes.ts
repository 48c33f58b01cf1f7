import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChangeGroup } from '../common/change-groups';
import { TransactionRunner } from '../database/transaction-runner';
import { ChangeNotifier } from './change-notifier';
import { bumpRevision, Deletion, recordDeletions } from './sync-revisions';

/** One write of a user's data in progress: its transaction and the sync revision its rows carry. */
export interface UserWrite {
  readonly userId: number;
  readonly manager: EntityManager;
  /** The user's new sync revision: stamp every row this write inserts or updates with it. */
  readonly revision: number;
  /** Tombstones (for GET /api/sync) of rows this write deleted. */
  deleted(deletions: Deletion[]): Promise<void>;
  /**
   * Says the work changed nothing after all (an import of a file already imported, an empty PATCH):
   * the transaction is rolled back (the revision bump with it) and nothing is announced.
   */
  unchanged(): void;
  /**
   * Names the habits whose row or records this write changes (their analytics fragments are
   * recomputed; the others' stay cached). A write that names none changes every habit's analytics
   * as far as the cache knows; `habitsChanged()` with no id says it changes no habit's.
   */
  habitsChanged(...habitIds: number[]): void;
}

/**
 * Work another module adds to every write, inside its transaction after the write's own work (for
 * instance an outbox row for the change webhooks): it commits or rolls back with the write.
 */
export type WriteHook = (write: UserWrite, groups: readonly ChangeGroup[]) => Promise<void>;

/**
 * THE door for every write of a user's data (categories, habits, records, reminders, profile,
 * imports). `write` runs `work` in one transaction, after bumping the user's sync revision in it;
 * the hooks run in the same transaction; after the commit, the change is announced once
 * (ChangeNotifier.committed: the user's cached responses of those groups, and the analytics fragments
 * of the habits the work named, stop being served; open change feeds hear of it). A work that throws rolls everything back and announces nothing; a
 * service can neither bump without announcing nor announce without a commit.
 *
 *   return this.writes.write(userId, CHANGES.habit, async (write) => {
 *     if ((await this.habits.updateOwned(write, id, changes)) === 0) throw new NotFoundException('Habit not found');
 *   });
 *
 * Bumping first matters: on PostgreSQL the upsert locks the user's counter row until commit, so a
 * user's transactions commit in revision order and a sync that sees revision N sees everything up to N.
 */
@Injectable()
export class UserWrites {
  private readonly hooks: WriteHook[] = [];

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly notifier: ChangeNotifier,
  ) {}

  /** Adds work to every later write (called once, at start-up, by the module that needs it). */
  addHook(hook: WriteHook): void {
    this.hooks.push(hook);
  }

  async write<T>(userId: number, groups: readonly ChangeGroup[], work: (write: UserWrite) => Promise<T>): Promise<T> {
    const change: { revision: number; habits: number[] | null } = { revision: 0, habits: null };
    try {
      const result = await this.transactions.run(async (manager) => {
        const write = new OpenWrite(manager, userId, await bumpRevision(manager, userId));
        const value = await work(write);
        if (write.changedNothing) throw new NothingChanged(value);
        for (const hook of this.hooks) await hook(write, groups);
        change.revision = write.revision;
        change.habits = write.habits && [...write.habits];
        return value;
      });
      await this.notifier.committed({ userId, groups, ...change });
      return result;
    } catch (error) {
      if (error instanceof NothingChanged) return error.value as T;
      throw error;
    }
  }
}

/** Thrown out of the transaction (rolling it back) when the work said it changed nothing. */
class NothingChanged extends Error {
  constructor(readonly value: unknown) {
    super('the write changed nothing');
  }
}

class OpenWrite implements UserWrite {
  changedNothing = false;
  /** Null until the work names a habit (or says it changed none). */
  habits: Set<number> | null = null;

  constructor(
    readonly manager: EntityManager,
    readonly userId: number,
    readonly revision: number,
  ) {}

  deleted(deletions: Deletion[]): Promise<void> {
    return recordDeletions(this.manager, this.userId, this.revision, deletions);
  }

  unchanged(): void {
    this.changedNothing = true;
  }

  habitsChanged(...habitIds: number[]): void {
    this.habits ??= new Set();
    for (const id of habitIds) this.habits.add(id);
  }
}
