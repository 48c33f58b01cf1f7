import { MigrationInterface, QueryRunner } from 'typeorm';

/** v3 `locale` of a user (`en` | `es`): the language of the texts the server writes for them (reminders). */
export class UserLocale1765000000000 implements MigrationInterface {
  name = 'UserLocale1765000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A plain ADD COLUMN on both databases (TypeORM's SQLite addColumn would rebuild the table).
    await queryRunner.query(`ALTER TABLE users ADD COLUMN locale varchar(5) NOT NULL DEFAULT 'en'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE users DROP COLUMN locale');
  }
}
