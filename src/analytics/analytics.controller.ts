import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CachedEndpoint } from '../cache/cached-endpoint.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
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
  @CachedEndpoint({ group: 'analytics' })
  @ApiOkResponse({ type: PerformanceReportResponse })
  @ApiNotFoundResponse({ description: 'categoryId is not one of your categories' })
  performance(@CurrentUser() user: AuthUser, @Query() query: AnalyticsQueryDto): Promise<PerformanceReport> {
    return this.analyticsService.performance(user, query);
  }

  @Get('compliance')
  @CachedEndpoint({ group: 'analytics' })
  @ApiOkResponse({ type: ComplianceReportResponse })
  @ApiNotFoundResponse({ description: 'categoryId is not one of your categories' })
  compliance(@CurrentUser() user: AuthUser, @Query() query: AnalyticsQueryDto): Promise<ComplianceReport> {
    return this.analyticsService.compliance(user, query);
  }
}
