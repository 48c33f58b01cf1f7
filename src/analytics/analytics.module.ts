import { Module } from '@nestjs/common';
import { CategoriesModule } from '../categories/categories.module';
import { HabitsModule } from '../habits/habits.module';
import { RecordsModule } from '../records/records.module';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsService } from './analytics.service';

@Module({
  imports: [CategoriesModule, HabitsModule, RecordsModule],
  controllers: [AnalyticsController],
  providers: [AnalyticsService],
})
export class AnalyticsModule {}
