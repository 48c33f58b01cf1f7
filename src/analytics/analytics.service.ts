import { Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { CategoriesRepository } from '../categories/categories.repository';
import { minDate } from '../common/dates/calendar-date';
import { todayFor } from '../common/dates/user-today';
import { CalendarRange, DEFAULT_RANGE_DAYS, resolveDateRange } from '../common/validation/date-range';
import { Habit } from '../habits/habit.entity';
import { HabitsRepository } from '../habits/habits.repository';
import { HabitRecord } from '../records/habit-record.entity';
import { HabitRecordsRepository } from '../records/habit-records.repository';
import { AnalyticsQueryDto } from './analytics-query.dto';
import { AnalyticsHabit, AnalyticsRecord, ComplianceReport, PerformanceReport } from './analytics.types';
import { computeCompliance } from './compliance';
import { computePerformance } from './performance';

const MAX_RANGE_DAYS = 366;

/** Fetches (one query for the habits, one for their records) and hands over to the pure functions. */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly habits: HabitsRepository,
    private readonly records: HabitRecordsRepository,
    private readonly categories: CategoriesRepository,
  ) {}

  async performance(user: AuthUser, query: AnalyticsQueryDto): Promise<PerformanceReport> {
    const range = rangeOf(query, todayFor(user));
    const habits = await this.activeHabits(user.id, query.categoryId);
    const records = await this.records.findInRange(user.id, range.from, range.to, habits.map((habit) => habit.id));
    return computePerformance(habits.map(toAnalyticsHabit), records.map(toAnalyticsRecord), range);
  }

  /** Streaks look at the whole history: records are read from the earliest startDate up to `to`. */
  async compliance(user: AuthUser, query: AnalyticsQueryDto): Promise<ComplianceReport> {
    const today = todayFor(user);
    const range = rangeOf(query, today);
    const habits = await this.activeHabits(user.id, query.categoryId);
    const records = habits.length === 0 ? [] : await this.historyOf(user.id, habits, range.to);
    return computeCompliance(habits.map(toAnalyticsHabit), records.map(toAnalyticsRecord), range, today);
  }

  /** Non-archived habits, of one category when asked (404 when that category is not the user's). */
  private async activeHabits(userId: number, categoryId: number | undefined): Promise<Habit[]> {
    if (categoryId !== undefined && !(await this.categories.findOwned(userId, categoryId))) {
      throw new NotFoundException('Category not found');
    }
    return this.habits.listForUser(userId, { archived: false, categoryId });
  }

  private historyOf(userId: number, habits: Habit[], to: string): Promise<HabitRecord[]> {
    const since = habits.map((habit) => habit.startDate).reduce(minDate);
    return this.records.findInRange(userId, minDate(since, to), to, habits.map((habit) => habit.id));
  }
}

function rangeOf(query: AnalyticsQueryDto, today: string): CalendarRange {
  return resolveDateRange(query, today, { defaultDays: DEFAULT_RANGE_DAYS, maxDays: MAX_RANGE_DAYS });
}

function toAnalyticsHabit(habit: Habit): AnalyticsHabit {
  const { id, name, schedule, kind, target, targetType, startDate, position } = habit;
  return { id, name, schedule, kind, target, targetType, startDate, position };
}

function toAnalyticsRecord(record: HabitRecord): AnalyticsRecord {
  const { habitId, date, status, value } = record;
  return { habitId, date, status, value };
}
