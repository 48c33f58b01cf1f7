import { Injectable } from '@nestjs/common';
import { EntityManager, LessThan, ObjectLiteral } from 'typeorm';
import { Category } from '../categories/category.entity';
import { TransactionRunner } from '../database/transaction-runner';
import { Habit } from '../habits/habit.entity';
import { HabitRecord } from '../records/habit-record.entity';
import { afterIdFor, ItemKind, KIND, SyncPosition } from './sync-position';
import { SyncRevision } from '../changes/sync-revision.entity';
import { SyncTombstone } from '../changes/sync-tombstone.entity';

export interface SyncState {
  revision: number;
  purgedRevision: number;
}

/** Up to `limit + 1` items of each kind after a position, in position order. */
export interface ChangedRows {
  categories: Category[];
  habits: Habit[];
  records: HabitRecord[];
  tombstones: SyncTombstone[];
}

type Revisioned = ObjectLiteral & { id: number; userId: number; revision: number };

/** The reads of GET /api/sync (inside one snapshot transaction), and the purge of old tombstones. */
@Injectable()
export class SyncRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  async state(manager: EntityManager, userId: number): Promise<SyncState> {
    const row = await manager.findOneBy(SyncRevision, { userId });
    return { revision: row?.revision ?? 0, purgedRevision: row?.purgedRevision ?? 0 };
  }

  /** Live rows (and, unless `withTombstones` is false, tombstones) after `after`; `limit + 1` of each kind at most. */
  async changedSince(manager: EntityManager, userId: number, after: SyncPosition, limit: number, withTombstones: boolean): Promise<ChangedRows> {
    return {
      categories: await this.after(manager, Category, KIND.category, userId, after, limit),
      habits: await this.after(manager, Habit, KIND.habit, userId, after, limit),
      records: await this.after(manager, HabitRecord, KIND.record, userId, after, limit),
      tombstones: withTombstones ? await this.after(manager, SyncTombstone, KIND.tombstone, userId, after, limit) : [],
    };
  }

  /**
   * Forgets the user's deletions older than `horizon`, remembering the highest revision forgotten:
   * a cursor from before it may have missed one of them, so it gets a full sync.
   */
  purgeTombstones(userId: number, horizon: Date): Promise<void> {
    return this.transactions.run(async (manager) => {
      const expired = { userId, deletedAt: LessThan(horizon) };
      const newest = await manager.maximum(SyncTombstone, 'revision', expired);
      if (newest === null) return;
      await manager.update(SyncRevision, { userId }, { purgedRevision: newest });
      await manager.delete(SyncTombstone, expired);
    });
  }

  private after<T extends Revisioned>(
    manager: EntityManager,
    entity: new () => T,
    kind: ItemKind,
    userId: number,
    after: SyncPosition,
    limit: number,
  ): Promise<T[]> {
    return manager
      .createQueryBuilder(entity, 'e')
      .where('e.userId = :userId', { userId })
      .andWhere('(e.revision > :revision OR (e.revision = :revision AND e.id > :afterId))', {
        revision: after.revision,
        afterId: afterIdFor(kind, after),
      })
      .orderBy('e.revision', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(limit + 1)
      .getMany();
  }
}
