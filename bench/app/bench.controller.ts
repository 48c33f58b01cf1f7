import { Body, Controller, Get, HttpCode, Put, Query, Res, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AnalyticsQueryDto } from '../../src/analytics/analytics-query.dto';
import { ComplianceReport } from '../../src/analytics/analytics.types';
import { AuthUser } from '../../src/common/auth/auth-user';
import { CurrentUser } from '../../src/common/decorators/current-user.decorator';
import { BenchAnalytics } from './bench-analytics';
import { FloorBody, FloorBodyDto } from './floor-body';
import { ProcessStats, ProcessStatsReport } from './process-stats';
import { UserScopedCacheInterceptor } from './user-scoped-cache.interceptor';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Bench-only routes, all behind the application's global JWT guard (they live under /api/bench). */
@Controller('bench')
export class BenchController {
  constructor(
    private readonly floorBody: FloorBody,
    private readonly analytics: BenchAnalytics,
    private readonly processStats: ProcessStats,
  ) {}

  /** Scenario `floor`: the framework and the guard, then a constant body of the hit's size. */
  @Get('floor')
  floor(@Res({ passthrough: true }) reply: FastifyReply): string {
    void reply.header('content-type', JSON_CONTENT_TYPE).header('x-cache', 'FLOOR');
    return this.floorBody.body;
  }

  @Put('floor')
  @HttpCode(204)
  setFloor(@Body() dto: FloorBodyDto): Promise<void> {
    return this.floorBody.set(dto.body);
  }

  /** Diagnostic (latency scenario only): the floor plus one Redis GET of the same body. */
  @Get('floor-redis')
  async floorRedis(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.header('content-type', JSON_CONTENT_TYPE).header('x-cache', 'FLOOR');
    return this.floorBody.fromRedis();
  }

  /** Scenario `uncached`: the real AnalyticsService, no cache in front of it. */
  @Get('uncached/compliance')
  uncached(@CurrentUser() user: AuthUser, @Query() query: AnalyticsQueryDto): Promise<ComplianceReport> {
    return this.analytics.compliance(user, query);
  }

  /** Scenario `stock`: the same work behind @nestjs/cache-manager's CacheInterceptor (key: user id + URL). */
  @Get('stock/compliance')
  @UseInterceptors(UserScopedCacheInterceptor)
  stock(@CurrentUser() user: AuthUser, @Query() query: AnalyticsQueryDto): Promise<ComplianceReport> {
    return this.analytics.compliance(user, query);
  }

  /** Memory (V8 heap vs the rest of RSS) and event-loop delay since the previous call. */
  @Get('process')
  process(): ProcessStatsReport {
    return this.processStats.report();
  }

  /** How many times AnalyticsService.compliance ran in this process (any route). */
  @Get('handler-runs')
  handlerRuns(): { compliance: number } {
    return this.analytics.handlerRuns();
  }
}
