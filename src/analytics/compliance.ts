import type { AnalyticsHabit, AnalyticsRecord, ComplianceReport, DateRange, HabitCompliance } from './analytics.types';
import { toEpochDay } from '../common/dates/calendar-date';
import { buildHabitHistories, type HabitHistory } from './habit-history';
import { toDayRange, type DayRange } from './range';
import { completionRate } from './rate';
import { type DaySchedule, isDaySchedule, scheduledDayMatcher } from './schedule';
import { createStreakState, dayOutcome, type StreakState, trackOccurrence, weekOutcome } from './streaks';
import { countMarks, type QuotaPeriods, quotaPeriods, weeklyQuota } from './weekly-quota';

/*
 * Interpretations of API.md "Analytics" made here:
 * - due/done/skipped count the range only; streaks walk the history from startDate up to `to`
 *   (records after `to` are ignored, as are records dated before startDate).
 * - "Not done yet" covers today and, should `to` lie in the future, later occurrences too (per_week: a week
 *   ending on or after today): they neither break nor extend a streak. They still count as due in the range.
 * - bestStreak is the longest run whose last done occurrence lies in [from, to]. A run whose last done
 *   occurrence is before `from` is not counted even if nothing broke it since, so currentStreak may exceed
 *   bestStreak when the range holds no done occurrence.
 * - per_week: a week belongs to the range (for bestStreak) when its evaluated days reach `from`.
 */

/** The range plus today, as epoch days. */
interface Window extends DayRange {
  today: number;
}

interface Tally {
  due: number;
  done: number;
  skipped: number;
  streak: StreakState;
}

/**
 * First day worth walking: the range needs [max(from, startDate), to]; streaks need the history from
 * startDate, but before a habit's first record every occurrence is missed or pending, which leaves the
 * streak state empty, so the walk may start at that record. Cost: O(range + span of the records).
 */
function firstWalkedDay(history: HabitHistory, window: Window): number {
  return Math.max(history.startDay, Math.min(window.from, history.firstMarkedDay));
}

/**
 * The first day from which the walk may jump to `from`: the days on or after today and after the last
 * record, and before the range, change nothing (each occurrence there is pending and outside the range).
 * Without the jump, a range far in the future would walk every day since the last record.
 */
function quietFromDay(history: HabitHistory, window: Window): number {
  return Math.max(window.today, history.lastMarkedDay + 1);
}

/** Day schedules: occurrences are the scheduled dates >= startDate; a skipped one is not an occurrence. */
function tallyDaySchedule(history: HabitHistory, schedule: DaySchedule, window: Window): Tally {
  const tally: Tally = { due: 0, done: 0, skipped: 0, streak: createStreakState() };
  const isScheduled = scheduledDayMatcher(schedule, history.startDay);
  const quietFrom = quietFromDay(history, window);
  for (let day = firstWalkedDay(history, window); day <= window.to; day++) {
    if (day >= quietFrom && day < window.from) day = window.from;
    if (!isScheduled(day)) continue;
    const mark = history.marks.get(day);
    const inRange = day >= window.from;
    if (mark === 'skipped') {
      // Skipped on a due date: not due, counted in `skipped`. On a non-scheduled date: ignored.
      if (inRange) tally.skipped += 1;
      continue;
    }
    const done = mark === 'done';
    if (inRange) {
      tally.due += 1;
      if (done) tally.done += 1;
    }
    trackOccurrence(tally.streak, dayOutcome(done, day >= window.today), inRange);
  }
  return tally;
}

/** Adds the part [first, last] of one ISO week inside the range to due/done/skipped. */
function addWeekToRange(tally: Tally, history: HabitHistory, times: number, first: number, last: number): void {
  if (first > last) return;
  const counts = countMarks(history.marks, first, last);
  const quota = weeklyQuota(times, last - first + 1, counts.skipped);
  tally.due += quota;
  tally.done += Math.min(counts.done, quota);
  tally.skipped += counts.skipped;
}

/**
 * `per_week`: occurrences are ISO weeks, evaluated on their days >= startDate and <= `to`. A week is done
 * when its done records reach min(times, those days - skipped ones); quota 0 is neutral; a week that
 * contains today (or is later) and is not done yet is pending. A week "ends within the range" (for
 * bestStreak) when its evaluated days reach `from`.
 */
function tallyQuotaSchedule(history: HabitHistory, periods: QuotaPeriods, window: Window): Tally {
  const tally: Tally = { due: 0, done: 0, skipped: 0, streak: createStreakState() };
  const quietFrom = quietFromDay(history, window);
  const times = periods.times;
  for (let start = periods.startOf(firstWalkedDay(history, window)); start <= window.to; start = periods.endOf(start) + 1) {
    if (start >= quietFrom && periods.endOf(start) < window.from) start = periods.startOf(window.from);
    const end = periods.endOf(start);
    const first = Math.max(start, history.startDay);
    const last = Math.min(end, window.to);
    addWeekToRange(tally, history, times, Math.max(first, window.from), last);
    const counts = countMarks(history.marks, first, last);
    const quota = weeklyQuota(times, last - first + 1, counts.skipped);
    const outcome = weekOutcome(quota, counts.done, end >= window.today);
    trackOccurrence(tally.streak, outcome, last >= window.from);
  }
  return tally;
}

function habitCompliance(history: HabitHistory, window: Window): HabitCompliance {
  const { habit, startDay } = history;
  let tally: Tally = { due: 0, done: 0, skipped: 0, streak: createStreakState() };
  if (startDay <= window.to) {
    tally = isDaySchedule(habit.schedule)
      ? tallyDaySchedule(history, habit.schedule, window)
      : tallyQuotaSchedule(history, quotaPeriods(habit.schedule, startDay), window);
  }
  return {
    habitId: habit.id,
    name: habit.name,
    due: tally.due,
    done: tally.done,
    skipped: tally.skipped,
    rate: completionRate(tally.done, tally.due),
    currentStreak: tally.streak.run,
    bestStreak: tally.streak.best,
  };
}

function byPosition(a: HabitHistory, b: HabitHistory): number {
  return a.habit.position - b.habit.position || a.habit.id - b.habit.id;
}

/**
 * Per-habit due/done/skipped/rate over the range, with streaks over the whole history up to `to`,
 * ordered by position, then id. `today` is the user's current date (for the "not done yet" rule).
 */
export function computeCompliance(
  habits: AnalyticsHabit[],
  records: AnalyticsRecord[],
  range: DateRange,
  today: string,
): ComplianceReport {
  const window: Window = { ...toDayRange(range), today: toEpochDay(today) };
  const histories = buildHabitHistories(habits, records, window.to).sort(byPosition);
  return { from: range.from, to: range.to, habits: histories.map((history) => habitCompliance(history, window)) };
}
