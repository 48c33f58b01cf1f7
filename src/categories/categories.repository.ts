import { assertWithinAccountLimits } from '../users/account-limits';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserWrite } from '../changes/user-writes';
import { Habit } from '../habits/habit.entity';
import { Category } from './category.entity';

export interface NewCategory {
  name: string;
  nameKey: string;
  color: string | null;
}

export type CategoryChanges = Partial<Pick<Category, 'name' | 'nameKey' | 'color' | 'position'>>;

/**
 * Every query is scoped by the owner's id. Timestamps are set from the application clock, with
 * millisecond precision on both drivers (SQLite's own `datetime('now')` only has seconds).
 * Writes run inside a UserWrite (the door, UserWrites.write) and stamp the rows they change with its revision.
 */
@Injectable()
export class CategoriesRepository {
  constructor(@InjectRepository(Category) private readonly categories: Repository<Category>) {}

  listForUser(userId: number): Promise<Category[]> {
    return this.categories
      .createQueryBuilder('c')
      .where('c.userId = :userId', { userId })
      .orderBy('c.position', 'ASC')
      .addOrderBy('c.nameKey', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
  }

  findOwned(userId: number, id: number): Promise<Category | null> {
    return this.categories.findOneBy({ id, userId });
  }

  /** Inserts at the end of the user's list (position = max + 1, computed by the same statement). Returns the id. */
  async insertForUser({ manager, userId, revision }: UserWrite, category: NewCategory): Promise<number> {
    // The write door bumped the revision first: the user's writers queue there, so two creates cannot both pass at the limit.
    assertWithinAccountLimits({ categories: (await manager.countBy(Category, { userId })) + 1 });
    const now = new Date();
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Category)
      .values({
        userId,
        createdAt: now,
        updatedAt: now,
        ...category,
        revision,
        position: () => '(SELECT COALESCE(MAX(p.position), -1) + 1 FROM categories p WHERE p.user_id = :userId)',
      })
      .setParameter('userId', userId)
      .execute();
    return Number(result.identifiers[0].id);
  }

  /** Returns the number of rows changed (0 when the category is gone or not the user's). */
  async updateOwned({ manager, userId, revision }: UserWrite, id: number, changes: CategoryChanges): Promise<number> {
    const result = await manager.update(Category, { id, userId }, { ...changes, revision, updatedAt: new Date() });
    return result.affected ?? 0;
  }

  /**
   * Its habits keep existing with category_id NULL. The foreign key would do that too, but the
   * habits are changed here, in the same transaction, so that they carry this revision and a delta
   * sync sends them again.
   */
  async deleteOwned(write: UserWrite, id: number): Promise<number> {
    const { manager, userId, revision } = write;
    await manager.update(Habit, { userId, categoryId: id }, { categoryId: null, revision, updatedAt: new Date() });
    const result = await manager.delete(Category, { id, userId });
    const affected = result.affected ?? 0;
    if (affected > 0) await write.deleted([{ kind: 'category', entityId: id }]);
    return affected;
  }
}
