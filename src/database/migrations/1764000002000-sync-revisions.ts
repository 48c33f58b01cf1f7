import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

const SYNCED_TABLES = ['categories', 'habits', 'habit_records'];

/**
 * Delta sync (API.md § Sync): a revision counter per user, the revision of each row's last change,
 * and tombstones of deletions. Existing rows get revision 0 (a full sync sends them).
 *
 * The revision columns are added with a plain `ALTER TABLE … ADD COLUMN` (the same statement on
 * both databases) rather than the schema builder's addColumn: on SQLite that recreates the table,
 * and dropping the old `habits` table would cascade-delete every record of a v1 database.
 */
export class SyncRevisions1764000002000 implements MigrationInterface {
  name = 'SyncRevisions1764000002000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const table of SYNCED_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN "revision" integer NOT NULL DEFAULT 0`);
      await queryRunner.createIndex(table, new TableIndex({ name: `IDX_${table}_user_revision`, columnNames: ['user_id', 'revision'] }));
    }
    await queryRunner.createTable(
      new Table({
        name: 'sync_revisions',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true },
          { name: 'revision', type: 'integer', default: 0 },
          { name: 'purged_revision', type: 'integer', default: 0 },
        ],
        foreignKeys: [userForeignKey()],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sync_tombstones',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'user_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '10' },
          { name: 'entity_id', type: 'integer' },
          { name: 'date', type: 'varchar', length: '10', isNullable: true },
          { name: 'revision', type: 'integer' },
          postgres
            ? { name: 'deleted_at', type: 'timestamptz', default: 'now()' }
            : { name: 'deleted_at', type: 'datetime', default: "(strftime('%Y-%m-%d %H:%M:%f', 'now'))" },
        ],
        foreignKeys: [userForeignKey()],
        indices: [new TableIndex({ columnNames: ['user_id', 'revision'] }), new TableIndex({ columnNames: ['user_id', 'deleted_at'] })],
      }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sync_tombstones');
    await queryRunner.dropTable('sync_revisions');
    for (const table of SYNCED_TABLES) {
      await queryRunner.dropIndex(table, `IDX_${table}_user_revision`);
      await queryRunner.dropColumn(table, 'revision');
    }
  }
}

function userForeignKey(): TableForeignKey {
  return new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' });
}
