import { Injectable } from '@nestjs/common';
import { DataSource, FindOptionsOrder, FindOptionsWhere, MoreThan } from 'typeorm';
import { SessionResolver } from '../auth/session-resolver';
import { Category } from '../categories/category.entity';
import { toCategoryResponse } from '../categories/dto/category.response';
import { SyncTombstone, TombstoneKind } from '../changes/sync-tombstone.entity';
import { Habit } from '../habits/habit.entity';
import { toHabitResponse } from '../habits/dto/habit.response';
import { toRecordResponse } from '../records/dto/record.response';
import { HabitRecord } from '../records/habit-record.entity';
import { User } from '../users/user.entity';
import { toUserResponse } from '../users/user-response';
import { WebhookEvent } from './webhook-subscription.entity';

/** API.md: a delivery holds at most 500 changes. */
export const CHANGES_PER_DELIVERY = 500;

export type Change = Record<string, unknown> & { entity: 'record' | 'habit' | 'category' | 'profile'; op: 'put' | 'delete' };

/** Where the next chunk of a write's changes starts. */
export interface ChunkCursor {
  segment: number;
  afterId: number;
}

export interface Chunk {
  changes: Change[];
  next: ChunkCursor;
  /** Nothing follows this chunk. */
  last: boolean;
}

interface Segment {
  group: WebhookEvent;
  /** Up to `limit` changes of the write with a key above `afterId`, in key order, with their keys. */
  read(userId: number, revision: number, afterId: number, limit: number): Promise<Array<{ key: number; change: Change }>>;
}

/**
 * The changes of one committed write, read back from the rows it stamped with its revision
 * (categories, habits, records) and the tombstones it left, in that order (an import: its
 * categories, then its habits, then its records), then the profile; chunk by chunk, each read by
 * key from where the previous one stopped (a 10-year import costs no OFFSET scans). A row changed
 * again by a later write carries that write's revision and is delivered with it instead.
 */
@Injectable()
export class ChangeReader {
  private readonly segments: Segment[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionResolver,
  ) {
    this.segments = [
      this.rows('categories', Category, (category) => ({ entity: 'category', op: 'put', category: toCategoryResponse(category) })),
      this.tombstones('categories', 'category', (t) => ({ entity: 'category', op: 'delete', id: t.entityId })),
      this.rows('habits', Habit, (habit) => ({ entity: 'habit', op: 'put', habit: toHabitResponse(habit) })),
      this.tombstones('habits', 'habit', (t) => ({ entity: 'habit', op: 'delete', id: t.entityId })),
      this.rows('records', HabitRecord, (record) => ({ entity: 'record', op: 'put', record: toRecordResponse(record) })),
      this.tombstones('records', 'record', (t) => ({ entity: 'record', op: 'delete', habitId: t.entityId, date: t.date })),
      { group: 'profile', read: (userId, _revision, afterId) => this.profile(userId, afterId) },
    ];
  }

  /** The next chunk of the write's changes of the `wanted` groups, from `from`. */
  async chunk(userId: number, revision: number, wanted: ReadonlySet<WebhookEvent>, from: ChunkCursor): Promise<Chunk> {
    const changes: Change[] = [];
    let { segment, afterId } = from;
    while (segment < this.segments.length) {
      const current = this.segments[segment];
      const room = CHANGES_PER_DELIVERY - changes.length;
      const read = wanted.has(current.group) ? await current.read(userId, revision, afterId, room) : [];
      changes.push(...read.map((item) => item.change));
      if (read.length === room && room > 0) return { changes, next: { segment, afterId: read[read.length - 1].key }, last: false };
      segment += 1;
      afterId = 0;
      if (changes.length === CHANGES_PER_DELIVERY) return { changes, next: { segment, afterId }, last: false };
    }
    return { changes, next: { segment, afterId }, last: true };
  }

  private rows<T extends { id: number; userId: number; revision: number }>(group: WebhookEvent, entity: new () => T, toChange: (row: T) => Change): Segment {
    return {
      group,
      read: async (userId, revision, afterId, limit) => {
        const where = { userId, revision, id: MoreThan(afterId) } as FindOptionsWhere<T>;
        const order = { id: 'ASC' } as FindOptionsOrder<T>;
        const rows = await this.dataSource.getRepository(entity).find({ where, order, take: limit });
        return rows.map((row) => ({ key: row.id, change: toChange(row) }));
      },
    };
  }

  private tombstones(group: WebhookEvent, kind: TombstoneKind, toChange: (tombstone: SyncTombstone) => Change): Segment {
    return {
      group,
      read: async (userId, revision, afterId, limit) => {
        const rows = await this.dataSource.getRepository(SyncTombstone).find({ where: { userId, revision, kind, id: MoreThan(afterId) }, order: { id: 'ASC' }, take: limit });
        return rows.map((row) => ({ key: row.id, change: toChange(row) }));
      },
    };
  }

  private async profile(userId: number, afterId: number): Promise<Array<{ key: number; change: Change }>> {
    if (afterId > 0) return [];
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    if (!user) return [];
    return [{ key: 1, change: { entity: 'profile', op: 'put', user: toUserResponse(user, this.sessions.roleOf(user)) } }];
  }
}
