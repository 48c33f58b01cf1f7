import { Controller, Get, Header, NotFoundException, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/decorators/public.decorator';
import { AppConfig } from '../config/app-config';
import { SkipRateLimit } from '../rate-limit/rate-limit.decorators';
import { MetricsService } from './metrics.service';

/** `GET /metrics` (outside /api): Prometheus text format, no auth, never rate limited; 404 when METRICS_ENABLED=false. */
@ApiExcludeController()
@Public()
@SkipRateLimit()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    if (!this.config.metricsEnabled) throw new NotFoundException('Cannot GET /metrics');
    const body = await this.metrics.scrape();
    void reply.header('content-type', this.metrics.registry.contentType);
    return body;
  }
}
