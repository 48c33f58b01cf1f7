/** The four schedule kinds of API.md. ISO weekdays: 1 = Monday … 7 = Sunday. */
export type HabitSchedule =
  | { type: 'daily' }
  | { type: 'weekdays'; days: number[] }
  | { type: 'every_n_days'; n: number }
  | { type: 'per_week'; times: number };

export type HabitKind = 'boolean' | 'numeric';
export type RecordStatus = 'done' | 'skipped';
