import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/**
 * v2 sessions (API.md § Sessions): a `sessions` table replaces the v1 revocation mechanisms
 * (`revoked_tokens` and `users.session_version`), and users get `day_start_hour`. Schema builder
 * only, so SQLite and PostgreSQL run the same migration; users and their data are kept. v1 access
 * tokens name no session, so they are refused after the upgrade: clients log in again.
 */
export class Sessions1764000000000 implements MigrationInterface {
  name = 'Sessions1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(sessionsTable());
    await queryRunner.dropTable('revoked_tokens');
    await queryRunner.dropColumn('users', 'session_version');
    await queryRunner.addColumn('users', new TableColumn({ name: 'day_start_hour', type: 'integer', default: 0 }));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('users', 'day_start_hour');
    await queryRunner.addColumn('users', new TableColumn({ name: 'session_version', type: 'integer', default: 0 }));
    await queryRunner.createTable(
      new Table({
        name: 'revoked_tokens',
        columns: [
          { name: 'jti', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'integer' },
          { name: 'expires_at', type: 'integer' },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
        indices: [new TableIndex({ columnNames: ['expires_at'] })],
      }),
    );
    await queryRunner.dropTable('sessions');
  }
}

/** Instants are epoch milliseconds in a double (exact below 2^53 on both databases). */
function instant(name: string, isNullable = false): TableColumnOptions {
  return { name, type: 'double precision', isNullable };
}

function sessionsTable(): Table {
  return new Table({
    name: 'sessions',
    columns: [
      { name: 'id', type: 'varchar', length: '36', isPrimary: true },
      { name: 'user_id', type: 'integer' },
      { name: 'user_agent', type: 'varchar', length: '512', isNullable: true },
      instant('created_at'),
      instant('last_used_at'),
      instant('expires_at'),
      { name: 'refresh_hash', type: 'varchar', length: '64' },
      { name: 'previous_hash', type: 'varchar', length: '64', isNullable: true },
      instant('replaced_at', true),
    ],
    foreignKeys: [new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
    indices: [new TableIndex({ columnNames: ['user_id', 'last_used_at'] })],
  });
}
