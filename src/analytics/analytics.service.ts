import { Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CategoriesRepository } from '../categories/categories.repository';
import { todayFor } from '../common/dates/user-today';
import { CalendarRange, DEFAULT_RANGE_DAYS, resolveDateRange } from '../common/validation/date-range';
import { AnalyticsQueryDto, HabitAnalyticsQueryDto } from './analytics-query.dto';
import { ComplianceReport, HabitReport, PerformanceReport } from './analytics.types';
import { walkCompliance } from './compliance';
import { HabitHistoryStore, rangeSpans } from './habit-history-store';
import { walkHabitReport } from './habit-report';
import { HabitParts } from './habit-parts';
import { HistoryHabit, HistoryRepository } from './history.repository';
import { performanceCodes, sumPerformance } from './performance';
import { assembleCompliance, complianceParts, partsInOrder } from './report-assembly';

const MAX_RANGE_DAYS = 366;

/**
 * Fetches plain rows (habits, then their records) and hands over to the pure functions. "Today" is
 * computed once per request here and passed down. The reports over all habits are assembled from
 * per-habit parts (HabitParts: cached per habit, docs/caching.md § Analytics fragments).
 */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly history: HistoryRepository,
    private readonly store: HabitHistoryStore,
    private readonly categories: CategoriesRepository,
    private readonly parts: HabitParts,
  ) {}

  /** Summed from each habit's day codes (cached per habit: only the habits that changed are read again). */
  async performance(user: AuthUser, query: AnalyticsQueryDto): Promise<PerformanceReport> {
    const today = todayFor(user);
    const range = rangeOf(query, today);
    await this.checkCategory(user.id, query.categoryId);
    const habits = await this.history.listHabits(user.id, false, query.categoryId);
    const fragments = { report: 'performance', params: [range.from, range.to], today };
    const parts = await this.parts.of(user, fragments, habits, async (missing) => {
      const records = await this.history.recordsInSpans(user.id, rangeSpans(missing, range), range.to);
      return performanceCodes(missing, records, range);
    });
    return sumPerformance(range, partsInOrder(habits, parts));
  }

  /**
   * Streaks and the score look at the whole history, through the checkpoints of the store; each
   * habit's entry is cached on its own, so only the habits that changed walk again.
   */
  async compliance(user: AuthUser, query: AnalyticsQueryDto): Promise<ComplianceReport> {
    const today = todayFor(user);
    const range = rangeOf(query, today);
    await this.checkCategory(user.id, query.categoryId);
    const habits = await this.history.listHabits(user.id, false, query.categoryId);
    const fragments = { report: 'compliance', params: [range.from, range.to], today };
    const parts = await this.parts.of(user, fragments, habits, (missing) => this.complianceOf(user.id, missing, range, today));
    return assembleCompliance(range, habits, parts);
  }

  /** The compliance entries of some habits (their records and checkpoints read in one snapshot), as parts. */
  private async complianceOf(userId: number, habits: HistoryHabit[], range: CalendarRange, today: string): Promise<Map<number, string>> {
    const loaded = await this.history.inSnapshot((history) => this.store.load(userId, habits, range, today, history));
    const { report, checkpoints } = walkCompliance(habits, loaded.records, range, today, loaded.resumes);
    await this.store.keep(habits, checkpoints);
    return complianceParts(report.habits);
  }

  /** One habit, archived or not; another user's habit is a 404. */
  async habit(user: AuthUser, habitId: number, query: HabitAnalyticsQueryDto): Promise<HabitReport> {
    const today = todayFor(user);
    const range = rangeOf(query, today);
    const { habit, loaded } = await this.history.inSnapshot(async (history) => {
      const habit = await history.findHabit(user.id, habitId);
      return { habit, loaded: habit ? await this.store.load(user.id, [habit], range, today, history) : null };
    });
    if (!habit || !loaded) throw new NotFoundException('Habit not found');
    const { report, checkpoints } = walkHabitReport(habit, loaded.records, range, today, loaded.resumes.get(habit.id));
    await this.store.keep([habit], new Map([[habit.id, checkpoints]]));
    return report;
  }

  /** 404 when the asked category is not the user's. */
  private async checkCategory(userId: number, categoryId: number | undefined): Promise<void> {
    if (categoryId !== undefined && !(await this.categories.findOwned(userId, categoryId))) {
      throw new NotFoundException('Category not found');
    }
  }
}

function rangeOf(query: { from?: string; to?: string }, today: string): CalendarRange {
  return resolveDateRange(query, today, { defaultDays: DEFAULT_RANGE_DAYS, maxDays: MAX_RANGE_DAYS });
}
