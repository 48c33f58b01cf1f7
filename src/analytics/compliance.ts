import type { AnalyticsHabit, AnalyticsRecord, ComplianceReport, DateRange, HabitCompliance } from './analytics.types';
import { toEpochDay } from '../common/dates/calendar-date';
import { buildHabitHistories, type HabitHistory } from './habit-history';
import { type WalkCheckpoint, type WalkResult, type WalkWindow, walkHabit } from './habit-walk';
import { toDayRange } from './range';
import { completionRate } from './rate';
import { byPosition } from './report-assembly';
import { roundScore } from './score';

/*
 * Interpretations of API.md "Analytics" made here (the walk itself is in habit-walk.ts):
 * - due/done/skipped count the range only; streaks walk the history from startDate up to `to`
 *   (records after `to` are ignored, as are records dated before startDate).
 * - "Not done yet" covers today and, should `to` lie in the future, later occurrences too (quota
 *   schedules: a period ending on or after today): they neither break nor extend a streak. They still
 *   count as due in the range.
 * - bestStreak is the longest run whose last done occurrence lies in [from, to]. A run whose last done
 *   occurrence is before `from` is not counted even if nothing broke it since, so currentStreak may exceed
 *   bestStreak when the range holds no done occurrence.
 * - Quota schedules: a period belongs to the range (for bestStreak) when its counted days reach `from`.
 */

/** A compliance report with the checkpoints its walks passed (for the service to keep). */
export interface ComplianceWalk {
  report: ComplianceReport;
  checkpoints: Map<number, WalkCheckpoint[]>;
}

export function toWalkWindow(range: DateRange, today: string): WalkWindow {
  return { ...toDayRange(range), today: toEpochDay(today) };
}

/** Walks one habit, from its checkpoint when there is one (the full walk otherwise). */
export function walkHistory(history: HabitHistory, window: WalkWindow, resume?: WalkCheckpoint, days = false): WalkResult {
  return walkHabit(history.habit, history.records, history.lastMarkedDay, window, history.startDay, { resume, days });
}

function habitCompliance(habit: AnalyticsHabit, walk: WalkResult): HabitCompliance {
  return {
    habitId: habit.id,
    name: habit.name,
    ...walkTotals(walk),
  };
}

/** The figures a compliance entry and a habit report share, from one walk. */
export function walkTotals(walk: WalkResult) {
  return {
    due: walk.due,
    done: walk.done,
    skipped: walk.skipped,
    rate: completionRate(walk.done, walk.due),
    currentStreak: walk.currentStreak,
    bestStreak: walk.bestStreak,
    score: roundScore(walk.score),
  };
}

function historyByPosition(a: HabitHistory, b: HabitHistory): number {
  return byPosition(a.habit, b.habit);
}

/**
 * Like computeCompliance, resuming each habit from its checkpoint in `resumes` (by habit id; it must lie
 * before `from` and before today, and `records` must reach back over the score window before it).
 */
export function walkCompliance(
  habits: AnalyticsHabit[],
  records: AnalyticsRecord[],
  range: DateRange,
  today: string,
  resumes: ReadonlyMap<number, WalkCheckpoint> = new Map(),
): ComplianceWalk {
  const window = toWalkWindow(range, today);
  const histories = buildHabitHistories(habits, records, window.to, false).sort(historyByPosition);
  const checkpoints = new Map<number, WalkCheckpoint[]>();
  const entries = histories.map((history) => {
    const walk = walkHistory(history, window, resumes.get(history.habit.id));
    checkpoints.set(history.habit.id, walk.checkpoints);
    return habitCompliance(history.habit, walk);
  });
  return { report: { from: range.from, to: range.to, habits: entries }, checkpoints };
}

/**
 * Per-habit due/done/skipped/rate over the range, with streaks over the whole history up to `to` and the
 * score on `to`, ordered by position, then id. `today` is the user's current date. The full walk.
 */
export function computeCompliance(
  habits: AnalyticsHabit[],
  records: AnalyticsRecord[],
  range: DateRange,
  today: string,
): ComplianceReport {
  return walkCompliance(habits, records, range, today).report;
}
