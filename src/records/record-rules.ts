import { BadRequestException } from '@nestjs/common';
import { Habit } from '../habits/habit.entity';
import { PutRecordDto } from './dto/put-record.dto';
import { RecordFields } from './record-keys';

/** Why `date` cannot hold a record of `habit` (a phrase following the field's name), or null. */
export function recordableProblem(habit: Habit, date: string, today: string): string | null {
  if (date < habit.startDate) return `must not be before the habit's startDate (${habit.startDate})`;
  if (date > today) return `must not be after today (${today}) in your time zone`;
  return null;
}

/**
 * PUT replaces the whole record: status defaults to done, note to null.
 * Boolean habits always store value 1 (a value sent for them is ignored); numeric habits need a value
 * when done, and store 0 when skipped without one.
 */
export function recordFields(habit: Habit, dto: PutRecordDto): RecordFields {
  const status = dto.status ?? 'done';
  const note = dto.note ?? null;
  if (habit.kind !== 'numeric') return { status, value: 1, note };
  const value = dto.value ?? undefined;
  if (value === undefined && status === 'done') throw new BadRequestException(MISSING_VALUE);
  return { status, value: value ?? 0, note };
}

export const MISSING_VALUE = 'value is required for a numeric habit with status done';
