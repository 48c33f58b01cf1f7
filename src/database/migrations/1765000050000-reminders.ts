import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

function instant(name: string, isNullable = false): TableColumnOptions {
  return { name, type: 'double precision', isNullable };
}

const cascadeTo = (column: string, table: string) => new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'CASCADE' });

/** v3 reminders (API.md § Reminders and notifications): reminders with their next instant (indexed), and the (reminder, date) claims. */
export class Reminders1765000050000 implements MigrationInterface {
  name = 'Reminders1765000050000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'reminders',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'user_id', type: 'integer' },
          { name: 'habit_id', type: 'integer' },
          { name: 'time', type: 'varchar', length: '5' },
          { name: 'days', type: 'varchar', length: '13' },
          { name: 'only_if_not_done', type: 'boolean', default: true },
          { name: 'enabled', type: 'boolean', default: true },
          instant('next_at', true),
          instant('created_at'),
          instant('updated_at'),
        ],
        foreignKeys: [cascadeTo('user_id', 'users'), cascadeTo('habit_id', 'habits')],
        indices: [new TableIndex({ columnNames: ['user_id'] }), new TableIndex({ columnNames: ['habit_id'] }), new TableIndex({ columnNames: ['next_at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'reminder_firings',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'reminder_id', type: 'integer' },
          { name: 'user_id', type: 'integer' },
          { name: 'date', type: 'varchar', length: '10' },
          { name: 'outcome', type: 'varchar', length: '16' },
          instant('created_at'),
        ],
        foreignKeys: [cascadeTo('user_id', 'users'), cascadeTo('reminder_id', 'reminders')],
        indices: [new TableIndex({ columnNames: ['reminder_id', 'date'], isUnique: true }), new TableIndex({ columnNames: ['user_id'] })],
      }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reminder_firings');
    await queryRunner.dropTable('reminders');
  }
}
