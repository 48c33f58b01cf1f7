import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ChangeGroup } from '../common/change-groups';
import { todayFor } from '../common/dates/user-today';
import { UserWrite, UserWrites } from '../changes/user-writes';
import { isDaySchedule } from '../analytics/schedule';
import { FiringContext } from './firing-context';
import { nextFiring } from './next-firing';
import { RemindersRepository } from './reminders.repository';

/**
 * A hook on the write door: inside every write that could move a reminder (its own writes, its
 * habit's schedule, archive or startDate, the user's zone or day start: groups `habits`/`profile`;
 * records, for quota habits whose period may now be met), the user's reminders get their `nextAt`
 * again, in the same transaction. A reminder already due (nextAt <= now) is left to the scheduler,
 * which checks the rules again when it fires, so a write never drops a firing about to go out.
 */
@Injectable()
export class NextAtHook implements OnModuleInit {
  constructor(
    private readonly writes: UserWrites,
    private readonly reminders: RemindersRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.writes.addHook((write, groups) => this.recompute(write, groups));
  }

  private async recompute(write: UserWrite, groups: readonly ChangeGroup[]): Promise<void> {
    const everything = groups.includes('habits') || groups.includes('profile');
    if (!everything && !groups.includes('records')) return;
    const now = this.clock.now();
    const pending = (await this.reminders.ofUser(write.manager, write.userId)).filter((reminder) => reminder.nextAt === null || Number(reminder.nextAt) > now);
    if (pending.length === 0) return;
    const context = await FiringContext.load(write.manager, write.userId, pending.map((reminder) => reminder.habitId), (user) => todayFor(user, new Date(now)));
    if (!context) return;
    for (const reminder of pending) {
      const habit = context.habit(reminder.habitId);
      if (!everything && (!habit || isDaySchedule(habit.schedule))) continue;
      const rules = context.rulesOf(reminder);
      const nextAt = rules ? (nextFiring(rules, now)?.at ?? null) : null;
      if (nextAt !== (reminder.nextAt === null ? null : Number(reminder.nextAt))) await this.reminders.setNextAt(write.manager, reminder.id, nextAt);
    }
  }
}
