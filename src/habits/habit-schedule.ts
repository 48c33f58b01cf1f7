/** The five schedule kinds of API.md. ISO weekdays: 1 = Monday … 7 = Sunday. */
export type HabitSchedule =
  | { type: 'daily' }
  | { type: 'weekdays'; days: number[] }
  | { type: 'every_n_days'; n: number }
  | { type: 'per_week'; times: number }
  | { type: 'per_period'; times: number; days: number };

export type HabitKind = 'boolean' | 'numeric';
/** Numeric habits only: done when `value >= target` (`at_least`) or `value <= target` (`at_most`). */
export type TargetType = 'at_least' | 'at_most';
export type RecordStatus = 'done' | 'skipped';
