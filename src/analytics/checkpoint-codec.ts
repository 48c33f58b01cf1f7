import type { AnalyticsHabit } from './analytics.types';
import type { WalkCheckpoint } from './habit-walk';

/**
 * How a checkpoint is kept in `habit_checkpoints`: `rules` names everything of the habit the walk depends
 * on (a checkpoint of other rules is ignored), `state` the walk's state, with the score in full precision
 * (JSON numbers round-trip doubles exactly).
 */
export function checkpointRules(habit: Pick<AnalyticsHabit, 'schedule' | 'kind' | 'target' | 'targetType' | 'startDate'>): string {
  const targetType = habit.kind === 'numeric' ? (habit.targetType ?? 'at_least') : null;
  return JSON.stringify([habit.schedule, habit.kind, habit.target, targetType, habit.startDate]);
}

export function encodeCheckpointState(checkpoint: WalkCheckpoint): string {
  return JSON.stringify([checkpoint.score, checkpoint.run, checkpoint.runStart, checkpoint.runEnd]);
}

/** The checkpoint of `day`, or null when `state` is not one this code wrote. */
export function decodeCheckpointState(day: number, state: string): WalkCheckpoint | null {
  try {
    const parsed: unknown = JSON.parse(state);
    if (!Array.isArray(parsed) || parsed.length !== 4 || !parsed.every((item) => typeof item === 'number' && Number.isFinite(item))) {
      return null;
    }
    const [score, run, runStart, runEnd] = parsed as number[];
    return { day, score, run, runStart, runEnd };
  } catch {
    return null;
  }
}
