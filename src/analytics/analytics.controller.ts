import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CachedEndpoint } from '../cache/cached-endpoint.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { dateRangeQueryDefaults, DEFAULT_RANGE_DAYS } from '../common/validation/date-range';
import { AnalyticsQueryDto } from './analytics-query.dto';
import { ComplianceReportResponse, PerformanceReportResponse } from './analytics-response.dto';
import { ComplianceReport, PerformanceReport } from './analytics.types';
import { AnalyticsService } from './analytics.service';

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analyticsService: AnalyticsService) {}

  @Get('performance')
  @ApiOkResponse({ type: PerformanceReportResponse })
  @ApiNotFoundResponse({ description: 'categoryId is not one of your categories' })
  @CachedEndpoint({ group: 'analytics', queryDefaults: dateRangeQueryDefaults(DEFAULT_RANGE_DAYS) })
  performance(@CurrentUser() user: AuthUser, @Query() query: AnalyticsQueryDto): Promise<PerformanceReport> {
    return this.analyticsService.performance(user, query);
  }

  @Get('compliance')
  @ApiOkResponse({ type: ComplianceReportResponse })
  @ApiNotFoundResponse({ description: 'categoryId is not one of your categories' })
  @CachedEndpoint({ group: 'analytics', queryDefaults: dateRangeQueryDefaults(DEFAULT_RANGE_DAYS) })
  compliance(@CurrentUser() user: AuthUser, @Query() query: AnalyticsQueryDto): Promise<ComplianceReport> {
    return this.analyticsService.compliance(user, query);
  }
}
