import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { CHANGES } from '../common/change-groups';
import { UserWrites } from '../changes/user-writes';
import { isUniqueViolation } from '../common/database/database-errors';
import { CategoriesRepository, CategoryChanges } from './categories.repository';
import { Category } from './category.entity';
import { nameKeyOf } from './category-name';
import { CategoryResponse, toCategoryResponse } from './dto/category.response';
import { CreateCategoryDto } from './dto/create-category.dto';
import { UpdateCategoryDto } from './dto/update-category.dto';

@Injectable()
export class CategoriesService {
  constructor(
    private readonly categories: CategoriesRepository,
    private readonly writes: UserWrites,
  ) {}

  async list(userId: number): Promise<CategoryResponse[]> {
    const categories = await this.categories.listForUser(userId);
    return categories.map(toCategoryResponse);
  }

  async create(userId: number, dto: CreateCategoryDto): Promise<CategoryResponse> {
    const newCategory = { name: dto.name, nameKey: nameKeyOf(dto.name), color: dto.color ?? null };
    const id = await this.failOnNameConflict(dto.name, () =>
      this.writes.write(userId, CHANGES.category, (write) => {
        write.habitsChanged(); // the reports read which habits a category holds; no habit's part changes
        return this.categories.insertForUser(write, newCategory);
      }),
    );
    return toCategoryResponse(await this.getOwned(userId, id));
  }

  async update(userId: number, id: number, dto: UpdateCategoryDto): Promise<CategoryResponse> {
    const current = await this.getOwned(userId, id);
    const changes = categoryChanges(dto);
    if (Object.keys(changes).length === 0) return toCategoryResponse(current);
    await this.failOnNameConflict(dto.name ?? current.name, () =>
      this.writes.write(userId, CHANGES.category, async (write) => {
        write.habitsChanged();
        if ((await this.categories.updateOwned(write, id, changes)) === 0) throw new NotFoundException('Category not found');
      }),
    );
    return toCategoryResponse(await this.getOwned(userId, id));
  }

  /** Its habits stay, with `categoryId: null` (the foreign key is `ON DELETE SET NULL`). */
  async remove(userId: number, id: number): Promise<void> {
    await this.writes.write(userId, CHANGES.category, async (write) => {
      write.habitsChanged();
      if ((await this.categories.deleteOwned(write, id)) === 0) throw new NotFoundException('Category not found');
    });
  }

  private async getOwned(userId: number, id: number): Promise<Category> {
    const category = await this.categories.findOwned(userId, id);
    if (!category) throw new NotFoundException('Category not found');
    return category;
  }

  /** The unique index on (user_id, name_key) is the source of truth, also under concurrent requests. */
  private async failOnNameConflict<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException(`A category named "${name}" already exists`);
      throw error;
    }
  }
}

function categoryChanges(dto: UpdateCategoryDto): CategoryChanges {
  const changes: CategoryChanges = {};
  if (dto.name !== undefined) {
    changes.name = dto.name;
    changes.nameKey = nameKeyOf(dto.name);
  }
  if (dto.color !== undefined) changes.color = dto.color;
  if (dto.position !== undefined) changes.position = dto.position;
  return changes;
}
