import { epochDayIsoWeekday } from '../common/dates/calendar-date';
import type { DayMark } from './analytics.types';
import type { QuotaSchedule } from './schedule';

export interface MarkCounts {
  done: number;
  skipped: number;
}

/** The Monday (epoch day) of the ISO week holding `day`. */
export function isoWeekStartDay(day: number): number {
  return day - epochDayIsoWeekday(day) + 1;
}

/** The Sunday (epoch day) of the ISO week holding `day`. */
export function isoWeekEndDay(day: number): number {
  return day - epochDayIsoWeekday(day) + 7;
}

/** The periods of a quota schedule: `per_week` ISO weeks, `per_period` blocks of `days` from startDate. */
export interface QuotaPeriods {
  times: number;
  /** First epoch day of the period holding `day`. */
  startOf(day: number): number;
  /** Last epoch day of the period holding `day`. */
  endOf(day: number): number;
}

export function quotaPeriods(schedule: QuotaSchedule, startDay: number): QuotaPeriods {
  if (schedule.type === 'per_week') {
    return { times: schedule.times, startOf: isoWeekStartDay, endOf: isoWeekEndDay };
  }
  const length = schedule.days;
  const startOf = (day: number): number => startDay + Math.floor((day - startDay) / length) * length;
  return { times: schedule.times, startOf, endOf: (day) => startOf(day) + length - 1 };
}

/** `min(times, days counted - skipped days)`, never below 0 (API.md, `per_week`). */
export function weeklyQuota(times: number, days: number, skippedDays: number): number {
  return Math.max(0, Math.min(times, days - skippedDays));
}

/** Done and skipped dates among the epoch days `first..last` (inclusive: one quota period, an ISO week or a `per_period` block of up to 365 days). */
export function countMarks(marks: ReadonlyMap<number, DayMark>, first: number, last: number): MarkCounts {
  const counts: MarkCounts = { done: 0, skipped: 0 };
  if (marks.size === 0) return counts;
  for (let day = first; day <= last; day++) {
    const mark = marks.get(day);
    if (mark === 'done') counts.done += 1;
    else if (mark === 'skipped') counts.skipped += 1;
  }
  return counts;
}
