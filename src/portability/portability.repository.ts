import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Category } from '../categories/category.entity';
import { nameKeyOf } from '../categories/category-name';
import { Habit } from '../habits/habit.entity';
import { HabitRecord } from '../records/habit-record.entity';
import { accountRecordCount } from '../records/account-record-count';
import { UserWrite } from '../changes/user-writes';
import { User } from '../users/user.entity';
import { ExistingRecord } from './import-plan';
import { PortableCategory, PortableHabit, PortableRecord } from './portable-account';

/** Ids per `IN (...)` list. */
const IN_CHUNK = 500;

/**
 * The reads of the exports and the one transaction of an import. Every query is scoped by the owner's id.
 * Reads are paged (records by id) so that a large account is never loaded at once for the JSON export.
 */
@Injectable()
export class PortabilityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findUser(userId: number): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id: userId });
  }

  /** Ordered by position, then name (as GET /api/categories). */
  categoriesOf(userId: number): Promise<Category[]> {
    return categoriesOf(this.dataSource.manager, userId);
  }

  /** All habits, archived ones too, ordered by position, then id. */
  habitsOf(userId: number): Promise<Habit[]> {
    return habitsOf(this.dataSource.manager, userId);
  }

  /** Up to `limit` records with an id above `afterId`, by id (keyset paging). */
  recordsPage(userId: number, afterId: number, limit: number): Promise<HabitRecord[]> {
    return this.dataSource
      .getRepository(HabitRecord)
      .createQueryBuilder('r')
      .where('r.userId = :userId AND r.id > :afterId', { userId, afterId })
      .orderBy('r.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** The reads of an import's plan, made outside any transaction (import.service.ts says why that is safe). */
  importReads(userId: number): ImportTransaction {
    return new ImportTransaction({ manager: this.dataSource.manager, userId, revision: 0 });
  }

  /** One habit's records (date, status, value, note), oldest first. */
  recordsOfHabit(userId: number, habitId: number): Promise<PortableRecord[]> {
    return this.dataSource
      .getRepository(HabitRecord)
      .createQueryBuilder('r')
      .select(['r.date AS date', 'r.status AS status', 'r.value AS value', 'r.note AS note'])
      .where('r.userId = :userId AND r.habitId = :habitId', { userId, habitId })
      .orderBy('r.date', 'ASC')
      .getRawMany<PortableRecord>()
      .then((rows) => rows.map((row) => ({ ...row, value: Number(row.value) })));
  }

}

/**
 * The queries of an import, all in its one write (UserWrites.write: one transaction, alone on SQLite's
 * one connection; the user's sync revision stamps every row written, so a delta sync sees the import as one change).
 */
export class ImportTransaction {
  private readonly manager: EntityManager;
  private readonly userId: number;
  private readonly revision: number;

  /** A write's transaction, or (revision 0) plain reads outside any transaction. */
  constructor(write: Pick<UserWrite, 'manager' | 'userId' | 'revision'>) {
    ({ manager: this.manager, userId: this.userId, revision: this.revision } = write);
  }

  categories(): Promise<Category[]> {
    return categoriesOf(this.manager, this.userId);
  }

  habits(): Promise<Habit[]> {
    return habitsOf(this.manager, this.userId);
  }

  /** How many records the user holds (the account limit). */
  recordCount(): Promise<number> {
    return accountRecordCount(this.manager, this.userId);
  }

  /** The stored records of these habits (the user's). */
  async recordsOf(habitIds: readonly number[]): Promise<ExistingRecord[]> {
    const records: ExistingRecord[] = [];
    for (let i = 0; i < habitIds.length; i += IN_CHUNK) {
      const rows = await this.manager.getRepository(HabitRecord).find({
        select: { habitId: true, date: true, status: true, value: true, note: true },
        where: { userId: this.userId, habitId: In(habitIds.slice(i, i + IN_CHUNK)) },
      });
      records.push(...rows.map(({ habitId, date, status, value, note }) => ({ habitId, date, status, value: Number(value), note })));
    }
    return records;
  }

  /** At the end of the user's list; returns the id. */
  async insertCategory(category: PortableCategory): Promise<number> {
    const now = new Date();
    const result = await this.manager
      .createQueryBuilder()
      .insert()
      .into(Category)
      .values({
        userId: this.userId,
        name: category.name,
        nameKey: nameKeyOf(category.name),
        color: category.color,
        revision: this.revision,
        createdAt: now,
        updatedAt: now,
        position: () => '(SELECT COALESCE(MAX(p.position), -1) + 1 FROM categories p WHERE p.user_id = :userId)',
      })
      .setParameter('userId', this.userId)
      .execute();
    return Number(result.identifiers[0].id);
  }

  /** At the end of the user's list; returns the id. */
  async insertHabit(habit: PortableHabit, categoryId: number | null): Promise<number> {
    const now = new Date();
    const { name, description, schedule, kind, target, targetType, unit, startDate, archived, color } = habit;
    const result = await this.manager
      .createQueryBuilder()
      .insert()
      .into(Habit)
      .values({
        userId: this.userId,
        ...{ name, description, categoryId, schedule, kind, target, targetType, unit, startDate, archived, color },
        revision: this.revision,
        createdAt: now,
        updatedAt: now,
        position: () => '(SELECT COALESCE(MAX(p.position), -1) + 1 FROM habits p WHERE p.user_id = :userId)',
      })
      .setParameter('userId', this.userId)
      .execute();
    return Number(result.identifiers[0].id);
  }

  /**
   * The staged records of the file's habit `habitIndex` (import-staging.ts) become the records of `habitId`:
   * one INSERT … SELECT inside the database, however many rows (no row crosses the driver again).
   */
  async moveStagedRecords(importId: string, habitIndex: number, habitId: number): Promise<void> {
    const [sql, values] = this.manager.connection.driver.escapeQueryWithParameters(
      'INSERT INTO habit_records (user_id, habit_id, date, status, value, note, revision, created_at, updated_at) ' +
        'SELECT :userId, :habitId, s.date, s.status, s.value, s.note, :revision, :now, :now FROM import_staged_records s ' +
        'WHERE s.import_id = :importId AND s.habit_index = :habitIndex',
      { userId: this.userId, habitId, revision: this.revision, now: new Date(), importId, habitIndex },
      {},
    );
    await this.manager.query(sql, values);
  }

  async updateRecord(habitId: number, record: PortableRecord): Promise<void> {
    const { date, status, value, note } = record;
    await this.manager.getRepository(HabitRecord).update({ userId: this.userId, habitId, date }, { status, value, note, revision: this.revision, updatedAt: new Date() });
  }
}

function categoriesOf(manager: EntityManager, userId: number): Promise<Category[]> {
  return manager
    .getRepository(Category)
    .createQueryBuilder('c')
    .where('c.userId = :userId', { userId })
    .orderBy('c.position', 'ASC')
    .addOrderBy('c.nameKey', 'ASC')
    .addOrderBy('c.id', 'ASC')
    .getMany();
}

function habitsOf(manager: EntityManager, userId: number): Promise<Habit[]> {
  return manager
    .getRepository(Habit)
    .createQueryBuilder('h')
    .where('h.userId = :userId', { userId })
    .orderBy('h.position', 'ASC')
    .addOrderBy('h.id', 'ASC')
    .getMany();
}
