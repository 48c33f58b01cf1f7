import { fromEpochDay } from '../common/dates/calendar-date';
import type { AnalyticsHabit, AnalyticsRecord, DateRange, DayPerformance, PerformanceReport } from './analytics.types';
import { buildHabitHistories, type HabitHistory } from './habit-history';
import { toDayRange, type DayRange } from './range';
import { completionRate } from './rate';
import { type DaySchedule, isDaySchedule, scheduledDayMatcher } from './schedule';
import { countMarks, type QuotaPeriods, quotaPeriods, weeklyQuota } from './weekly-quota';

/**
 * What one habit makes of each date of a range, one character per date: `0` nothing due, `1` due and
 * not done, `2` due and done, `3` skipped. A report sums these over its habits (sumPerformance), so a
 * habit's codes can be cached on their own (an analytics fragment).
 */
export const DAY_CODE = { none: 0, due: 1, done: 2, skipped: 3 } as const;

/**
 * Day schedules: each scheduled date (>= startDate) of the range is due, unless it has a skipped record,
 * which then counts in `skipped`. A skipped record on a date the schedule does not name is ignored:
 * that date was not due, so there was nothing to skip.
 */
function markDaySchedule(codes: Uint8Array, history: HabitHistory, schedule: DaySchedule, from: number): void {
  const isScheduled = scheduledDayMatcher(schedule, history.startDay);
  for (let index = 0; index < codes.length; index++) {
    if (!isScheduled(from + index)) continue;
    const mark = history.marks.get(from + index);
    codes[index] = mark === 'skipped' ? DAY_CODE.skipped : mark === 'done' ? DAY_CODE.done : DAY_CODE.due;
  }
}

/**
 * `per_week`: each ISO week's part inside the range (and >= startDate) has
 * quota = min(times, its days - its skipped days). The first `quota` done dates of that part, in date
 * order, each add 1 to their date's due and done; every skipped record of the range counts in `skipped`.
 */
function markQuotaSchedule(codes: Uint8Array, history: HabitHistory, periods: QuotaPeriods, range: DayRange): void {
  const firstDay = Math.max(range.from, history.startDay);
  let quota = 0;
  let counted = 0;
  for (let day = firstDay; day <= range.to; day++) {
    if (day === firstDay || periods.startOf(day) === day) {
      const last = Math.min(periods.endOf(day), range.to);
      quota = weeklyQuota(periods.times, last - day + 1, countMarks(history.marks, day, last).skipped);
      counted = 0;
    }
    const mark = history.marks.get(day);
    if (mark === 'skipped') {
      codes[day - range.from] = DAY_CODE.skipped;
    } else if (mark === 'done' && counted < quota) {
      counted += 1;
      codes[day - range.from] = DAY_CODE.done;
    }
  }
}

function habitCodes(history: HabitHistory, range: DayRange): string {
  const codes = new Uint8Array(range.to - range.from + 1);
  const schedule = history.habit.schedule;
  if (isDaySchedule(schedule)) markDaySchedule(codes, history, schedule, range.from);
  else markQuotaSchedule(codes, history, quotaPeriods(schedule, history.startDay), range);
  return codes.join('');
}

/** Each habit's day codes over the range (habit id → codes). */
export function performanceCodes(habits: AnalyticsHabit[], records: AnalyticsRecord[], range: DateRange): Map<number, string> {
  const dayRange = toDayRange(range);
  return new Map(buildHabitHistories(habits, records, dayRange.to).map((history) => [history.habit.id, habitCodes(history, dayRange)]));
}

function emptyDays(range: DayRange): DayPerformance[] {
  const days: DayPerformance[] = [];
  for (let day = range.from; day <= range.to; day++) {
    days.push({ date: fromEpochDay(day), due: 0, done: 0, skipped: 0, rate: null });
  }
  return days;
}

function addCodes(days: DayPerformance[], codes: string): void {
  for (let index = 0; index < days.length; index++) {
    const code = codes.charCodeAt(index) - 48;
    if (code === DAY_CODE.skipped) days[index].skipped += 1;
    else if (code !== DAY_CODE.none) {
      days[index].due += 1;
      if (code === DAY_CODE.done) days[index].done += 1;
    }
  }
}

/** Per-date due/done/skipped over the range, oldest first, summed over habits' day codes (performanceCodes). */
export function sumPerformance(range: DateRange, habitsCodes: Iterable<string>): PerformanceReport {
  const days = emptyDays(toDayRange(range));
  for (const codes of habitsCodes) addCodes(days, codes);
  const totals = { due: 0, done: 0, skipped: 0, rate: null as number | null };
  for (const entry of days) {
    entry.rate = completionRate(entry.done, entry.due);
    totals.due += entry.due;
    totals.done += entry.done;
    totals.skipped += entry.skipped;
  }
  totals.rate = completionRate(totals.done, totals.due);
  return { from: range.from, to: range.to, days, totals };
}

/** Per-date due/done/skipped over the range, oldest first, summed over the given (non-archived) habits. */
export function computePerformance(habits: AnalyticsHabit[], records: AnalyticsRecord[], range: DateRange): PerformanceReport {
  return sumPerformance(range, performanceCodes(habits, records, range).values());
}
