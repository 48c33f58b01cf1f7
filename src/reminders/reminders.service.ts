import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '../common/clock';
import { CHANGES } from '../common/change-groups';
import { isForeignKeyViolation } from '../common/database/database-errors';
import { UserWrite, UserWrites } from '../changes/user-writes';
import { HabitsRepository } from '../habits/habits.repository';
import { ALL_WEEKDAYS, CreateReminderDto } from './dto/create-reminder.dto';
import { ReminderResponse, toReminderResponse } from './dto/reminder.response';
import { UpdateReminderDto } from './dto/update-reminder.dto';
import { ReminderChanges, RemindersRepository } from './reminders.repository';

/** API.md: at most 5 reminders per habit. */
export const MAX_REMINDERS_PER_HABIT = 5;

/**
 * Reminder CRUD (API.md § Reminders and notifications). Every write goes through the door with
 * the habit change groups (cache group `habits`, the change feed); NextAtHook sets `nextAt` in the
 * same transaction (a created or edited reminder is written with none, and the hook computes it).
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly reminders: RemindersRepository,
    private readonly habits: HabitsRepository,
    private readonly writes: UserWrites,
    private readonly clock: Clock,
  ) {}

  async list(userId: number, habitId: number): Promise<ReminderResponse[]> {
    if (!(await this.habits.findOwned(userId, habitId))) throw new NotFoundException('Habit not found');
    return (await this.reminders.listOfHabit(userId, habitId)).map(toReminderResponse);
  }

  async create(userId: number, habitId: number, dto: CreateReminderDto): Promise<ReminderResponse> {
    if (!(await this.habits.findOwned(userId, habitId))) throw new NotFoundException('Habit not found');
    const id = await this.writes.write(userId, CHANGES.habit, (write) => this.insert(write, habitId, dto)).catch((error: unknown) => {
      // The habit was deleted between the check and the insert.
      if (isForeignKeyViolation(error)) throw new NotFoundException('Habit not found');
      throw error;
    });
    return this.committed(userId, id);
  }

  /** In the write: at most 5 per habit (counted in the same transaction as the insert). */
  private async insert(write: UserWrite, habitId: number, dto: CreateReminderDto): Promise<number> {
    write.habitsChanged(); // a reminder is no part of any analytics
    if ((await this.reminders.countOfHabit(write, habitId)) >= MAX_REMINDERS_PER_HABIT) {
      throw new ConflictException(`At most ${MAX_REMINDERS_PER_HABIT} reminders per habit; delete one first`);
    }
    const now = this.clock.now();
    const days = daysText(dto.days ?? ALL_WEEKDAYS);
    return this.reminders.insertForUser(write, { habitId, time: dto.time, days, onlyIfNotDone: dto.onlyIfNotDone ?? true, enabled: dto.enabled ?? true, createdAt: now, updatedAt: now });
  }

  async update(userId: number, id: number, dto: UpdateReminderDto): Promise<ReminderResponse> {
    await this.writes.write(userId, CHANGES.habit, async (write) => {
      write.habitsChanged();
      const changes: ReminderChanges = { nextAt: null, updatedAt: this.clock.now() };
      if (dto.time !== undefined) changes.time = dto.time;
      if (dto.days !== undefined) changes.days = daysText(dto.days);
      if (dto.onlyIfNotDone !== undefined) changes.onlyIfNotDone = dto.onlyIfNotDone;
      if (dto.enabled !== undefined) changes.enabled = dto.enabled;
      if ((await this.reminders.updateOwned(write, id, changes)) === 0) throw new NotFoundException('Reminder not found');
    });
    return this.committed(userId, id);
  }

  async remove(userId: number, id: number): Promise<void> {
    await this.writes.write(userId, CHANGES.habit, async (write) => {
      write.habitsChanged();
      if ((await this.reminders.deleteOwned(write, id)) === 0) throw new NotFoundException('Reminder not found');
    });
  }

  /** The reminder as committed: its nextAt is set by the hook after the work, so it is read after the write. */
  private async committed(userId: number, id: number): Promise<ReminderResponse> {
    const reminder = await this.reminders.findOwnedCommitted(userId, id);
    if (!reminder) throw new NotFoundException('Reminder not found');
    return toReminderResponse(reminder);
  }
}

function daysText(days: readonly number[]): string {
  return [...days].sort((a, b) => a - b).join(',');
}
