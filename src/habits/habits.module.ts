import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CategoriesModule } from '../categories/categories.module';
import { Habit } from './habit.entity';
import { HabitsController } from './habits.controller';
import { HabitsRepository } from './habits.repository';
import { HabitsService } from './habits.service';

@Module({
  imports: [TypeOrmModule.forFeature([Habit]), CategoriesModule],
  controllers: [HabitsController],
  providers: [HabitsRepository, HabitsService],
  exports: [HabitsRepository],
})
export class HabitsModule {}
