import type { HabitKind, HabitSchedule, RecordStatus, TargetType } from '../habits/habit-schedule';

/** A non-archived habit, as the analytics need it (the service filters archived ones out). */
export interface AnalyticsHabit {
  id: number;
  name: string;
  schedule: HabitSchedule;
  kind: HabitKind;
  target: number;
  /** Numeric habits: `at_least` (also when null) or `at_most`. Ignored for boolean habits. */
  targetType: TargetType | null;
  startDate: string;
  position: number;
}

export interface AnalyticsRecord {
  habitId: number;
  date: string;
  status: RecordStatus;
  value: number;
}

export interface DateRange {
  from: string;
  to: string;
}

export interface DayPerformance {
  date: string;
  due: number;
  done: number;
  skipped: number;
  rate: number | null;
}

export interface PerformanceReport {
  from: string;
  to: string;
  days: DayPerformance[];
  totals: { due: number; done: number; skipped: number; rate: number | null };
}

export interface HabitCompliance {
  habitId: number;
  name: string;
  due: number;
  done: number;
  skipped: number;
  rate: number | null;
  currentStreak: number;
  bestStreak: number;
  /** Habit strength on `to`, 0..1, 4 decimals. */
  score: number;
}

export interface ComplianceReport {
  from: string;
  to: string;
  habits: HabitCompliance[];
}

export type DayStatus = 'done' | 'skipped' | 'partial' | 'missed' | 'pending' | 'none';

export interface HabitDay {
  date: string;
  status: DayStatus;
  value: number | null;
  score: number;
}

export interface HabitStreak {
  start: string;
  end: string;
  length: number;
}

/** `GET /api/analytics/habits/:id`: one habit's history over the range. */
export interface HabitReport {
  habitId: number;
  from: string;
  to: string;
  due: number;
  done: number;
  skipped: number;
  rate: number | null;
  currentStreak: number;
  bestStreak: number;
  score: number;
  days: HabitDay[];
  streaks: HabitStreak[];
}

/** A record as the walk needs it, indexed by epoch day. */
export interface DayRecord {
  status: RecordStatus;
  value: number;
}

/**
 * What a record makes of its date: `done` (satisfies the target), `skipped`, or `not-done`
 * (a done record of a numeric habit below its target: the date stays due and undone).
 */
export type DayMark = 'done' | 'skipped' | 'not-done';
