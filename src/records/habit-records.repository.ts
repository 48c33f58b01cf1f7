import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { UserWrite } from '../changes/user-writes';
import { SyncTombstone } from '../changes/sync-tombstone.entity';
import { HabitRecord } from './habit-record.entity';
import { keyOf, RecordKey, RecordPut } from './record-keys';
import { BatchPlan, planBatch, TimedDelete, TimedPut } from './record-conflicts';
import { assertRoomForRecords } from './account-record-count';

/** Rows per multi-row INSERT (10 parameters each: far below SQLite's limit on bound variables). */
const INSERT_CHUNK = 100;

/**
 * Every query is scoped by the owner's id. Timestamps are set from the application clock, with
 * millisecond precision on both drivers (SQLite's own `datetime('now')` only has seconds).
 * Writes run inside a UserWrite (the door, UserWrites.write) and stamp the rows they change with its revision.
 */
@Injectable()
export class HabitRecordsRepository {
  constructor(@InjectRepository(HabitRecord) private readonly records: Repository<HabitRecord>) {}

  findForHabitDate(userId: number, habitId: number, date: string): Promise<HabitRecord | null> {
    return this.records.findOneBy({ userId, habitId, date });
  }

  /**
   * Replaces the (habit, date) record or inserts it; true when it was created. A concurrent
   * insert of the same record fails this one with a unique violation (the caller retries).
   */
  async upsertForHabitDate({ manager, userId, revision }: UserWrite, put: RecordPut): Promise<boolean> {
    const { habitId, date, ...fields } = put;
    const updated = await manager.update(HabitRecord, { userId, habitId, date }, { ...fields, revision, updatedAt: new Date() });
    if ((updated.affected ?? 0) > 0) return false;
    await assertRoomForRecords(manager, userId, 1);
    const now = new Date();
    await manager.insert(HabitRecord, { userId, ...put, revision, createdAt: now, updatedAt: now });
    return true;
  }

  async deleteForHabitDate(write: UserWrite, habitId: number, date: string): Promise<number> {
    const result = await write.manager.delete(HabitRecord, { userId: write.userId, habitId, date });
    const affected = result.affected ?? 0;
    if (affected > 0) await write.deleted([{ kind: 'record', entityId: habitId, date }]);
    return affected;
  }

  /**
   * One transaction, one revision: the batch's puts and deletes are planned against what is stored
   * (read inside the transaction, after the user's revision row is locked, so that concurrent
   * batches of the user are decided one after the other), then every planned put is applied
   * (replaced or inserted) and every planned delete. Keys must be distinct.
   */
  async applyBatch(write: UserWrite, puts: TimedPut[], deletes: TimedDelete[]): Promise<BatchPlan> {
    const { manager, userId, revision } = write;
    const keys = [...puts, ...deletes];
    const stored = { records: await this.findByKeys(manager, userId, keys), deletedAt: await this.deletionTimes(manager, userId, keys) };
    const plan = planBatch(puts, deletes, stored);
    await this.writePuts(manager, userId, revision, plan.puts, stored.records);
    const gone = plan.deletes;
    if (gone.length > 0) await manager.delete(HabitRecord, { id: In(gone.map(({ record }) => record.id)) });
    await write.deleted(gone.map(({ record, changedAt }) => ({ kind: 'record', entityId: record.habitId, date: record.date, at: changedAt })));
    // A replay (every item already applied or newer): nothing changed, nothing is kept or announced.
    if (plan.puts.length === 0 && plan.deletes.length === 0) write.unchanged();
    return plan;
  }

  /** The ids among `habitIds` of habits this user deleted (while their tombstones are kept). */
  async findDeletedHabitIds(userId: number, habitIds: number[]): Promise<Set<number>> {
    if (habitIds.length === 0) return new Set();
    const rows = await this.records.manager.findBy(SyncTombstone, { userId, kind: 'habit', entityId: In(habitIds) });
    return new Set(rows.map((row) => row.entityId));
  }

  private async writePuts(manager: EntityManager, userId: number, revision: number, puts: TimedPut[], existing: Map<string, HabitRecord>): Promise<void> {
    const now = new Date();
    const inserts: Partial<HabitRecord>[] = [];
    for (const put of puts) {
      const current = existing.get(keyOf(put));
      const { habitId, date, changedAt, ...fields } = put;
      const updatedAt = changedAt ?? now;
      if (current) await manager.update(HabitRecord, { id: current.id }, { ...fields, revision, updatedAt });
      else inserts.push({ userId, habitId, date, ...fields, revision, createdAt: updatedAt, updatedAt });
    }
    // 409 before the first insert; the updates above roll back with the transaction.
    await assertRoomForRecords(manager, userId, inserts.length);
    for (let start = 0; start < inserts.length; start += INSERT_CHUNK) {
      await manager.insert(HabitRecord, inserts.slice(start, start + INSERT_CHUNK));
    }
  }

  /** The time of the last deletion of each of these (habit, date) records, by key (from the tombstones kept). */
  private async deletionTimes(manager: EntityManager, userId: number, keys: RecordKey[]): Promise<Map<string, Date>> {
    const times = new Map<string, Date>();
    if (keys.length === 0) return times;
    const habitIds = [...new Set(keys.map((key) => key.habitId))];
    const dates = [...new Set(keys.map((key) => key.date))];
    const rows = await manager.findBy(SyncTombstone, { userId, kind: 'record', entityId: In(habitIds), date: In(dates) });
    for (const row of rows) {
      const key = keyOf({ habitId: row.entityId, date: row.date ?? '' });
      const known = times.get(key);
      if (!known || known.getTime() < row.deletedAt.getTime()) times.set(key, row.deletedAt);
    }
    return times;
  }

  /** The user's records with these (habit, date) keys, by key. */
  async findForKeys(userId: number, keys: RecordKey[]): Promise<Map<string, HabitRecord>> {
    return this.findByKeys(this.records.manager, userId, keys);
  }

  /** Records dated `from..to` (inclusive), of the given habits when `habitIds` is set; ordered by date, then habit. */
  async findInRange(userId: number, from: string, to: string, habitIds?: number[]): Promise<HabitRecord[]> {
    if (habitIds !== undefined && habitIds.length === 0) return [];
    const query = this.records
      .createQueryBuilder('r')
      .where('r.userId = :userId', { userId })
      .andWhere('r.date >= :from AND r.date <= :to', { from, to })
      .orderBy('r.date', 'ASC')
      .addOrderBy('r.habitId', 'ASC');
    if (habitIds !== undefined) query.andWhere('r.habitId IN (:...habitIds)', { habitIds });
    return query.getMany();
  }

  /** One query over the keys' habits and dates, narrowed to the exact pairs in memory. */
  private async findByKeys(manager: EntityManager, userId: number, keys: RecordKey[]): Promise<Map<string, HabitRecord>> {
    const found = new Map<string, HabitRecord>();
    if (keys.length === 0) return found;
    const wanted = new Set(keys.map(keyOf));
    const habitIds = [...new Set(keys.map((key) => key.habitId))];
    const dates = [...new Set(keys.map((key) => key.date))];
    const rows = await manager.findBy(HabitRecord, { userId, habitId: In(habitIds), date: In(dates) });
    for (const row of rows) if (wanted.has(keyOf(row))) found.set(keyOf(row), row);
    return found;
  }
}
