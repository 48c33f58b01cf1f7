import type { Habit, Schedule } from '../api/types';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** How a schedule reads to a person ("Mon, Wed, Fri", "3 times a week"). */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.type) {
    case 'daily':
      return 'Every day';
    case 'weekdays':
      return schedule.days.map((day) => WEEKDAYS[day - 1]).join(', ');
    case 'every_n_days':
      return `Every ${schedule.n} days`;
    case 'per_week':
      return `${schedule.times} ${schedule.times === 1 ? 'time' : 'times'} a week`;
    case 'per_period':
      return `${schedule.times} ${schedule.times === 1 ? 'time' : 'times'} every ${schedule.days} days`;
  }
}

export function describeTarget(habit: Habit): string | null {
  if (habit.kind !== 'numeric') return null;
  const unit = habit.unit ? ` ${habit.unit}` : '';
  return `${habit.targetType === 'at_most' ? 'at most' : 'at least'} ${habit.target}${unit}`;
}

export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '–' : `${Math.round(rate * 100)}%`;
}
