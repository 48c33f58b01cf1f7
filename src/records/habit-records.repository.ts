import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { RecordStatus } from '../habits/habit-schedule';
import { UserWrite } from '../changes/user-writes';
import { HabitRecord } from './habit-record.entity';

export interface RecordFields {
  status: RecordStatus;
  value: number;
  note: string | null;
}

export interface RecordKey {
  habitId: number;
  date: string;
}

export interface NewRecord extends RecordFields, RecordKey {
  userId: number;
}

export type RecordPut = RecordKey & RecordFields;

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
   * One transaction, one revision: every put applied (replaced or inserted) and every delete
   * (of the records that exist). Keys must be distinct; returns how many records were deleted.
   */
  async applyBatch(write: UserWrite, puts: RecordPut[], deletes: RecordKey[]): Promise<number> {
    const { manager, userId, revision } = write;
    const existing = await this.findByKeys(manager, userId, [...puts, ...deletes]);
    const now = new Date();
    const inserts: Partial<HabitRecord>[] = [];
    for (const put of puts) {
      const current = existing.get(keyOf(put));
      const { habitId, date, ...fields } = put;
      if (current) await manager.update(HabitRecord, { id: current.id }, { ...fields, revision, updatedAt: now });
      else inserts.push({ userId, habitId, date, ...fields, revision, createdAt: now, updatedAt: now });
    }
    for (let start = 0; start < inserts.length; start += INSERT_CHUNK) {
      await manager.insert(HabitRecord, inserts.slice(start, start + INSERT_CHUNK));
    }
    const gone = deletes.flatMap((key) => existing.get(keyOf(key)) ?? []);
    if (gone.length > 0) await manager.delete(HabitRecord, { id: In(gone.map((record) => record.id)) });
    await write.deleted(gone.map((record) => ({ kind: 'record', entityId: record.habitId, date: record.date })));
    return gone.length;
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

export function keyOf(key: RecordKey): string {
  return `${key.habitId}/${key.date}`;
}
