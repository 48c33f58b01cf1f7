import { MigrationInterface, QueryRunner } from 'typeorm';

/** v3: a role granted by the operator (`npm run admin -- grant <email>`); every existing account is a plain user. */
export class UserRole1765000010000 implements MigrationInterface {
  name = 'UserRole1765000010000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A plain ADD COLUMN on both databases (TypeORM's SQLite addColumn rebuilds the table).
    await queryRunner.query(`ALTER TABLE users ADD COLUMN role varchar(10) NOT NULL DEFAULT 'user'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE users DROP COLUMN role');
  }
}
