import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/** v3 personal access tokens (API.md § Auth): only the SHA-256 of a secret is kept; instants are epoch milliseconds. */
export class PersonalAccessTokens1765000040000 implements MigrationInterface {
  name = 'PersonalAccessTokens1765000040000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'personal_access_tokens',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'user_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '50' },
          { name: 'scope', type: 'varchar', length: '5' },
          { name: 'secret_hash', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'double precision' },
          { name: 'expires_at', type: 'double precision', isNullable: true },
          { name: 'last_used_at', type: 'double precision', isNullable: true },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
        indices: [
          new TableIndex({ columnNames: ['secret_hash'], isUnique: true }),
          new TableIndex({ columnNames: ['user_id', 'created_at'] }),
        ],
      }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('personal_access_tokens');
  }
}
