import { toEpochDay } from '../common/dates/calendar-date';
import type { AnalyticsHabit, AnalyticsRecord, DayMark, DayRecord } from './analytics.types';

/** A habit with its records indexed by epoch day, built once per computation. */
export interface HabitHistory {
  habit: AnalyticsHabit;
  startDay: number;
  marks: Map<number, DayMark>;
  /** The records themselves (status and value), by epoch day. */
  records: Map<number, DayRecord>;
  /** Latest marked epoch day, `-Infinity` when there is none. */
  lastMarkedDay: number;
}

/** Boolean habit: status done. Numeric habit: status done and `value >= target` (`at_most`: `value <= target`). */
export function isDoneRecord(
  habit: Pick<AnalyticsHabit, 'kind' | 'target' | 'targetType'>,
  record: Pick<AnalyticsRecord, 'status' | 'value'>,
): boolean {
  if (record.status !== 'done') return false;
  if (habit.kind !== 'numeric') return true;
  return habit.targetType === 'at_most' ? record.value <= habit.target : record.value >= habit.target;
}

function markOf(habit: AnalyticsHabit, record: AnalyticsRecord): DayMark {
  if (record.status === 'skipped') return 'skipped';
  return isDoneRecord(habit, record) ? 'done' : 'not-done';
}

/**
 * Indexes records by habit and epoch day, in one pass. Ignored: records of unknown habits, records dated
 * before their habit's startDate (nothing is due then) or after `lastDay`. Should two records share a
 * (habit, date), the later one in `records` wins. `withMarks: false` leaves `marks` empty (the walk
 * reads `records`; only performance needs the marks).
 */
export function buildHabitHistories(
  habits: readonly AnalyticsHabit[],
  records: readonly AnalyticsRecord[],
  lastDay: number,
  withMarks = true,
): HabitHistory[] {
  const byId = new Map<number, HabitHistory>();
  const histories = habits.map((habit) => {
    const startDay = toEpochDay(habit.startDate);
    const history: HabitHistory = {
      habit,
      startDay,
      marks: new Map(),
      records: new Map(),
      lastMarkedDay: -Infinity,
    };
    byId.set(habit.id, history);
    return history;
  });
  for (const record of records) {
    const history = byId.get(record.habitId);
    if (history === undefined) continue;
    const day = toEpochDay(record.date);
    if (day < history.startDay || day > lastDay) continue;
    if (withMarks) history.marks.set(day, markOf(history.habit, record));
    history.records.set(day, record);
    if (day > history.lastMarkedDay) history.lastMarkedDay = day;
  }
  return histories;
}
