import { fromEpochDay } from '../common/dates/calendar-date';
import type { AnalyticsHabit, AnalyticsRecord, DateRange, DayPerformance, PerformanceReport } from './analytics.types';
import { buildHabitHistories, type HabitHistory } from './habit-history';
import { toDayRange, type DayRange } from './range';
import { completionRate } from './rate';
import { type DaySchedule, isDaySchedule, scheduledDayMatcher } from './schedule';
import { countMarks, type QuotaPeriods, quotaPeriods, weeklyQuota } from './weekly-quota';

/**
 * Day schedules: each scheduled date (>= startDate) of the range is due, unless it has a skipped record,
 * which then counts in `skipped`. A skipped record on a date the schedule does not name is ignored:
 * that date was not due, so there was nothing to skip.
 */
function addDaySchedule(days: readonly DayPerformance[], history: HabitHistory, schedule: DaySchedule, from: number): void {
  const isScheduled = scheduledDayMatcher(schedule, history.startDay);
  let day = from;
  for (const entry of days) {
    if (isScheduled(day)) {
      const mark = history.marks.get(day);
      if (mark === 'skipped') {
        entry.skipped += 1;
      } else {
        entry.due += 1;
        if (mark === 'done') entry.done += 1;
      }
    }
    day += 1;
  }
}

/**
 * `per_week`: each ISO week's part inside the range (and >= startDate) has
 * quota = min(times, its days - its skipped days). The first `quota` done dates of that part, in date
 * order, each add 1 to their date's due and done; every skipped record of the range counts in `skipped`.
 */
function addQuotaSchedule(days: readonly DayPerformance[], history: HabitHistory, periods: QuotaPeriods, range: DayRange): void {
  const firstDay = Math.max(range.from, history.startDay);
  let day = range.from;
  let quota = 0;
  let counted = 0;
  for (const entry of days) {
    if (day >= firstDay) {
      if (day === firstDay || periods.startOf(day) === day) {
        const last = Math.min(periods.endOf(day), range.to);
        quota = weeklyQuota(periods.times, last - day + 1, countMarks(history.marks, day, last).skipped);
        counted = 0;
      }
      const mark = history.marks.get(day);
      if (mark === 'skipped') {
        entry.skipped += 1;
      } else if (mark === 'done' && counted < quota) {
        counted += 1;
        entry.due += 1;
        entry.done += 1;
      }
    }
    day += 1;
  }
}

function emptyDays(range: DayRange): DayPerformance[] {
  const days: DayPerformance[] = [];
  for (let day = range.from; day <= range.to; day++) {
    days.push({ date: fromEpochDay(day), due: 0, done: 0, skipped: 0, rate: null });
  }
  return days;
}

/** Per-date due/done/skipped over the range, oldest first, summed over the given (non-archived) habits. */
export function computePerformance(
  habits: AnalyticsHabit[],
  records: AnalyticsRecord[],
  range: DateRange,
): PerformanceReport {
  const dayRange = toDayRange(range);
  const days = emptyDays(dayRange);
  for (const history of buildHabitHistories(habits, records, dayRange.to)) {
    const schedule = history.habit.schedule;
    if (isDaySchedule(schedule)) addDaySchedule(days, history, schedule, dayRange.from);
    else addQuotaSchedule(days, history, quotaPeriods(schedule, history.startDay), dayRange);
  }
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
