import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CHANGES } from '../common/change-groups';
import { UserWrites } from '../changes/user-writes';
import { CategoriesRepository } from '../categories/categories.repository';
import { todayFor } from '../common/dates/user-today';
import { isForeignKeyViolation } from '../common/database/database-errors';
import { CreateHabitDto } from './dto/create-habit.dto';
import { HabitResponse, toHabitResponse } from './dto/habit.response';
import { ListHabitsQuery } from './dto/list-habits.query';
import { UpdateHabitDto } from './dto/update-habit.dto';
import { HabitKind, TargetType } from './habit-schedule';
import { normalizeSchedule } from './habit-schedule.validator';
import { Habit } from './habit.entity';
import { HabitChanges, HabitsRepository, NewHabit } from './habits.repository';

const DEFAULT_TARGET = 1;
const UNKNOWN_CATEGORY = 'categoryId must be the id of one of your categories';

@Injectable()
export class HabitsService {
  constructor(
    private readonly habits: HabitsRepository,
    private readonly categories: CategoriesRepository,
    private readonly writes: UserWrites,
  ) {}

  /** Archived habits only with `archived=true`; an unknown `categoryId` filter is a 404. */
  async list(userId: number, query: ListHabitsQuery): Promise<HabitResponse[]> {
    if (query.categoryId !== undefined) await this.requireCategoryFilter(userId, query.categoryId);
    const habits = await this.habits.listForUser(userId, {
      archived: query.archived ?? false,
      categoryId: query.categoryId,
    });
    return habits.map(toHabitResponse);
  }

  async get(userId: number, id: number): Promise<HabitResponse> {
    return toHabitResponse(await this.getOwned(userId, id));
  }

  async create(user: AuthUser, dto: CreateHabitDto): Promise<HabitResponse> {
    await this.requireCategoryInBody(user.id, dto.categoryId);
    const id = await this.failOnUnknownCategory(() =>
      this.writes.write(user.id, CHANGES.habit, async (write) => {
        const id = await this.habits.insertForUser(write, newHabit(user, dto));
        write.habitsChanged(id);
        return id;
      }),
    );
    return toHabitResponse(await this.getOwned(user.id, id));
  }

  async update(userId: number, id: number, dto: UpdateHabitDto): Promise<HabitResponse> {
    const current = await this.getOwned(userId, id);
    await this.requireCategoryInBody(userId, dto.categoryId);
    const changes = habitChanges(current, dto);
    if (Object.keys(changes).length === 0) return toHabitResponse(current);
    await this.failOnUnknownCategory(() =>
      this.writes.write(userId, CHANGES.habit, async (write) => {
        write.habitsChanged(id);
        if ((await this.habits.updateOwned(write, id, changes)) === 0) throw new NotFoundException('Habit not found');
      }),
    );
    return toHabitResponse(await this.getOwned(userId, id));
  }

  /** Its records go with it (the foreign key cascades). */
  async remove(userId: number, id: number): Promise<void> {
    await this.writes.write(userId, CHANGES.habit, async (write) => {
      write.habitsChanged(id);
      if ((await this.habits.deleteOwned(write, id)) === 0) throw new NotFoundException('Habit not found');
    });
  }

  private async getOwned(userId: number, id: number): Promise<Habit> {
    const habit = await this.habits.findOwned(userId, id);
    if (!habit) throw new NotFoundException('Habit not found');
    return habit;
  }

  /** A category id sent in a body that is not one of the user's: 400 naming the field. */
  private async requireCategoryInBody(userId: number, categoryId: number | null | undefined): Promise<void> {
    if (categoryId === undefined || categoryId === null) return;
    if (!(await this.categories.findOwned(userId, categoryId))) throw new BadRequestException(UNKNOWN_CATEGORY);
  }

  private async requireCategoryFilter(userId: number, categoryId: number): Promise<void> {
    if (!(await this.categories.findOwned(userId, categoryId))) throw new NotFoundException('Category not found');
  }

  /** The category may be deleted between the check and the write: the foreign key then refuses it. */
  private async failOnUnknownCategory<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new BadRequestException(UNKNOWN_CATEGORY);
      throw error;
    }
  }
}

function newHabit(user: AuthUser, dto: CreateHabitDto): NewHabit {
  const kind = dto.kind ?? 'boolean';
  return {
    name: dto.name,
    description: dto.description ?? null,
    categoryId: dto.categoryId ?? null,
    schedule: normalizeSchedule(dto.schedule),
    kind,
    target: targetFor(kind, dto.target ?? DEFAULT_TARGET),
    targetType: targetTypeFor(kind, dto.targetType, null),
    unit: dto.unit ?? null,
    startDate: dto.startDate ?? todayFor(user),
    color: dto.color ?? null,
  };
}

/** The fields the PATCH names; a habit that is (or becomes) boolean keeps target 1. */
function habitChanges(current: Habit, dto: UpdateHabitDto): HabitChanges {
  const changes: HabitChanges = {};
  for (const field of ['name', 'description', 'categoryId', 'unit', 'startDate', 'color', 'archived', 'position'] as const) {
    if (dto[field] !== undefined) Object.assign(changes, { [field]: dto[field] });
  }
  if (dto.schedule !== undefined) changes.schedule = normalizeSchedule(dto.schedule);
  if (dto.kind !== undefined) changes.kind = dto.kind;
  const kind = dto.kind ?? current.kind;
  const target = targetFor(kind, dto.target ?? current.target);
  if (target !== current.target) changes.target = target;
  const targetType = targetTypeFor(kind, dto.targetType, current.targetType);
  if (targetType !== current.targetType) changes.targetType = targetType;
  return changes;
}

/**
 * Numeric habits: the requested type, else the current one, else `at_least`. Boolean habits: null, and
 * a targetType sent for one is a 400 (so is null for a numeric habit).
 */
function targetTypeFor(kind: HabitKind, requested: TargetType | null | undefined, current: TargetType | null): TargetType | null {
  if (kind !== 'numeric') {
    if (requested !== undefined && requested !== null) {
      throw new BadRequestException('targetType is only allowed for numeric habits (kind numeric)');
    }
    return null;
  }
  if (requested === null) throw new BadRequestException('targetType must be one of: at_least, at_most for a numeric habit');
  return requested ?? current ?? 'at_least';
}

function targetFor(kind: HabitKind, requested: number): number {
  return kind === 'numeric' ? requested : DEFAULT_TARGET;
}
