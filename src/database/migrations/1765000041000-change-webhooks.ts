import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

function instant(name: string, isNullable = false): TableColumnOptions {
  return { name, type: 'double precision', isNullable };
}

const userForeignKey = () => new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' });

/** v3 change webhooks (API.md § Change webhooks): subscriptions (secret sealed) and the outbox of writes to deliver. */
export class ChangeWebhooks1765000041000 implements MigrationInterface {
  name = 'ChangeWebhooks1765000041000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'webhook_subscriptions',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'user_id', type: 'integer' },
          { name: 'url', type: 'varchar', length: '2048' },
          { name: 'events', type: 'varchar', length: '64' },
          { name: 'secret_sealed', type: 'varchar', length: '255' },
          instant('created_at'),
          instant('last_success_at', true),
          { name: 'failures', type: 'integer', default: 0 },
          instant('failing_since', true),
          instant('disabled_at', true),
          { name: 'lease_owner', type: 'varchar', length: '36', isNullable: true },
          instant('lease_until', true),
        ],
        foreignKeys: [userForeignKey()],
        indices: [new TableIndex({ columnNames: ['user_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_outbox',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'subscription_id', type: 'integer' },
          { name: 'user_id', type: 'integer' },
          { name: 'revision', type: 'integer' },
          { name: 'groups', type: 'varchar', length: '64' },
          { name: 'chunk', type: 'integer', default: 0 },
          { name: 'segment', type: 'integer', default: 0 },
          { name: 'after_id', type: 'integer', default: 0 },
          { name: 'attempts', type: 'integer', default: 0 },
          instant('next_attempt_at'),
          instant('created_at'),
        ],
        foreignKeys: [
          userForeignKey(),
          new TableForeignKey({ columnNames: ['subscription_id'], referencedTableName: 'webhook_subscriptions', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
        indices: [new TableIndex({ columnNames: ['subscription_id', 'revision'] }), new TableIndex({ columnNames: ['next_attempt_at'] })],
      }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_outbox');
    await queryRunner.dropTable('webhook_subscriptions');
  }
}
