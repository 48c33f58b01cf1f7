import { Module } from '@nestjs/common';
import { CategoriesModule } from '../categories/categories.module';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsService } from './analytics.service';
import { HabitHistoryStore } from './habit-history-store';
import { HabitParts } from './habit-parts';
import { HistoryRepository } from './history.repository';

@Module({
  imports: [CategoriesModule],
  controllers: [AnalyticsController],
  providers: [AnalyticsService, HabitHistoryStore, HabitParts, HistoryRepository],
})
export class AnalyticsModule {}
