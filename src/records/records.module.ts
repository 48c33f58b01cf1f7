import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HabitsModule } from '../habits/habits.module';
import { HabitRecord } from './habit-record.entity';
import { HabitRecordsRepository } from './habit-records.repository';
import { RecordsController } from './records.controller';
import { RecordBatchService } from './record-batch.service';
import { RecordsService } from './records.service';

@Module({
  imports: [TypeOrmModule.forFeature([HabitRecord]), HabitsModule],
  controllers: [RecordsController],
  providers: [HabitRecordsRepository, RecordsService, RecordBatchService],
  exports: [HabitRecordsRepository, RecordsService],
})
export class RecordsModule {}
