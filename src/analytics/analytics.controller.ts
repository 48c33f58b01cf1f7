import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CachedEndpoint } from '../cache/cached-endpoint.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/openapi/error-response';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { dateRangeQueryDefaults, DEFAULT_RANGE_DAYS } from '../common/validation/date-range';
import { AnalyticsQueryDto, HabitAnalyticsQueryDto } from './analytics-query.dto';
import { ComplianceReportResponse, HabitReportResponse, PerformanceReportResponse } from './analytics-response.dto';
import { ComplianceReport, HabitReport, PerformanceReport } from './analytics.types';
import { AnalyticsService } from './analytics.service';

@ApiTags('analytics')
@ApiErrors(400, 401)
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analyticsService: AnalyticsService) {}

  @Get('performance')
  @ApiOkResponse({ type: PerformanceReportResponse })
  @ApiErrors({ 404: 'categoryId is not one of your categories' })
  @CachedEndpoint({ group: 'analytics', queryDefaults: dateRangeQueryDefaults(DEFAULT_RANGE_DAYS) })
  performance(@CurrentUser() user: AuthUser, @Query() query: AnalyticsQueryDto): Promise<PerformanceReport> {
    return this.analyticsService.performance(user, query);
  }

  @Get('compliance')
  @ApiOkResponse({ type: ComplianceReportResponse })
  @ApiErrors({ 404: 'categoryId is not one of your categories' })
  @CachedEndpoint({ group: 'analytics', queryDefaults: dateRangeQueryDefaults(DEFAULT_RANGE_DAYS) })
  compliance(@CurrentUser() user: AuthUser, @Query() query: AnalyticsQueryDto): Promise<ComplianceReport> {
    return this.analyticsService.compliance(user, query);
  }

  @Get('habits/:id')
  @ApiOkResponse({ type: HabitReportResponse, description: 'One habit (archived or not) over the range' })
  @ApiErrors({ 404: 'Not one of your habits' })
  @CachedEndpoint({ group: 'analytics', queryDefaults: dateRangeQueryDefaults(DEFAULT_RANGE_DAYS) })
  habit(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: HabitAnalyticsQueryDto,
  ): Promise<HabitReport> {
    return this.analyticsService.habit(user, id, query);
  }
}
