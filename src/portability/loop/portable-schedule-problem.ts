import { scheduleProblem } from '../../habits/habit-schedule.validator';

/** What is wrong with a schedule of an import file (API.md § Habits, `per_period` included), or null. */
export function portableScheduleProblem(value: unknown): string | null {
  if (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'per_period') {
    const { times, days, ...rest } = value as { type: string; times?: unknown; days?: unknown };
    const extra = Object.keys(rest).find((key) => key !== 'type');
    if (extra !== undefined) return `schedule.${extra} is not allowed for schedule type per_period`;
    if (!isInteger(days, 2, 365)) return 'schedule.days must be an integer from 2 to 365';
    if (!isInteger(times, 1, days as number)) return 'schedule.times must be an integer from 1 to schedule.days';
    return null;
  }
  return scheduleProblem(value);
}

function isInteger(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
