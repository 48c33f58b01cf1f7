import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HabitsModule } from '../habits/habits.module';
import { NotificationDispatcher } from '../notifications/notification-dispatcher';
import { NotificationsModule } from '../notifications/notifications.module';
import { RecordsModule } from '../records/records.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { DoneAction } from './done-action';
import { DoneActionController } from './done-action.controller';
import { NextAtHook } from './next-at-hook';
import { Reminder, ReminderFiring } from './reminder.entity';
import { ReminderFirer } from './reminder-firer';
import { ReminderOutlet } from './reminder-outlet';
import { ReminderScheduler } from './reminder-scheduler';
import { ReminderStats } from './reminder-stats';
import { RemindersController } from './reminders.controller';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';

/** Reminders (API.md § Reminders and notifications): CRUD, nextAt kept by a hook on the write door, the scheduler, the "Done" action. */
@Module({
  imports: [TypeOrmModule.forFeature([Reminder, ReminderFiring]), HabitsModule, RecordsModule, UsersModule, SessionsModule, NotificationsModule],
  controllers: [RemindersController, DoneActionController],
  providers: [
    RemindersRepository,
    RemindersService,
    NextAtHook,
    DoneAction,
    ReminderStats,
    ReminderFirer,
    ReminderScheduler,
    { provide: ReminderOutlet, useExisting: NotificationDispatcher },
  ],
  exports: [ReminderStats, ReminderScheduler],
})
export class RemindersModule {}
