import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ReminderNotice, ReminderSkipReason } from '../notifications/reminder-notice';
import { DoneAction } from './done-action';
import { decideFiring } from './firing-decision';
import { FiringContext } from './firing-context';
import { Firing } from './next-firing';
import { Reminder } from './reminder.entity';
import { reminderTexts } from './reminder-texts';
import { RemindersRepository } from './reminders.repository';
import { ReminderOutlet } from './reminder-outlet';

/** What a firing became: sent, skipped (and why), or taken by another instance or an earlier run. */
export type FiringCommit = 'sent' | ReminderSkipReason | 'taken';

/**
 * One firing, inside the scheduler's transaction: the (reminder, date) claim first (taken: another
 * instance or an earlier run has it, nothing more to do), then sent to the channels, or recorded
 * as skipped `late` (beyond REMINDER_LATE_LIMIT_MINUTES), `done` (onlyIfNotDone and the date is
 * settled) or `no-channels` (the user has none: the firing is recorded so that it is not lost silently).
 */
@Injectable()
export class ReminderFirer {
  private readonly lateLimitMs: number;

  constructor(
    private readonly reminders: RemindersRepository,
    private readonly outlet: ReminderOutlet,
    private readonly done: DoneAction,
    config: AppConfig,
  ) {
    this.lateLimitMs = config.reminders.lateLimitMinutes * 60_000;
  }

  async fire(manager: EntityManager, reminder: Reminder, context: FiringContext, firing: Firing, now: number): Promise<FiringCommit> {
    const claim = { reminderId: reminder.id, userId: reminder.userId, date: firing.date, outcome: 'claimed', createdAt: now };
    if (!(await this.reminders.claim(manager, claim))) return 'taken';
    const habit = context.habit(reminder.habitId)!;
    const { settled, value } = await context.settled(manager, habit, firing.date);
    const decision = decideFiring({ firesAt: firing.at, now, lateLimitMs: this.lateLimitMs, onlyIfNotDone: reminder.onlyIfNotDone, settled });
    if (decision !== 'send') return this.skip(manager, reminder, firing.date, decision, now);
    const texts = reminderTexts({ ...habit, value }, context.user.locale);
    const notice: ReminderNotice = {
      userId: reminder.userId,
      reminderId: reminder.id,
      habitId: habit.id,
      habitName: habit.name,
      date: firing.date,
      firesAt: firing.at,
      ...texts,
      doneUrl: this.done.doneUrl(context.user, habit.id, firing.date),
    };
    if ((await this.outlet.enqueueReminder(manager, notice)) === 0) return this.skip(manager, reminder, firing.date, 'no-channels', now);
    await this.reminders.setOutcome(manager, reminder.id, firing.date, 'sent');
    return 'sent';
  }

  private async skip(manager: EntityManager, reminder: Reminder, date: string, reason: ReminderSkipReason, now: number): Promise<FiringCommit> {
    await this.outlet.recordSkip(manager, { userId: reminder.userId, reminderId: reminder.id, habitId: reminder.habitId, date, reason, at: now });
    await this.reminders.setOutcome(manager, reminder.id, date, reason);
    return reason;
  }
}
