import { Between, EntityManager, In } from 'typeorm';
import { fromEpochDay, toEpochDay } from '../common/dates/calendar-date';
import { isDoneRecord } from '../analytics/habit-history';
import { isDaySchedule } from '../analytics/schedule';
import { quotaPeriods, weeklyQuota } from '../analytics/weekly-quota';
import { Habit } from '../habits/habit.entity';
import { HabitRecord } from '../records/habit-record.entity';
import { User } from '../users/user.entity';
import { FiringRules } from './next-firing';
import { daysOf, Reminder } from './reminder.entity';

/**
 * What the firing rules of a user's reminders need from the database, read in one transaction:
 * the user (zone, day start, locale), the habits, and for quota habits whether the period holding
 * `focusDate` (today, or the date a firing is about) has met its quota. Later periods hold no
 * records yet (nothing is recorded after today), so their quota is open.
 */
export class FiringContext {
  private constructor(
    readonly user: User,
    private readonly habits: Map<number, Habit>,
    private readonly metPeriods: Map<number, { first: number; last: number }>,
  ) {}

  static async load(manager: EntityManager, userId: number, habitIds: number[], focusDate: (user: User) => string): Promise<FiringContext | null> {
    const user = await manager.findOneBy(User, { id: userId });
    if (!user) return null;
    const habits = habitIds.length === 0 ? [] : await manager.findBy(Habit, { userId, id: In([...new Set(habitIds)]) });
    const focusDay = toEpochDay(focusDate(user));
    const metPeriods = new Map<number, { first: number; last: number }>();
    for (const habit of habits) {
      const period = await metQuotaPeriod(manager, habit, focusDay);
      if (period) metPeriods.set(habit.id, period);
    }
    return new FiringContext(user, new Map(habits.map((habit) => [habit.id, habit])), metPeriods);
  }

  habit(habitId: number): Habit | undefined {
    return this.habits.get(habitId);
  }

  /** The reminder's firing rules; null when its habit is gone. */
  rulesOf(reminder: Reminder): FiringRules | null {
    const habit = this.habits.get(reminder.habitId);
    if (!habit) return null;
    const met = this.metPeriods.get(habit.id);
    return {
      time: reminder.time,
      days: daysOf(reminder),
      enabled: reminder.enabled,
      habit,
      owner: this.user,
      quotaMet: (day) => met !== undefined && day >= met.first && day <= met.last,
    };
  }

  /** For onlyIfNotDone: the date has a done or skipped record (quota schedules: the period's quota is met). */
  async settled(manager: EntityManager, habit: Habit, date: string): Promise<{ settled: boolean; value: number }> {
    const record = await manager.findOneBy(HabitRecord, { userId: habit.userId, habitId: habit.id, date });
    const value = record?.status === 'done' ? Number(record.value) : 0;
    if (!isDaySchedule(habit.schedule)) {
      const met = this.metPeriods.get(habit.id);
      const day = toEpochDay(date);
      return { settled: met !== undefined && day >= met.first && day <= met.last, value };
    }
    const settled = record !== null && (record.status === 'skipped' || isDoneRecord(habit, { status: record.status, value: Number(record.value) }));
    return { settled, value };
  }
}

/** The quota period holding `focusDay`, when its quota is met (done >= min(times, its days - its skipped days)). */
async function metQuotaPeriod(manager: EntityManager, habit: Habit, focusDay: number): Promise<{ first: number; last: number } | null> {
  if (isDaySchedule(habit.schedule)) return null;
  const startDay = toEpochDay(habit.startDate);
  const periods = quotaPeriods(habit.schedule, startDay);
  const first = Math.max(periods.startOf(focusDay), startDay);
  const last = periods.endOf(focusDay);
  if (last < first) return null;
  const records = await manager.findBy(HabitRecord, { userId: habit.userId, habitId: habit.id, date: Between(fromEpochDay(first), fromEpochDay(last)) });
  const skipped = records.filter((record) => record.status === 'skipped').length;
  const done = records.filter((record) => isDoneRecord(habit, { status: record.status, value: Number(record.value) })).length;
  return done >= weeklyQuota(periods.times, last - first + 1, skipped) ? { first, last } : null;
}
