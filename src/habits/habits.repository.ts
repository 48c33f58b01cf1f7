import { assertWithinAccountLimits } from '../users/account-limits';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { UserWrite } from '../changes/user-writes';
import { Habit } from './habit.entity';

export type NewHabit = Pick<
  Habit,
  'name' | 'description' | 'categoryId' | 'schedule' | 'kind' | 'target' | 'targetType' | 'unit' | 'startDate' | 'color'
>;

export type HabitChanges = Partial<NewHabit & Pick<Habit, 'archived' | 'position'>>;

export interface HabitFilter {
  archived: boolean;
  categoryId?: number;
}

/**
 * Every query is scoped by the owner's id. Timestamps are set from the application clock, with
 * millisecond precision on both drivers (SQLite's own `datetime('now')` only has seconds).
 * Writes run inside a UserWrite (the door, UserWrites.write) and stamp the rows they change with its revision.
 */
@Injectable()
export class HabitsRepository {
  constructor(@InjectRepository(Habit) private readonly habits: Repository<Habit>) {}

  /** Ordered by position, then id. */
  listForUser(userId: number, filter: HabitFilter): Promise<Habit[]> {
    const query = this.habits
      .createQueryBuilder('h')
      .where('h.userId = :userId', { userId })
      .andWhere('h.archived = :archived', { archived: filter.archived })
      .orderBy('h.position', 'ASC')
      .addOrderBy('h.id', 'ASC');
    if (filter.categoryId !== undefined) query.andWhere('h.categoryId = :categoryId', { categoryId: filter.categoryId });
    return query.getMany();
  }

  findOwned(userId: number, id: number): Promise<Habit | null> {
    return this.habits.findOneBy({ id, userId });
  }

  /** The user's habits among `ids` (others' and unknown ids are left out). */
  findOwnedByIds(userId: number, ids: number[]): Promise<Habit[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.habits.findBy({ userId, id: In(ids) });
  }

  /** Inserts at the end of the user's list (position = max + 1, computed by the same statement). Returns the id. */
  async insertForUser({ manager, userId, revision }: UserWrite, habit: NewHabit): Promise<number> {
    // The write door bumped the revision first: the user's writers queue there, so two creates cannot both pass at the limit.
    assertWithinAccountLimits({ habits: (await manager.countBy(Habit, { userId })) + 1 });
    const now = new Date();
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Habit)
      .values({
        userId,
        createdAt: now,
        updatedAt: now,
        ...habit,
        archived: false,
        revision,
        position: () => '(SELECT COALESCE(MAX(p.position), -1) + 1 FROM habits p WHERE p.user_id = :userId)',
      })
      .setParameter('userId', userId)
      .execute();
    return Number(result.identifiers[0].id);
  }

  /** Returns the number of rows changed (0 when the habit is gone or not the user's). */
  async updateOwned({ manager, userId, revision }: UserWrite, id: number, changes: HabitChanges): Promise<number> {
    const result = await manager.update(Habit, { id, userId }, { ...changes, revision, updatedAt: new Date() });
    return result.affected ?? 0;
  }

  /** Its records go with it (the foreign key cascades); their deletion is implied by the habit's tombstone. */
  async deleteOwned(write: UserWrite, id: number): Promise<number> {
    const result = await write.manager.delete(Habit, { id, userId: write.userId });
    const affected = result.affected ?? 0;
    if (affected > 0) await write.deleted([{ kind: 'habit', entityId: id }]);
    return affected;
  }
}
