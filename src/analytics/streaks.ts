/**
 * How one due occurrence (a date, or an ISO week for `per_week`) bears on a streak:
 * - `done`: extends the run;
 * - `missed`: breaks it;
 * - `pending`: not done yet on or after today (the current week for `per_week`): neither breaks nor extends;
 * - `neutral`: a week whose quota is 0 (skipped dates are simply not occurrences): neither breaks nor extends.
 */
export type OccurrenceOutcome = 'done' | 'missed' | 'pending' | 'neutral';

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
