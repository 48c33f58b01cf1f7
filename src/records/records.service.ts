import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CHANGES } from '../common/change-groups';
import { UserWrites } from '../changes/user-writes';
import { todayFor } from '../common/dates/user-today';
import { isForeignKeyViolation, isUniqueViolation } from '../common/database/database-errors';
import { DEFAULT_RANGE_DAYS, resolveDateRange } from '../common/validation/date-range';
import { Habit } from '../habits/habit.entity';
import { HabitsRepository } from '../habits/habits.repository';
import { ListRecordsQuery } from './dto/list-records.query';
import { PutRecordDto } from './dto/put-record.dto';
import { RecordResponse, RecordUpsertResult, toRecordResponse } from './dto/record.response';
import { HabitRecordsRepository } from './habit-records.repository';
import { RecordFields } from './record-keys';
import { recordableProblem, recordFields } from './record-rules';

/** Attempts of the update-or-insert loop; a race needs a concurrent insert AND delete to use more than one. */
const UPSERT_ATTEMPTS = 3;

@Injectable()
export class RecordsService {
  constructor(
    private readonly records: HabitRecordsRepository,
    private readonly habits: HabitsRepository,
    private readonly writes: UserWrites,
  ) {}

  /** Ordered by date, then habit id; records of archived habits included. Without `from`/`to`: the 30 days ending today. */
  async list(user: AuthUser, query: ListRecordsQuery): Promise<RecordResponse[]> {
    if (query.habitId !== undefined) await this.getHabit(user.id, query.habitId);
    const { from, to } = resolveDateRange(query, todayFor(user), { defaultDays: DEFAULT_RANGE_DAYS });
    const habitIds = query.habitId === undefined ? undefined : [query.habitId];
    const records = await this.records.findInRange(user.id, from, to, habitIds);
    return records.map(toRecordResponse);
  }

  /** Idempotent upsert of the (habit, date) record; `created` tells 201 from 200. */
  async put(user: AuthUser, habitId: number, date: string, dto: PutRecordDto): Promise<RecordUpsertResult> {
    const habit = await this.getHabit(user.id, habitId);
    assertRecordable(habit, date, todayFor(user));
    const created = await this.upsert(user.id, habitId, date, recordFields(habit, dto));
    const record = await this.records.findForHabitDate(user.id, habitId, date);
    if (!record) throw new NotFoundException('Record not found');
    return { created, record: toRecordResponse(record) };
  }

  async remove(userId: number, habitId: number, date: string): Promise<void> {
    await this.getHabit(userId, habitId);
    await this.writes.write(userId, CHANGES.record, async (write) => {
      write.habitsChanged(habitId);
      if ((await this.records.deleteForHabitDate(write, habitId, date)) === 0) throw new NotFoundException('Record not found');
    });
  }

  private async getHabit(userId: number, habitId: number): Promise<Habit> {
    const habit = await this.habits.findOwned(userId, habitId);
    if (!habit) throw new NotFoundException('Habit not found');
    return habit;
  }

  /**
   * Update the existing record, or insert one, in one transaction. Two concurrent PUTs may both
   * find none: the unique index on (habit_id, date) lets one insert win, and the other goes round
   * again and updates.
   */
  private async upsert(userId: number, habitId: number, date: string, fields: RecordFields): Promise<boolean> {
    for (let attempt = 0; attempt < UPSERT_ATTEMPTS; attempt++) {
      try {
        return await this.writes.write(userId, CHANGES.record, (write) => {
          write.habitsChanged(habitId);
          return this.records.upsertForHabitDate(write, { habitId, date, ...fields });
        });
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new NotFoundException('Habit not found');
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw new ConflictException('The record was changed concurrently; try again');
  }
}

/** Nothing can be recorded before the habit starts, nor after today in the user's time zone. */
function assertRecordable(habit: Habit, date: string, today: string): void {
  const problem = recordableProblem(habit, date, today);
  if (problem) throw new BadRequestException(`date ${problem}`);
}
