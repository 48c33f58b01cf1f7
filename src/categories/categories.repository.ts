import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
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
  async insertForUser(userId: number, category: NewCategory): Promise<number> {
    const now = new Date();
    const result = await this.categories
      .createQueryBuilder()
      .insert()
      .into(Category)
      .values({
        userId,
        createdAt: now,
        updatedAt: now,
        ...category,
        position: () => '(SELECT COALESCE(MAX(p.position), -1) + 1 FROM categories p WHERE p.user_id = :userId)',
      })
      .setParameter('userId', userId)
      .execute();
    return Number(result.identifiers[0].id);
  }

  /** Returns the number of rows changed (0 when the category is gone or not the user's). */
  async updateOwned(userId: number, id: number, changes: CategoryChanges): Promise<number> {
    const result = await this.categories.update({ id, userId }, { ...changes, updatedAt: new Date() });
    return result.affected ?? 0;
  }

  /** Its habits keep existing: the foreign key sets their category_id to NULL. */
  async deleteOwned(userId: number, id: number): Promise<number> {
    const result = await this.categories.delete({ id, userId });
    return result.affected ?? 0;
  }
}
