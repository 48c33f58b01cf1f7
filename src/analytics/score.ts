import { toEpochDay } from '../common/dates/calendar-date';
import type { HabitKind, HabitSchedule, RecordStatus, TargetType } from '../habits/habit-schedule';

/*
 * Habit strength, Loop Habit Tracker's formula as API.md "Analytics / Score" gives it:
 *   f = N / D from the schedule (doubled N and D for boolean habits with f < 1), m = 0.5^(√f / 13);
 *   score(startDate - 1) = 0 (1 for at_most); then for each date d up to today:
 *   skipped: score(d) = score(d-1); otherwise score(d) = score(d-1)·m + c(d)·(1 - m), with c(d) from the
 *   done records on the D dates ending at d. Dates before startDate score 0; after today the score stays.
 */

/** What the score needs of a habit. */
export interface ScoreHabit {
  schedule: HabitSchedule;
  kind: HabitKind;
  target: number;
  targetType: TargetType | null;
  startDate: string;
}

/** What the score needs of a record. */
export interface ScoreRecord {
  date: string;
  status: RecordStatus;
  value: number;
}

/** The constants of one habit's recurrence. */
export interface ScoreRule {
  /** N and D of the frequency, after doubling. */
  times: number;
  days: number;
  multiplier: number;
  numeric: boolean;
  atMost: boolean;
  /** T = target × N (numeric habits). */
  total: number;
  /** The habit's target (numeric habits), to scale sums that would overflow. */
  target: number;
  /** score(startDate − 1). */
  initial: number;
}

/** N / D of a schedule, before doubling. */
export function scheduleFrequency(schedule: HabitSchedule): { times: number; days: number } {
  switch (schedule.type) {
    case 'daily':
      return { times: 1, days: 1 };
    case 'weekdays':
      return schedule.days.length >= 7 ? { times: 1, days: 1 } : { times: schedule.days.length, days: 7 };
    case 'every_n_days':
      return { times: 1, days: schedule.n };
    case 'per_week':
      return { times: schedule.times, days: 7 };
    case 'per_period':
      return { times: schedule.times, days: schedule.days };
  }
}

export function scoreRule(habit: Omit<ScoreHabit, 'startDate'>): ScoreRule {
  const numeric = habit.kind === 'numeric';
  let { times, days } = scheduleFrequency(habit.schedule);
  const frequency = times / days;
  if (!numeric && frequency < 1) {
    times *= 2;
    days *= 2;
  }
  const atMost = numeric && habit.targetType === 'at_most';
  return {
    times,
    days,
    multiplier: Math.pow(0.5, Math.sqrt(frequency) / 13),
    numeric,
    atMost,
    total: habit.target * times,
    target: habit.target,
    initial: atMost ? 1 : 0,
  };
}

/**
 * The recurrence, fed one epoch day at a time in date order from startDate. It holds the score of the
 * last day fed and the done records of the D days ending there (a ring of D slots, one per day), so a
 * walk can resume from a saved `score` with the window primed from the records before it (see `prime`)
 * and give the very same floats: numeric sums always add the window's values oldest first.
 */
export class ScoreTracker {
  private readonly done: Uint8Array;
  private readonly values: Float64Array;
  private count = 0;
  private lastDay = -Infinity;

  constructor(
    private readonly rule: ScoreRule,
    public score: number = rule.initial,
  ) {
    this.done = new Uint8Array(rule.days);
    this.values = new Float64Array(rule.days);
  }

  /** Adds a done record of a day already accounted for in `score` (resuming a walk), oldest first. */
  prime(day: number, value: number): void {
    this.advanceTo(day);
    this.put(day, value);
  }

  /** Advances to `day` (the next day after the last one fed) and returns its score. */
  next(day: number, status: RecordStatus | undefined, value: number): number {
    this.advanceTo(day);
    if (status === 'skipped') return this.score;
    if (status === 'done') this.put(day, value);
    const m = this.rule.multiplier;
    this.score = this.score * m + this.contribution(day) * (1 - m);
    return this.score;
  }

  private slot(day: number): number {
    const size = this.rule.days;
    return ((day % size) + size) % size;
  }

  /** Empties the slots of the days that leave the window on the way to `day`. */
  private advanceTo(day: number): void {
    const size = this.rule.days;
    const from = day - this.lastDay >= size ? day - size + 1 : this.lastDay + 1;
    for (let d = from; d <= day; d++) {
      const slot = this.slot(d);
      if (this.done[slot] === 1) this.count -= 1;
      this.done[slot] = 0;
      this.values[slot] = 0;
    }
    this.lastDay = day;
  }

  private put(day: number, value: number): void {
    const slot = this.slot(day);
    if (this.done[slot] === 0) this.count += 1;
    this.done[slot] = 1;
    this.values[slot] = value;
  }

  /** c(d) from the window of the D days ending at `day`. */
  private contribution(day: number): number {
    const rule = this.rule;
    if (!rule.numeric) return Math.min(1, this.count / rule.times);
    const sum = this.windowSum(day, 1);
    if (!Number.isFinite(sum) || !Number.isFinite(rule.total)) return this.scaledContribution(day);
    if (rule.atMost) return Math.min(1, Math.max(0, 1 - (sum - rule.total) / rule.total));
    return Math.min(1, sum / rule.total);
  }

  /** The window's done values, each divided by `divisor`, oldest first. */
  private windowSum(day: number, divisor: number): number {
    let sum = 0;
    if (this.count === 0) return sum;
    for (let d = day - this.rule.days + 1; d <= day; d++) {
      const slot = this.slot(d);
      if (this.done[slot] === 1) sum += this.values[slot] / divisor;
    }
    return sum;
  }

  /**
   * c(d) for values or targets near Number.MAX_VALUE (1.7e308 + 1.7e308 is Infinity, and ∞/∞ NaN):
   * the same ratio sum / T computed as (Σ value/target) / N, which stays finite (or is +∞ when a
   * value dwarfs a tiny target, which the clamp turns into 1, or 0 for at_most).
   */
  private scaledContribution(day: number): number {
    const ratio = this.windowSum(day, this.rule.target) / this.rule.times;
    if (this.rule.atMost) return Math.min(1, Math.max(0, 2 - ratio));
    return Math.min(1, ratio);
  }
}

/** Score rounded for an answer (4 decimals). */
export function roundScore(score: number): number {
  return Math.round(score * 10_000) / 10_000;
}

/**
 * The daily score series of one habit, in full precision, one value per date of `range` (oldest first).
 * `today` is the user's current date: after it the score stays at today's value. Records before
 * startDate or after today are ignored; should two records share a date, the later one wins.
 */
export function scoreSeries(
  habit: ScoreHabit,
  records: readonly ScoreRecord[],
  range: { from: string; to: string },
  today: string,
): number[] {
  const from = toEpochDay(range.from);
  const to = toEpochDay(range.to);
  const startDay = toEpochDay(habit.startDate);
  const todayDay = toEpochDay(today);
  const byDay = new Map<number, ScoreRecord>();
  for (const record of records) {
    const day = toEpochDay(record.date);
    if (day >= startDay && day <= todayDay) byDay.set(day, record);
  }
  const tracker = new ScoreTracker(scoreRule(habit));
  const series: number[] = [];
  let current = 0;
  let next = startDay;
  for (let day = from; day <= to; day++) {
    if (day < startDay) {
      series.push(0);
      continue;
    }
    for (const last = Math.min(day, todayDay); next <= last; next++) {
      const record = byDay.get(next);
      current = tracker.next(next, record?.status, record?.value ?? 0);
    }
    series.push(current);
  }
  return series;
}
