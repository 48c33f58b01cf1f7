import { BadRequestException, Injectable } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CHANGES } from '../common/change-groups';
import { UserWrites } from '../changes/user-writes';
import { todayFor } from '../common/dates/user-today';
import { isForeignKeyViolation } from '../common/database/database-errors';
import { Habit } from '../habits/habit.entity';
import { HabitsRepository } from '../habits/habits.repository';
import { BatchDeleteItemDto, BatchPutItemDto, ConflictReason, RecordBatchDto, RecordBatchResponse, RecordConflictResponse } from './dto/record-batch.dto';
import { toRecordResponse } from './dto/record.response';
import { HabitRecordsRepository } from './habit-records.repository';
import { keyOf, RecordPut } from './record-keys';
import { BatchPlan, changeTime, LostItem, TimedDelete, TimedPut } from './record-conflicts';
import { ParsedBatch, parseRecordBatch } from './record-batch';
import { MISSING_VALUE, recordableProblem, recordFields } from './record-rules';

const NOT_YOUR_HABIT = 'must be the id of one of your habits';

/**
 * POST /api/records/batch: every item is checked (shape, duplicates, habit, dates, values)
 * before anything is written, then all of it is applied in one transaction with one revision,
 * and one change is announced for the whole batch.
 *
 * Writes made offline (items with `clientUpdatedAt`, v3) are decided in that transaction against
 * the stored state (record-conflicts.ts): an item that lost to a newer change, or whose habit was
 * deleted, is answered in `conflicts` instead of being applied. A batch that writes nothing (a replay)
 * announces no change.
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
    const now = new Date();
    const resolved = await this.resolve(user, batch, now);
    const plan = await this.write(user.id, resolved.puts, resolved.deletes);
    const lost = new Set(plan.lost.filter((item) => item.op === 'put').map((item) => keyOf(item.key)));
    const answered = resolved.puts.filter((put) => !lost.has(keyOf(put)));
    const written = await this.records.findForKeys(user.id, answered);
    return {
      put: answered.flatMap((put) => written.get(keyOf(put)) ?? []).map(toRecordResponse),
      deleted: plan.deletes.length,
      conflicts: conflictsOf([...resolved.habitsDeleted, ...plan.lost.map((item): Conflict => ({ ...item, reason: 'newer' }))]),
    };
  }

  /**
   * The fields each item writes, once every item's habit, date and value were found valid. An item
   * with `clientUpdatedAt` whose habit this user has deleted is set aside as a `habit_deleted` conflict.
   */
  private async resolve(user: AuthUser, batch: ParsedBatch, now: Date): Promise<ResolvedBatch> {
    const habitIds = [...new Set([...batch.puts, ...batch.deletes].map((item) => item.habitId))];
    const habits = new Map((await this.habits.findOwnedByIds(user.id, habitIds)).map((habit) => [habit.id, habit]));
    const deletedHabits = await this.records.findDeletedHabitIds(user.id, habitIds.filter((id) => !habits.has(id)));
    const gone = (item: BatchPutItemDto | BatchDeleteItemDto): boolean => item.clientUpdatedAt !== undefined && deletedHabits.has(item.habitId);
    const habitsDeleted: Conflict[] = [
      ...batch.puts.flatMap((item, index) => (gone(item) ? [lostItem('put', index, item)] : [])),
      ...batch.deletes.flatMap((item, index) => (gone(item) ? [lostItem('delete', index, item)] : [])),
    ];
    const today = todayFor(user);
    const problems: string[] = [];
    const puts = batch.puts.map((item, index) => (gone(item) ? null : putOf(item, habits.get(item.habitId), today, `put[${index}]`, problems)));
    const deletes: TimedDelete[] = [];
    batch.deletes.forEach((item, index) => {
      if (gone(item)) return;
      if (!habits.has(item.habitId)) problems.push(`delete[${index}].habitId ${NOT_YOUR_HABIT}`);
      else deletes.push({ habitId: item.habitId, date: item.date, changedAt: changeTime(item.clientUpdatedAt, now) });
    });
    if (problems.length > 0) throw new BadRequestException(problems);
    const timedPuts = puts.flatMap((put, index) => (put ? [{ ...put, changedAt: changeTime(batch.puts[index].clientUpdatedAt, now) }] : []));
    return { puts: timedPuts, deletes, habitsDeleted };
  }

  /** A habit deleted between the checks and the transaction fails the whole batch (nothing is written). */
  private async write(userId: number, puts: TimedPut[], deletes: TimedDelete[]): Promise<BatchPlan> {
    try {
      return await this.writes.write(userId, CHANGES.record, (write) => {
        write.habitsChanged(...puts.map((put) => put.habitId), ...deletes.map((item) => item.habitId));
        return this.records.applyBatch(write, puts, deletes);
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new BadRequestException(`a habit of this batch was deleted meanwhile; nothing was written`);
      throw error;
    }
  }
}

interface ResolvedBatch {
  puts: TimedPut[];
  deletes: TimedDelete[];
  habitsDeleted: Conflict[];
}

type Conflict = LostItem & { reason: ConflictReason };

function lostItem(op: 'put' | 'delete', index: number, item: BatchPutItemDto | BatchDeleteItemDto): Conflict {
  return { op, index, key: { habitId: item.habitId, date: item.date }, current: null, reason: 'habit_deleted' };
}

/** Conflicts in the order of the batch: puts first, then deletes. */
function conflictsOf(items: Conflict[]): RecordConflictResponse[] {
  return [...items]
    .sort((a, b) => (a.op === b.op ? a.index - b.index : a.op === 'put' ? -1 : 1))
    .map((item) => ({
      op: item.op,
      habitId: item.key.habitId,
      date: item.key.date,
      reason: item.reason,
      current: item.current ? toRecordResponse(item.current) : null,
    }));
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
