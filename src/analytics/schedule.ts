import { epochDayIsoWeekday } from '../common/dates/calendar-date';
import type { HabitSchedule } from '../habits/habit-schedule';

/** The schedules whose occurrences are single dates. */
export type DaySchedule = Exclude<HabitSchedule, { type: 'per_week' } | { type: 'per_period' }>;

/** The quota schedules: one occurrence per period (ISO week, or block of `days` days from startDate). */
export type QuotaSchedule = Extract<HabitSchedule, { type: 'per_week' } | { type: 'per_period' }>;

export function isDaySchedule(schedule: HabitSchedule): schedule is DaySchedule {
  return schedule.type !== 'per_week' && schedule.type !== 'per_period';
}

/** Bit `d` set for each ISO weekday `d` (1..7) in `days`. */
function weekdayMask(days: readonly number[]): number {
  let mask = 0;
  for (const day of days) if (Number.isInteger(day) && day >= 1 && day <= 7) mask |= 1 << day;
  return mask;
}

/**
 * Whether a day schedule names an epoch day, from `startDay` on (nothing is due before startDate).
 * `every_n_days` is due on `startDate + k·n`, k >= 0.
 */
export function scheduledDayMatcher(schedule: DaySchedule, startDay: number): (day: number) => boolean {
  switch (schedule.type) {
    case 'daily':
      return (day) => day >= startDay;
    case 'weekdays': {
      const mask = weekdayMask(schedule.days);
      return (day) => day >= startDay && ((mask >> epochDayIsoWeekday(day)) & 1) === 1;
    }
    case 'every_n_days': {
      const n = schedule.n;
      // API.md bounds n to 2..365; anything below 1 would be never due rather than a broken cycle.
      if (!(n >= 1)) return () => false;
      return (day) => day >= startDay && (day - startDay) % n === 0;
    }
  }
}
