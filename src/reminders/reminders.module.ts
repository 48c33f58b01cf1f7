import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HabitsModule } from '../habits/habits.module';
import { RecordsModule } from '../records/records.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { DoneAction } from './done-action';
import { DoneActionController } from './done-action.controller';
import { NextAtHook } from './next-at-hook';
import { Reminder, ReminderFiring } from './reminder.entity';
import { RemindersController } from './reminders.controller';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';

/** Reminders (API.md § Reminders and notifications): CRUD, nextAt kept by a hook on the write door, the scheduler, the "Done" action. */
@Module({
  imports: [TypeOrmModule.forFeature([Reminder, ReminderFiring]), HabitsModule, RecordsModule, UsersModule, SessionsModule],
  controllers: [RemindersController, DoneActionController],
  providers: [RemindersRepository, RemindersService, NextAtHook, DoneAction],
  exports: [DoneAction],
})
export class RemindersModule {}
