import { scheduleFrequency } from '../../analytics/score';
import { HabitSchedule } from '../../habits/habit-schedule';

/** Loop's frequency `numerator / denominator` (times per days) of a schedule: the score's N / D before doubling. */
export function loopFrequency(schedule: HabitSchedule): [number, number] {
  const { times, days } = scheduleFrequency(schedule);
  return [times, days];
}

/** The schedule of a Loop frequency: daily (N = D), per_week (D = 7), else per_period; null when we cannot hold it. */
export function scheduleOfFrequency(numerator: number, denominator: number): HabitSchedule | null {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator)) return null;
  if (numerator < 1 || denominator < 1 || numerator > denominator) return null;
  if (numerator === denominator) return { type: 'daily' };
  if (denominator === 7) return { type: 'per_week', times: numerator };
  if (denominator > 365) return null;
  return { type: 'per_period', times: numerator, days: denominator };
}
