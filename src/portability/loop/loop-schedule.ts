import { HabitSchedule } from '../../habits/habit-schedule';

/** A schedule as the portability code sees it: today's kinds plus `per_period` (issue 9). */
export type PortableSchedule = HabitSchedule | { type: 'per_period'; times: number; days: number };

/** Loop's frequency `numerator / denominator` (times per days) of a schedule (API.md § Score). */
export function loopFrequency(schedule: PortableSchedule): [number, number] {
  switch (schedule.type) {
    case 'daily':
      return [1, 1];
    case 'weekdays':
      return schedule.days.length === 7 ? [1, 1] : [schedule.days.length, 7];
    case 'every_n_days':
      return [1, schedule.n];
    case 'per_week':
      return [schedule.times, 7];
    case 'per_period':
      return [schedule.times, schedule.days];
  }
}

/** The schedule of a Loop frequency: daily (N = D), per_week (D = 7), else per_period; null when we cannot hold it. */
export function scheduleOfFrequency(numerator: number, denominator: number): PortableSchedule | null {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator)) return null;
  if (numerator < 1 || denominator < 1 || numerator > denominator) return null;
  if (numerator === denominator) return { type: 'daily' };
  if (denominator === 7) return { type: 'per_week', times: numerator };
  if (denominator > 365) return null;
  return { type: 'per_period', times: numerator, days: denominator };
}
