import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, LessThanOrEqual, Repository } from 'typeorm';
import { Habit } from '../habits/habit.entity';
import { UserWrite } from '../changes/user-writes';
import { Reminder, ReminderFiring } from './reminder.entity';

export type NewReminder = Pick<Reminder, 'habitId' | 'time' | 'days' | 'onlyIfNotDone' | 'enabled' | 'createdAt' | 'updatedAt'>;
export type ReminderChanges = Partial<Pick<Reminder, 'time' | 'days' | 'onlyIfNotDone' | 'enabled' | 'nextAt' | 'updatedAt'>>;

/** Reminders and their firings; every query of a user's rows is scoped by the user id. */
@Injectable()
export class RemindersRepository {
  constructor(@InjectRepository(Reminder) private readonly reminders: Repository<Reminder>) {}

  listOfHabit(userId: number, habitId: number): Promise<Reminder[]> {
    return this.reminders.find({ where: { userId, habitId }, order: { time: 'ASC', id: 'ASC' } });
  }

  countOfHabit({ manager, userId }: UserWrite, habitId: number): Promise<number> {
    return manager.countBy(Reminder, { userId, habitId });
  }

  async insertForUser({ manager, userId }: UserWrite, reminder: NewReminder): Promise<number> {
    const result = await manager.insert(Reminder, { ...reminder, userId, nextAt: null });
    return Number(result.identifiers[0].id);
  }

  findOwnedCommitted(userId: number, id: number): Promise<Reminder | null> {
    return this.reminders.findOneBy({ id, userId });
  }

  async updateOwned({ manager, userId }: UserWrite, id: number, changes: ReminderChanges): Promise<number> {
    return (await manager.update(Reminder, { id, userId }, changes)).affected ?? 0;
  }

  async deleteOwned({ manager, userId }: UserWrite, id: number): Promise<number> {
    return (await manager.delete(Reminder, { id, userId })).affected ?? 0;
  }

  /** In a write's transaction: all the user's reminders (NextAtHook moves their nextAt). */
  ofUser(manager: EntityManager, userId: number): Promise<Reminder[]> {
    return manager.findBy(Reminder, { userId });
  }

  async setNextAt(manager: EntityManager, id: number, nextAt: number | null): Promise<void> {
    await manager.update(Reminder, { id }, { nextAt });
  }

  /** The ids of up to `limit` reminders due at `now`, earliest first, through the next_at index. */
  async dueIds(now: number, limit: number): Promise<number[]> {
    const rows = await this.reminders.find({ select: { id: true }, where: { nextAt: LessThanOrEqual(now) }, order: { nextAt: 'ASC' }, take: limit });
    return rows.map((row) => row.id);
  }

  findById(manager: EntityManager, id: number): Promise<Reminder | null> {
    return manager.findOneBy(Reminder, { id });
  }

  /** The user a habit belongs to (the Done action knows the habit only). */
  async habitOwner(habitId: number): Promise<number | null> {
    const habit = await this.reminders.manager.findOne(Habit, { select: { userId: true }, where: { id: habitId } });
    return habit?.userId ?? null;
  }

  /**
   * Claims (reminder, date) for this transaction: true when this insert made the row, false when
   * it exists (another instance, or an earlier run, had it; PostgreSQL waits for that one to commit).
   */
  async claim(manager: EntityManager, firing: Omit<ReminderFiring, 'id'>): Promise<boolean> {
    const [sql, parameters] = manager.connection.driver.escapeQueryWithParameters(
      // The leading comment makes TypeORM's sqlite driver read the RETURNING rows (for a statement that
      // starts with INSERT it only reports the last row id, stale when nothing was inserted).
      '/* claim */ INSERT INTO reminder_firings (reminder_id, user_id, date, outcome, created_at) VALUES (:reminderId, :userId, :date, :outcome, :createdAt) ' +
        'ON CONFLICT (reminder_id, date) DO NOTHING RETURNING id',
      { ...firing },
      {},
    );
    const rows: unknown = await manager.query(sql, parameters);
    return Array.isArray(rows) && rows.length === 1;
  }

  async setOutcome(manager: EntityManager, reminderId: number, date: string, outcome: string): Promise<void> {
    await manager.update(ReminderFiring, { reminderId, date }, { outcome });
  }
}
