import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AnalyticsQueryDto } from '../../src/analytics/analytics-query.dto';
import { AnalyticsService } from '../../src/analytics/analytics.service';
import { ComplianceReport } from '../../src/analytics/analytics.types';
import { AuthUser } from '../../src/common/auth/auth-user';

/**
 * The application's own AnalyticsService instance (not exported by its module, so found through
 * ModuleRef), with `compliance` wrapped to count how many times it ran: the stampede scenario reads
 * that count. The wrapper is installed before the server listens.
 */
@Injectable()
export class BenchAnalytics implements OnModuleInit {
  private service: AnalyticsService;
  private complianceRuns = 0;

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    this.service = this.moduleRef.get(AnalyticsService, { strict: false });
    const original = this.service.compliance.bind(this.service);
    this.service.compliance = (user: AuthUser, query: AnalyticsQueryDto): Promise<ComplianceReport> => {
      this.complianceRuns += 1;
      return original(user, query);
    };
  }

  /** The real handler's work, with no cache around it. */
  compliance(user: AuthUser, query: AnalyticsQueryDto): Promise<ComplianceReport> {
    return this.service.compliance(user, query);
  }

  handlerRuns(): { compliance: number } {
    return { compliance: this.complianceRuns };
  }
}
