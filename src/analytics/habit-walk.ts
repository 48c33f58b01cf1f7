import type { AnalyticsHabit, DayRecord, DayStatus } from './analytics.types';
import { isDoneRecord } from './habit-history';
import { ScoreTracker, scoreRule } from './score';
import { isDaySchedule, scheduledDayMatcher } from './schedule';
import { dayOutcome, type OccurrenceOutcome, weekOutcome } from './streaks';
import { quotaPeriods, weeklyQuota } from './weekly-quota';

/*
 * One pass over a habit's days that yields everything API.md "Analytics" asks of it: due/done/skipped in
 * the range, the streaks (as they stood on `to`), the score, the day statuses, and checkpoints: the
 * state at the end of a closed period (at least 32 days apart, before the range and today) from which a later walk can
 * resume and give the very same answers. Walking from startDate is the reference (the "full walk");
 * resuming from a checkpoint only needs the records from `checkpoint.day + 1 - D` on (D: the score window).
 */

/** The range and today, as epoch days. */
export interface WalkWindow {
  from: number;
  to: number;
  today: number;
}

/** The walk's state at the end of `day` (a period's last day, before today). */
export interface WalkCheckpoint {
  day: number;
  score: number;
  /** The streak run at `day`: its length, first counted day and last counted day of its last done occurrence. */
  run: number;
  runStart: number;
  runEnd: number;
}

export interface StreakRun {
  start: number;
  end: number;
  length: number;
}

export type { DayStatus } from './analytics.types';

export interface WalkDay {
  day: number;
  status: DayStatus;
  value: number | null;
  score: number;
}

export interface WalkResult {
  due: number;
  done: number;
  skipped: number;
  currentStreak: number;
  bestStreak: number;
  /** Runs whose last done occurrence lies in the range, oldest first. */
  streaks: StreakRun[];
  /** Score on `to`, full precision. */
  score: number;
  /** One per date of the range, when asked for. */
  days: WalkDay[];
  checkpoints: WalkCheckpoint[];
}

export interface WalkOptions {
  /** Resume after this checkpoint (it must lie before `from` and before today). */
  resume?: WalkCheckpoint;
  /** Collect the day entries of the range. */
  days?: boolean;
}

/** Checkpoints are at least this many days apart. */
export const CHECKPOINT_SPACING = 32;

/** Consecutive done occurrences, and the runs to list (their last done occurrence lies in the range). */
class StreakTracker {
  run = 0;
  runStart = 0;
  runEnd = 0;
  best = 0;
  readonly runs: StreakRun[] = [];
  private listed: StreakRun | null = null;

  constructor(resume?: WalkCheckpoint) {
    if (resume) {
      this.run = resume.run;
      this.runStart = resume.runStart;
      this.runEnd = resume.runEnd;
    }
  }

  /** The next occurrence, in date order, spanning the counted days `first..last`. */
  track(outcome: OccurrenceOutcome, inRange: boolean, first: number, last: number): void {
    if (outcome === 'done') {
      if (this.run === 0) this.runStart = first;
      this.run += 1;
      this.runEnd = last;
      if (inRange) {
        if (this.run > this.best) this.best = this.run;
        this.listed = { start: this.runStart, end: last, length: this.run };
      }
    } else if (outcome === 'missed') {
      this.flush();
      this.run = 0;
    }
  }

  flush(): void {
    if (this.listed !== null) this.runs.push(this.listed);
    this.listed = null;
  }
}

/** The state shared by both kinds of walk. */
class Walk {
  due = 0;
  done = 0;
  skipped = 0;
  score: number;
  lastCheckpoint: number;
  readonly streak: StreakTracker;
  readonly tracker: ScoreTracker;
  readonly days: WalkDay[] = [];
  readonly checkpoints: WalkCheckpoint[] = [];
  readonly startDay: number;
  /** From here on, before the range, nothing changes: no record, and every occurrence is pending. */
  readonly quietFrom: number;
  /** Checkpoints lie before this day: min(from, today). */
  readonly checkpointLimit: number;

  constructor(
    readonly habit: AnalyticsHabit,
    readonly records: ReadonlyMap<number, DayRecord>,
    readonly window: WalkWindow,
    readonly options: WalkOptions,
    startDay: number,
    lastRecordDay: number,
  ) {
    const resume = options.resume;
    this.startDay = startDay;
    this.tracker = new ScoreTracker(scoreRule(habit), resume?.score);
    this.score = this.tracker.score;
    this.streak = new StreakTracker(resume);
    this.lastCheckpoint = resume ? resume.day : startDay - 1;
    this.quietFrom = Math.max(window.today + 1, lastRecordDay + 1);
    this.checkpointLimit = Math.min(window.from, window.today);
    if (resume) this.primeScoreWindow(resume.day);
  }

  get first(): number {
    return this.options.resume ? this.options.resume.day + 1 : this.startDay;
  }

  isDone(record: DayRecord | undefined): boolean {
    return record !== undefined && isDoneRecord(this.habit, record);
  }

  /** Feeds the score up to today; after today it stays. */
  feedScore(day: number, record: DayRecord | undefined): void {
    if (day <= this.window.today) this.score = this.tracker.next(day, record?.status, record?.value ?? 0);
  }

  /**
   * Records the checkpoint at the end of `periodEnd` when it is due. Only before the range (and before
   * today): a later read resumes from the latest one before its own range, so each is passed, and kept,
   * once.
   */
  maybeCheckpoint(periodEnd: number): void {
    if (periodEnd >= this.checkpointLimit || periodEnd < this.lastCheckpoint + CHECKPOINT_SPACING) return;
    const { run, runStart, runEnd } = this.streak;
    this.checkpoints.push({ day: periodEnd, score: this.score, run, runStart, runEnd });
    this.lastCheckpoint = periodEnd;
  }

  addDay(day: number, record: DayRecord | undefined, occurrence: boolean): void {
    if (!this.options.days || day < this.window.from) return;
    const value = record === undefined ? null : record.value;
    this.days.push({ day, status: this.dayStatus(day, record, occurrence), value, score: this.score });
  }

  result(): WalkResult {
    this.streak.flush();
    return {
      due: this.due,
      done: this.done,
      skipped: this.skipped,
      currentStreak: this.streak.run,
      bestStreak: this.streak.best,
      streaks: this.streak.runs,
      score: this.score,
      days: this.days,
      checkpoints: this.checkpoints,
    };
  }

  private dayStatus(day: number, record: DayRecord | undefined, occurrence: boolean): DayStatus {
    if (day > this.window.today) return 'none';
    if (record !== undefined) {
      if (record.status === 'skipped') return 'skipped';
      return this.isDone(record) ? 'done' : 'partial';
    }
    if (!occurrence) return 'none';
    return day < this.window.today ? 'missed' : 'pending';
  }

  /** The done records of the score window ending at the checkpoint, oldest first. */
  private primeScoreWindow(checkpointDay: number): void {
    const windowDays = scoreRule(this.habit).days;
    for (let day = Math.max(this.startDay, checkpointDay + 1 - windowDays); day <= checkpointDay; day++) {
      const record = this.records.get(day);
      if (record !== undefined && record.status === 'done') this.tracker.prime(day, record.value);
    }
  }
}

/** Day schedules: each scheduled date is an occurrence; a skipped one is not due. */
function walkDaySchedule(walk: Walk): void {
  const { from, to, today } = walk.window;
  if (!isDaySchedule(walk.habit.schedule)) return;
  const isScheduled = scheduledDayMatcher(walk.habit.schedule, walk.startDay);
  for (let day = walk.first; day <= to; day++) {
    if (day >= walk.quietFrom && day < from) day = from;
    const record = walk.records.get(day);
    walk.feedScore(day, record);
    const inRange = day >= from;
    const scheduled = isScheduled(day);
    if (scheduled && record?.status === 'skipped') {
      if (inRange) walk.skipped += 1;
    } else if (scheduled) {
      const done = walk.isDone(record);
      if (inRange) {
        walk.due += 1;
        if (done) walk.done += 1;
      }
      walk.streak.track(dayOutcome(done, day >= today), inRange, day, day);
    }
    walk.addDay(day, record, scheduled);
    walk.maybeCheckpoint(day);
  }
}

/** Done and skipped records of one period, in all and inside the range. */
interface PeriodCounts {
  done: number;
  skipped: number;
  rangeDays: number;
  rangeDone: number;
  rangeSkipped: number;
}

function emptyCounts(): PeriodCounts {
  return { done: 0, skipped: 0, rangeDays: 0, rangeDone: 0, rangeSkipped: 0 };
}

/** Quota schedules: each period (its counted days: >= startDate and <= `to`) is one occurrence. */
function walkQuotaSchedule(walk: Walk): void {
  const { from, to, today } = walk.window;
  if (isDaySchedule(walk.habit.schedule)) return;
  const periods = quotaPeriods(walk.habit.schedule, walk.startDay);
  let periodStart = walk.first;
  let periodEnd = periods.endOf(periodStart);
  let counts = emptyCounts();
  for (let day = walk.first; day <= to; day++) {
    if (day > periodEnd) {
      periodStart = day;
      periodEnd = periods.endOf(day);
      counts = emptyCounts();
    }
    if (day === periodStart && day >= walk.quietFrom && periodEnd < from) {
      day = periodStart = periods.startOf(from);
      periodEnd = periods.endOf(day);
    }
    const record = walk.records.get(day);
    walk.feedScore(day, record);
    countDay(counts, walk, record, day >= from);
    if (day === periodEnd || day === to) {
      const first = Math.max(periodStart, walk.startDay);
      closePeriod(walk, periods.times, counts, { first, last: day, ended: periodEnd < today });
    }
    walk.addDay(day, record, false);
    if (day === periodEnd) walk.maybeCheckpoint(day);
  }
}

function countDay(counts: PeriodCounts, walk: Walk, record: DayRecord | undefined, inRange: boolean): void {
  if (inRange) counts.rangeDays += 1;
  if (record === undefined) return;
  if (record.status === 'skipped') {
    counts.skipped += 1;
    if (inRange) counts.rangeSkipped += 1;
  } else if (walk.isDone(record)) {
    counts.done += 1;
    if (inRange) counts.rangeDone += 1;
  }
}

/** Adds the period's part inside the range to due/done/skipped, and the period to the streak. */
function closePeriod(walk: Walk, times: number, counts: PeriodCounts, span: { first: number; last: number; ended: boolean }): void {
  if (counts.rangeDays > 0) {
    const quota = weeklyQuota(times, counts.rangeDays, counts.rangeSkipped);
    walk.due += quota;
    walk.done += Math.min(counts.rangeDone, quota);
    walk.skipped += counts.rangeSkipped;
  }
  const quota = weeklyQuota(times, span.last - span.first + 1, counts.skipped);
  const outcome = weekOutcome(quota, counts.done, !span.ended);
  walk.streak.track(outcome, span.last >= walk.window.from, span.first, span.last);
}

/**
 * Walks one habit over `window` (all epoch days). `records` holds its records by epoch day, none before
 * startDate; `lastRecordDay` is the latest of them (-Infinity when there is none). Without `resume`
 * this is the full walk from startDate.
 */
export function walkHabit(
  habit: AnalyticsHabit,
  records: ReadonlyMap<number, DayRecord>,
  lastRecordDay: number,
  window: WalkWindow,
  startDay: number,
  options: WalkOptions = {},
): WalkResult {
  const walk = new Walk(habit, records, window, options, startDay, lastRecordDay);
  if (startDay <= window.to) {
    if (isDaySchedule(habit.schedule)) walkDaySchedule(walk);
    else walkQuotaSchedule(walk);
  }
  const result = walk.result();
  if (window.to < startDay) result.score = 0;
  return result;
}
