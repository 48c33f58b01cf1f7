import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RecordStatus } from '../habits/habit-schedule';
import { HabitRecord } from './habit-record.entity';

export interface RecordFields {
  status: RecordStatus;
  value: number;
  note: string | null;
}

export interface NewRecord extends RecordFields {
  userId: number;
  habitId: number;
  date: string;
}

/**
 * Every query is scoped by the owner's id. Timestamps are set from the application clock, with
 * millisecond precision on both drivers (SQLite's own `datetime('now')` only has seconds).
 */
@Injectable()
export class HabitRecordsRepository {
  constructor(@InjectRepository(HabitRecord) private readonly records: Repository<HabitRecord>) {}

  findForHabitDate(userId: number, habitId: number, date: string): Promise<HabitRecord | null> {
    return this.records.findOneBy({ userId, habitId, date });
  }

  /** Fails with a unique violation when the (habit, date) record already exists. */
  async insertRecord(record: NewRecord): Promise<void> {
    const now = new Date();
    await this.records.insert({ ...record, createdAt: now, updatedAt: now });
  }

  /** Replaces the fields of an existing record; returns the number of rows changed (0 when there is none). */
  async updateForHabitDate(userId: number, habitId: number, date: string, fields: RecordFields): Promise<number> {
    const result = await this.records.update({ userId, habitId, date }, { ...fields, updatedAt: new Date() });
    return result.affected ?? 0;
  }

  async deleteForHabitDate(userId: number, habitId: number, date: string): Promise<number> {
    const result = await this.records.delete({ userId, habitId, date });
    return result.affected ?? 0;
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
}
