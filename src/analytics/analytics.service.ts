import { Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { CategoriesRepository } from '../categories/categories.repository';
import { todayIn } from '../common/dates/calendar-date';
import { CalendarRange, DEFAULT_RANGE_DAYS, resolveDateRange } from '../common/validation/date-range';
import { AnalyticsQueryDto, HabitAnalyticsQueryDto } from './analytics-query.dto';
import { ComplianceReport, HabitReport, PerformanceReport } from './analytics.types';
import { walkCompliance } from './compliance';
import { HabitHistoryStore, rangeSpans } from './habit-history-store';
import { walkHabitReport } from './habit-report';
import { HistoryHabit, HistoryRepository } from './history.repository';
import { computePerformance } from './performance';

const MAX_RANGE_DAYS = 366;

/**
 * Fetches plain rows (habits, then their records) and hands over to the pure functions. "Today" is
 * computed once per request here and passed down.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly history: HistoryRepository,
    private readonly store: HabitHistoryStore,
    private readonly categories: CategoriesRepository,
  ) {}

  async performance(user: AuthUser, query: AnalyticsQueryDto): Promise<PerformanceReport> {
    const range = rangeOf(query, todayIn(user.timezone));
    const habits = await this.activeHabits(user.id, query.categoryId);
    const records = await this.history.recordsInSpans(user.id, rangeSpans(habits, range), range.to);
    return computePerformance(habits, records, range);
  }

  /** Streaks and the score look at the whole history, through the checkpoints of the store. */
  async compliance(user: AuthUser, query: AnalyticsQueryDto): Promise<ComplianceReport> {
    const today = todayIn(user.timezone);
    const range = rangeOf(query, today);
    const habits = await this.activeHabits(user.id, query.categoryId);
    const { records, resumes } = await this.store.load(user.id, habits, range, today);
    const { report, checkpoints } = walkCompliance(habits, records, range, today, resumes);
    await this.store.keep(habits, checkpoints);
    return report;
  }

  /** One habit, archived or not; another user's habit is a 404. */
  async habit(user: AuthUser, habitId: number, query: HabitAnalyticsQueryDto): Promise<HabitReport> {
    const today = todayIn(user.timezone);
    const range = rangeOf(query, today);
    const habit = await this.history.findHabit(user.id, habitId);
    if (!habit) throw new NotFoundException('Habit not found');
    const { records, resumes } = await this.store.load(user.id, [habit], range, today);
    const { report, checkpoints } = walkHabitReport(habit, records, range, today, resumes.get(habit.id));
    await this.store.keep([habit], new Map([[habit.id, checkpoints]]));
    return report;
  }

  /** Non-archived habits, of one category when asked (404 when that category is not the user's). */
  private async activeHabits(userId: number, categoryId: number | undefined): Promise<HistoryHabit[]> {
    if (categoryId !== undefined && !(await this.categories.findOwned(userId, categoryId))) {
      throw new NotFoundException('Category not found');
    }
    return this.history.listHabits(userId, false, categoryId);
  }
}

function rangeOf(query: { from?: string; to?: string }, today: string): CalendarRange {
  return resolveDateRange(query, today, { defaultDays: DEFAULT_RANGE_DAYS, maxDays: MAX_RANGE_DAYS });
}
