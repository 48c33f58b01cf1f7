import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * v2 `targetType` of numeric habits (`at_least` | `at_most`, null for boolean habits). Existing numeric
 * habits were "done when value >= target", so they become `at_least`; `per_period` schedules need no
 * column (the schedule is stored as JSON).
 */
export class HabitTargetType1764000001000 implements MigrationInterface {
  name = 'HabitTargetType1764000001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A plain ADD COLUMN on both databases: TypeORM's SQLite addColumn rebuilds the table, and dropping
    // the old habits table would cascade to its records.
    await queryRunner.query('ALTER TABLE habits ADD COLUMN target_type varchar(10) NULL');
    await queryRunner.query(`UPDATE habits SET target_type = 'at_least' WHERE kind = 'numeric'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE habits DROP COLUMN target_type');
  }
}
