import { epochDayIsoWeekday, fromEpochDay, toEpochDay } from '../common/dates/calendar-date';
import { DayOwner, todayFor } from '../common/dates/user-today';
import { isDaySchedule, scheduledDayMatcher } from '../analytics/schedule';
import type { HabitSchedule } from '../habits/habit-schedule';
import { instantOfWallTime, localWallMs } from './wall-clock';

const DAY_MS = 86_400_000;
/** Far enough for every combination of `days` with an `every_n_days` cycle (n <= 365): lcm(n, 7) days. */
const HORIZON_DAYS = 7 * 366;

/** Everything that decides when a reminder fires (API.md § "When a reminder fires"), except records. */
export interface FiringRules {
  /** `HH:MM` on the wall clock of `owner.timezone`. */
  time: string;
  /** ISO weekdays of the date d the reminder is about. */
  days: readonly number[];
  enabled: boolean;
  habit: { schedule: HabitSchedule; startDate: string; archived: boolean };
  owner: DayOwner;
  /** Quota schedules: whether the period holding epoch day d has met its quota already. */
  quotaMet?: (day: number) => boolean;
}

/** One firing: its instant and the user's date it is about. */
export interface Firing {
  at: number;
  date: string;
}

/**
 * The first firing at or after `fromMs` (and, when given, about a date after `afterDate`), or null
 * when it is disabled, its habit archived, or nothing fires within the horizon. Each calendar day C
 * has one firing instant (its `time` on C's wall clock); the date it is about is the user's "today"
 * at that instant (with a day start of 4, a 01:00 reminder is about the day before).
 */
export function nextFiring(rules: FiringRules, fromMs: number, afterDate?: string): Firing | null {
  if (!rules.enabled || rules.habit.archived) return null;
  const firesOn = firingDayRule(rules);
  const [hours, minutes] = rules.time.split(':').map(Number);
  const timeMs = (hours * 60 + minutes) * 60_000;
  const shiftMs = (rules.owner.dayStartHour ?? 0) * 3_600_000;
  const minDay = afterDate === undefined ? -Infinity : toEpochDay(afterDate) + 1;
  const firstCalendarDay = Math.floor(localWallMs(rules.owner.timezone, fromMs) / DAY_MS) - 1;
  for (let calendarDay = firstCalendarDay; calendarDay <= firstCalendarDay + HORIZON_DAYS; calendarDay++) {
    // The date it is about, as the wall clock says (exact but for a DST shift; checked below).
    const guessedDay = Math.floor((calendarDay * DAY_MS + timeMs - shiftMs) / DAY_MS);
    if (guessedDay < minDay || !firesOn(guessedDay)) continue;
    const at = instantOfWallTime(rules.owner.timezone, calendarDay * DAY_MS + timeMs);
    if (at < fromMs) continue;
    const day = toEpochDay(todayFor(rules.owner, new Date(at)));
    if (day === guessedDay || (day >= minDay && firesOn(day))) return { at, date: fromEpochDay(day) };
  }
  return null;
}

/** Whether a reminder may fire about epoch day d: startDate, `days`, and the habit due on d. */
function firingDayRule(rules: FiringRules): (day: number) => boolean {
  const startDay = toEpochDay(rules.habit.startDate);
  const weekdays = new Set(rules.days);
  const schedule = rules.habit.schedule;
  const due = isDaySchedule(schedule) ? scheduledDayMatcher(schedule, startDay) : (day: number) => !(rules.quotaMet?.(day) ?? false);
  return (day) => day >= startDay && weekdays.has(epochDayIsoWeekday(day)) && due(day);
}
