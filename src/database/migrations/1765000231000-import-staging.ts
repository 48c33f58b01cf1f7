import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Records of an import in progress (docs/moving-from-loop.md § How an import is written): written in short
 * statements while the file is staged, read by no route, moved into habit_records by one INSERT … SELECT
 * per habit in the import's final transaction, then deleted.
 */
export class ImportStaging1765000231000 implements MigrationInterface {
  name = 'ImportStaging1765000231000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'import_staged_records',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'import_id', type: 'varchar', length: '36' },
          { name: 'user_id', type: 'integer' },
          { name: 'habit_index', type: 'integer' },
          { name: 'date', type: 'varchar', length: '10' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'value', type: 'double precision' },
          { name: 'note', type: 'varchar', length: '500', isNullable: true },
          { name: 'staged_at', type: 'double precision' },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
        indices: [new TableIndex({ columnNames: ['import_id', 'habit_index'] }), new TableIndex({ columnNames: ['staged_at'] })],
      }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('import_staged_records');
  }
}
