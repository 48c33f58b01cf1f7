import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/decorators/public.decorator';
import { SkipRateLimit } from '../rate-limit/rate-limit.decorators';
import { LivenessResponse, ReadinessResponse } from './health-responses';
import { HealthService, ReadinessReport } from './health.service';

@ApiTags('health')
@Public()
@SkipRateLimit()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: touches no dependency. */
  @Get()
  @ApiOkResponse({ type: LivenessResponse })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: 200 while the database is up (degraded without Redis), 503 otherwise. */
  @Get('ready')
  @ApiOkResponse({ type: ReadinessResponse, description: 'The database is up (`degraded` when Redis is down)' })
  @ApiServiceUnavailableResponse({ type: ReadinessResponse, description: 'The database is down' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = await this.health.readiness();
    void reply.status(report.status === 'error' ? 503 : 200);
    return report;
  }
}
