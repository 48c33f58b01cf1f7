import { BadRequestException, Injectable } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CHANGES } from '../common/change-groups';
import { UserWrites } from '../changes/user-writes';
import { todayFor } from '../common/dates/user-today';
import { isForeignKeyViolation } from '../common/database/database-errors';
import { Habit } from '../habits/habit.entity';
import { HabitsRepository } from '../habits/habits.repository';
import { BatchPutItemDto, RecordBatchDto, RecordBatchResponse } from './dto/record-batch.dto';
import { toRecordResponse } from './dto/record.response';
import { HabitRecordsRepository, keyOf, RecordPut } from './habit-records.repository';
import { ParsedBatch, parseRecordBatch } from './record-batch';
import { MISSING_VALUE, recordableProblem, recordFields } from './record-rules';

const NOT_YOUR_HABIT = 'must be the id of one of your habits';

/**
 * POST /api/records/batch: every item is checked (shape, duplicates, habit, dates, values)
 * before anything is written, then all of it is applied in one transaction with one revision,
 * and one change is announced for the whole batch.
 *
 * A habit that is not the user's is a 400 naming the item (`put[2].habitId`), not a 404: the batch
 * as a whole is bad input, and a 404 could not say which item it is about.
 */
@Injectable()
export class RecordBatchService {
  constructor(
    private readonly records: HabitRecordsRepository,
    private readonly habits: HabitsRepository,
    private readonly writes: UserWrites,
  ) {}

  async apply(user: AuthUser, body: RecordBatchDto): Promise<RecordBatchResponse> {
    const batch = parseRecordBatch(body);
    const puts = await this.resolve(user, batch);
    const deleted = await this.write(user.id, puts, batch.deletes);
    const written = await this.records.findForKeys(user.id, puts);
    return { put: puts.flatMap((put) => written.get(keyOf(put)) ?? []).map(toRecordResponse), deleted };
  }

  /** The fields each put writes, once every item's habit, date and value were found valid. */
  private async resolve(user: AuthUser, batch: ParsedBatch): Promise<RecordPut[]> {
    const habitIds = [...new Set([...batch.puts, ...batch.deletes].map((item) => item.habitId))];
    const habits = new Map((await this.habits.findOwnedByIds(user.id, habitIds)).map((habit) => [habit.id, habit]));
    const today = todayFor(user);
    const problems: string[] = [];
    const puts = batch.puts.map((item, index) => putOf(item, habits.get(item.habitId), today, `put[${index}]`, problems));
    batch.deletes.forEach((item, index) => {
      if (!habits.has(item.habitId)) problems.push(`delete[${index}].habitId ${NOT_YOUR_HABIT}`);
    });
    if (problems.length > 0) throw new BadRequestException(problems);
    return puts.filter((put): put is RecordPut => put !== null);
  }

  /** A habit deleted between the checks and the transaction fails the whole batch (nothing is written). */
  private async write(userId: number, puts: RecordPut[], deletes: ParsedBatch['deletes']): Promise<number> {
    try {
      return await this.writes.write(userId, CHANGES.record, (write) => this.records.applyBatch(write, puts, deletes));
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new BadRequestException(`a habit of this batch was deleted meanwhile; nothing was written`);
      throw error;
    }
  }
}

function putOf(item: BatchPutItemDto, habit: Habit | undefined, today: string, name: string, problems: string[]): RecordPut | null {
  if (!habit) {
    problems.push(`${name}.habitId ${NOT_YOUR_HABIT}`);
    return null;
  }
  const dateProblem = recordableProblem(habit, item.date, today);
  if (dateProblem) problems.push(`${name}.date ${dateProblem}`);
  if (habit.kind === 'numeric' && (item.status ?? 'done') === 'done' && (item.value ?? undefined) === undefined) {
    problems.push(`${name}.${MISSING_VALUE}`);
    return null;
  }
  return dateProblem ? null : { habitId: item.habitId, date: item.date, ...recordFields(habit, item) };
}
