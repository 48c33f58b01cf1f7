import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { AdminModule } from './admin/admin.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { AuthModule } from './auth/auth.module';
import { ResponseCacheModule } from './cache/response-cache.module';
import { ChangesModule } from './changes/changes.module';
import { CategoriesModule } from './categories/categories.module';
import { RouteMetadataModule } from './common/http/route-metadata';
import { AppConfigModule, AppConfigOptions } from './config/app-config.module';
import { DatabaseModule } from './database/database.module';
import { ENTITIES } from './entities';
import { EventsModule } from './events/events.module';
import { HabitsModule } from './habits/habits.module';
import { HealthModule } from './health/health.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { LoggingModule } from './logging/logging.module';
import { NotificationsModule } from './notifications/notifications.module';
import { MetricsModule } from './metrics/metrics.module';
import { PortabilityModule } from './portability/portability.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RedisModule } from './redis/redis.module';
import { RecordsModule } from './records/records.module';
import { RemindersModule } from './reminders/reminders.module';
import { SyncModule } from './sync/sync.module';
import { WebhooksModule } from './webhooks/webhooks.module';

export interface AppModuleOptions extends AppConfigOptions {
  /** Where log lines go (default stdout); tests pass a stream to read them. */
  logDestination?: DestinationStream;
}

/** The whole API. `forRoot()` reads process.env; tests pass their own settings. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    const { logDestination, ...configOptions } = options;
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(configOptions),
        RouteMetadataModule,
        LoggingModule.forRoot(logDestination),
        RedisModule,
        DatabaseModule.forRoot(ENTITIES),
        ResponseCacheModule,
        ChangesModule,
        AuthModule,
        // After AuthModule: global guards run in the order they are registered, and the
        // per-user limit needs the user that JwtAuthGuard puts on the request.
        RateLimitModule,
        CategoriesModule,
        HabitsModule,
        RecordsModule,
        RemindersModule,
        SyncModule,
        AnalyticsModule,
        EventsModule,
        PortabilityModule,
        WebhooksModule,
        NotificationsModule,
        AdminModule,
        HealthModule,
        MetricsModule,
        LifecycleModule,
      ],
    };
  }
}
