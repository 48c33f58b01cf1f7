import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AnalyticsQueryDto } from '../../src/analytics/analytics-query.dto';
import { AnalyticsService } from '../../src/analytics/analytics.service';
import { ComplianceReport } from '../../src/analytics/analytics.types';
import { HabitHistoryStore } from '../../src/analytics/habit-history-store';
import { HabitParts } from '../../src/analytics/habit-parts';
import { HistoryRepository } from '../../src/analytics/history.repository';
import { FragmentCache } from '../../src/cache/fragment-cache';
import { CategoriesRepository } from '../../src/categories/categories.repository';
import { AuthUser } from '../../src/common/auth/auth-user';

/** Analytics fragments that are never found nor kept: every habit's part is computed. */
const NO_FRAGMENTS: Pick<FragmentCache, 'read'> = { read: async () => ({ found: new Map<number, string>(), store: async () => undefined }) };

/**
 * The application's own AnalyticsService instance (not exported by its module, so found through
 * ModuleRef), with `compliance` wrapped to count how many times it ran: the stampede scenario reads
 * that count. The wrapper is installed before the server listens.
 */
@Injectable()
export class BenchAnalytics implements OnModuleInit {
  private service: AnalyticsService;
  /** The same service over the same repositories, with no analytics fragments: the whole computation of a miss. */
  private uncached: AnalyticsService;
  private complianceRuns = 0;

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    const get = <T>(type: new (...args: never[]) => T): T => this.moduleRef.get(type, { strict: false });
    this.service = get(AnalyticsService);
    this.uncached = new AnalyticsService(get(HistoryRepository), get(HabitHistoryStore), get(CategoriesRepository), new HabitParts(NO_FRAGMENTS as FragmentCache));
    const original = this.service.compliance.bind(this.service);
    this.service.compliance = (user: AuthUser, query: AnalyticsQueryDto): Promise<ComplianceReport> => {
      this.complianceRuns += 1;
      return original(user, query);
    };
  }

  /** The real handler's work, with no cache around it and no analytics fragments inside it. */
  compliance(user: AuthUser, query: AnalyticsQueryDto): Promise<ComplianceReport> {
    return this.uncached.compliance(user, query);
  }

  handlerRuns(): { compliance: number } {
    return { compliance: this.complianceRuns };
  }
}
