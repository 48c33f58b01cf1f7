/**
 * How one due occurrence (a date, or an ISO week for `per_week`) bears on a streak:
 * - `done`: extends the run;
 * - `missed`: breaks it;
 * - `pending`: not done yet on or after today (the current week for `per_week`): neither breaks nor extends;
 * - `neutral`: a week whose quota is 0 (skipped dates are simply not occurrences): neither breaks nor extends.
 */
export type OccurrenceOutcome = 'done' | 'missed' | 'pending' | 'neutral';

export interface StreakState {
  /** Consecutive done occurrences up to the latest one tracked (the current streak). */
  run: number;
  /** The longest run ending at an occurrence inside the range. */
  best: number;
}

export function createStreakState(): StreakState {
  return { run: 0, best: 0 };
}

/** Feeds the next occurrence, in date order. `inRange`: the occurrence lies in [from, to]. */
export function trackOccurrence(state: StreakState, outcome: OccurrenceOutcome, inRange: boolean): void {
  if (outcome === 'done') {
    state.run += 1;
    if (inRange && state.run > state.best) state.best = state.run;
  } else if (outcome === 'missed') {
    state.run = 0;
  }
}

/** Outcome of a single due date that was not skipped. */
export function dayOutcome(done: boolean, onOrAfterToday: boolean): OccurrenceOutcome {
  if (done) return 'done';
  return onOrAfterToday ? 'pending' : 'missed';
}

/** Outcome of an ISO week of a `per_week` habit. `inProgress`: the week contains today (or is later). */
export function weekOutcome(quota: number, done: number, inProgress: boolean): OccurrenceOutcome {
  if (quota === 0) return 'neutral';
  if (done >= quota) return 'done';
  return inProgress ? 'pending' : 'missed';
}
