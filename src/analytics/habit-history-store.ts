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

  async load(userId: number, habits: HistoryHabit[], range: DateRange, today: string): Promise<LoadedHistory> {
    const before = minDate(range.from, today);
    const stored = await this.history.latestCheckpoints(
      habits.map((habit) => habit.id),
      before,
    );
    const resumes = new Map<number, WalkCheckpoint>();
    const spans: RecordSpan[] = [];
    for (const habit of habits) {
      const rules = checkpointRules(habit);
      const row = stored.find((item) => item.habitId === habit.id && item.rules === rules);
      const resume = row && row.day >= habit.startDate ? decodeCheckpointState(toEpochDay(row.day), row.state) : null;
      if (resume) resumes.set(habit.id, resume);
      const since = resume ? fromEpochDay(resume.day + 1 - scoreRule(habit).days) : habit.startDate;
      if (since <= range.to) spans.push({ habitId: habit.id, since: maxDate(since, habit.startDate) });
    }
    return { records: await this.history.recordsInSpans(userId, spans, range.to), resumes };
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

/** The records of a range only (performance needs no history). */
export function rangeSpans(habits: HistoryHabit[], range: DateRange): RecordSpan[] {
  return habits.map((habit) => ({ habitId: habit.id, since: maxDate(range.from, habit.startDate) })).filter((span) => span.since <= range.to);
}

