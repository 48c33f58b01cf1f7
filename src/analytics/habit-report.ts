import { fromEpochDay } from '../common/dates/calendar-date';
import type { AnalyticsHabit, AnalyticsRecord, DateRange, HabitDay, HabitReport } from './analytics.types';
import { toWalkWindow, walkHistory, walkTotals } from './compliance';
import { buildHabitHistories } from './habit-history';
import type { WalkCheckpoint, WalkDay } from './habit-walk';
import { roundScore } from './score';

/** A habit report with the checkpoints its walk passed (for the service to keep). */
export interface HabitReportWalk {
  report: HabitReport;
  checkpoints: WalkCheckpoint[];
}

function toHabitDay(day: WalkDay): HabitDay {
  return { date: fromEpochDay(day.day), status: day.status, value: day.value, score: roundScore(day.score) };
}

/** Dates of the range before startDate: nothing is due and the score is 0. */
function daysBeforeStart(from: number, startDay: number, to: number): HabitDay[] {
  const days: HabitDay[] = [];
  for (let day = from; day < startDay && day <= to; day++) days.push({ date: fromEpochDay(day), status: 'none', value: null, score: 0 });
  return days;
}

/**
 * One habit (archived or not) over the range: the compliance figures, one `days` entry per date (oldest
 * first) and the streak runs whose last done occurrence lies in the range. `resume` as in walkCompliance.
 */
export function walkHabitReport(
  habit: AnalyticsHabit,
  records: AnalyticsRecord[],
  range: DateRange,
  today: string,
  resume?: WalkCheckpoint,
): HabitReportWalk {
  const window = toWalkWindow(range, today);
  const [history] = buildHabitHistories([habit], records, window.to, false);
  const walk = walkHistory(history, window, resume, true);
  const report: HabitReport = {
    habitId: habit.id,
    from: range.from,
    to: range.to,
    ...walkTotals(walk),
    days: [...daysBeforeStart(window.from, history.startDay, window.to), ...walk.days.map(toHabitDay)],
    streaks: walk.streaks.map((run) => ({ start: fromEpochDay(run.start), end: fromEpochDay(run.end), length: run.length })),
  };
  return { report, checkpoints: walk.checkpoints };
}

/** The full walk (the reference): every record from startDate. */
export function computeHabitReport(habit: AnalyticsHabit, records: AnalyticsRecord[], range: DateRange, today: string): HabitReport {
  return walkHabitReport(habit, records, range, today).report;
}
