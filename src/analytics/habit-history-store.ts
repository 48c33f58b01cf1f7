import { Injectable, Logger } from '@nestjs/common';
import { fromEpochDay, maxDate, minDate, toEpochDay } from '../common/dates/calendar-date';
import type { AnalyticsRecord, DateRange } from './analytics.types';
import { checkpointRules, decodeCheckpointState, encodeCheckpointState } from './checkpoint-codec';
import type { WalkCheckpoint } from './habit-walk';
import { HistoryHabit, HistoryRepository, RecordSpan } from './history.repository';
import { scoreRule } from './score';

/** Rows per checkpoint insert (5 parameters each on SQLite). */
const SAVE_CHUNK = 150;

/** What a walk needs of the past: where each habit resumes, and the records from there on. */
export interface LoadedHistory {
  records: AnalyticsRecord[];
  resumes: Map<number, WalkCheckpoint>;
}

/**
 * Bounded history for the analytics walks: each habit resumes from its latest checkpoint before the
 * range (and before today), so only the records from the score window before it on are read, however
 * many years lie behind. Without a usable checkpoint, the walk starts at startDate (the full walk).
 */
@Injectable()
export class HabitHistoryStore {
  private readonly logger = new Logger(HabitHistoryStore.name);

  constructor(private readonly history: HistoryRepository) {}

  /** With `history`, the reads run through it (HistoryRepository.inSnapshot). */
  async load(userId: number, habits: HistoryHabit[], range: DateRange, today: string, history = this.history): Promise<LoadedHistory> {
    const rules = new Map(habits.map((habit) => [habit.id, checkpointRules(habit)]));
    const stored = await history.latestCheckpoints(
      habits.map((habit) => ({ habitId: habit.id, rules: rules.get(habit.id) ?? '' })),
      minDate(range.from, today),
    );
    const resumes = new Map<number, WalkCheckpoint>();
    for (const row of stored) {
      const habit = habits.find((item) => item.id === row.habitId);
      const resume = habit && row.day >= habit.startDate ? decodeCheckpointState(toEpochDay(row.day), row.state) : null;
      if (resume) resumes.set(row.habitId, resume);
    }
    const records = await history.recordsInSpans(userId, spansFrom(habits, resumes, range), range.to);
    return { records: await this.consistent(history, userId, habits, resumes, records, range), resumes };
  }

  /**
   * The checkpoints and the records come from two statements: should a record of a resumed habit have
   * changed in between (its revision moved), that habit walks from startDate on records read again in
   * one statement, rather than mixing a state from before the change with records from after it.
   */
  private async consistent(
    history: HistoryRepository,
    userId: number,
    habits: HistoryHabit[],
    resumes: Map<number, WalkCheckpoint>,
    records: AnalyticsRecord[],
    range: DateRange,
  ): Promise<AnalyticsRecord[]> {
    if (resumes.size === 0) return records;
    const revs = await history.historyRevs(userId, [...resumes.keys()]);
    const moved = habits.filter((habit) => resumes.has(habit.id) && revs.get(habit.id) !== habit.historyRev);
    if (moved.length === 0) return records;
    for (const habit of moved) resumes.delete(habit.id);
    const ids = new Set(moved.map((habit) => habit.id));
    const again = await history.recordsInSpans(userId, spansFrom(moved, resumes, range), range.to);
    return [...records.filter((record) => !ids.has(record.habitId)), ...again];
  }

  /** Keeps the checkpoints the walks passed. A failure only costs a longer walk next time. */
  async keep(habits: HistoryHabit[], checkpoints: ReadonlyMap<number, WalkCheckpoint[]>): Promise<void> {
    for (const habit of habits) {
      const passed = checkpoints.get(habit.id) ?? [];
      const rows = passed.map((checkpoint) => ({ day: fromEpochDay(checkpoint.day), state: encodeCheckpointState(checkpoint) }));
      try {
        for (let start = 0; start < rows.length; start += SAVE_CHUNK) {
          await this.history.saveCheckpoints(habit.id, habit.historyRev, checkpointRules(habit), rows.slice(start, start + SAVE_CHUNK));
        }
      } catch (error) {
        this.logger.warn(`could not keep the checkpoints of habit ${habit.id}: ${(error as Error).message}`);
      }
    }
  }
}

/** Per habit, its records from the score window before its checkpoint (from startDate without one). */
function spansFrom(habits: HistoryHabit[], resumes: ReadonlyMap<number, WalkCheckpoint>, range: DateRange): RecordSpan[] {
  const spans: RecordSpan[] = [];
  for (const habit of habits) {
    const resume = resumes.get(habit.id);
    const since = resume ? fromEpochDay(resume.day + 1 - scoreRule(habit).days) : habit.startDate;
    if (since <= range.to) spans.push({ habitId: habit.id, since: maxDate(since, habit.startDate) });
  }
  return spans;
}

/** The records of a range only (performance needs no history). */
export function rangeSpans(habits: HistoryHabit[], range: DateRange): RecordSpan[] {
  return habits.map((habit) => ({ habitId: habit.id, since: maxDate(range.from, habit.startDate) })).filter((span) => span.since <= range.to);
}

