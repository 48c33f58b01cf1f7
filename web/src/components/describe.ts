import type { Habit, Schedule } from '../api/types';
import { formatNumber, formatPercent, i18n, weekdayNames } from '../i18n';

/** How a schedule reads to a person ("Mon, Wed, Fri", "3 times a week"). */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.type) {
    case 'daily':
      return i18n.t('schedule.daily');
    case 'weekdays': {
      const names = weekdayNames('short');
      return new Intl.ListFormat(i18n.language, { style: 'narrow', type: 'unit' }).format(schedule.days.map((day) => names[day - 1]));
    }
    case 'every_n_days':
      return i18n.t('schedule.everyN', { count: schedule.n });
    case 'per_week':
      return i18n.t('schedule.perWeek', { count: schedule.times });
    case 'per_period':
      return i18n.t('schedule.perPeriod', { count: schedule.times, days: schedule.days });
  }
}

export function describeTarget(habit: Habit): string | null {
  if (habit.kind !== 'numeric') return null;
  const target = `${formatNumber(habit.target ?? 0)}${habit.unit ? ` ${habit.unit}` : ''}`;
  return i18n.t(habit.targetType === 'at_most' ? 'schedule.atMost' : 'schedule.atLeast', { target });
}

export function percent(rate: number | null | undefined): string {
  return formatPercent(rate);
}
