import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { GracefulShutdown } from './graceful-shutdown';

@Module({ imports: [HealthModule], providers: [GracefulShutdown] })
export class LifecycleModule {}
