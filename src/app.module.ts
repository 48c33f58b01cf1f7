import { DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { AuthModule } from './auth/auth.module';
import { ResponseCacheModule } from './cache/response-cache.module';
import { CategoriesModule } from './categories/categories.module';
import { AppConfigModule, AppConfigOptions } from './config/app-config.module';
import { DatabaseModule } from './database/database.module';
import { HabitsModule } from './habits/habits.module';
import { HealthModule } from './health/health.module';
import { RecordsModule } from './records/records.module';

/** The whole API. `forRoot()` reads process.env; tests pass their own settings. */
@Module({})
export class AppModule {
  static forRoot(options: AppConfigOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(options),
        DatabaseModule,
        ResponseCacheModule,
        AuthModule,
        CategoriesModule,
        HabitsModule,
        RecordsModule,
        AnalyticsModule,
        AdminModule,
        HealthModule,
      ],
    };
  }
}
