import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

function instant(name: string, isNullable = false): TableColumnOptions {
  return { name, type: 'double precision', isNullable };
}

const userForeignKey = () => new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' });

const channelColumns = (): TableColumnOptions[] => [instant('created_at'), instant('last_success_at', true), { name: 'failures', type: 'integer', default: 0 }];

/**
 * v3 notification channels (API.md § Reminders and notifications): Web Push subscriptions, webhook
 * channels (secret sealed), the deliveries log that is also the send queue, and server keys (VAPID).
 */
export class NotificationChannels1765000060000 implements MigrationInterface {
  name = 'NotificationChannels1765000060000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'push_channels',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'user_id', type: 'integer' },
          { name: 'endpoint', type: 'varchar', length: '2048' },
          { name: 'p256dh', type: 'varchar', length: '100' },
          { name: 'auth', type: 'varchar', length: '50' },
          ...channelColumns(),
        ],
        foreignKeys: [userForeignKey()],
        indices: [new TableIndex({ columnNames: ['user_id', 'endpoint'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_channels',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'user_id', type: 'integer' },
          { name: 'url', type: 'varchar', length: '2048' },
          { name: 'secret_sealed', type: 'varchar', length: '255' },
          ...channelColumns(),
        ],
        foreignKeys: [userForeignKey()],
        indices: [new TableIndex({ columnNames: ['user_id'] })],
      }),
    );
    await this.createDeliveries(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'server_keys',
        columns: [{ name: 'name', type: 'varchar', length: '64', isPrimary: true }, { name: 'value', type: 'text' }, instant('created_at')],
      }),
    );
  }

  private async createDeliveries(queryRunner: QueryRunner): Promise<void> {
    const optional = (name: string, type: string, length?: string): TableColumnOptions => ({ name, type, length, isNullable: true });
    await queryRunner.createTable(
      new Table({
        name: 'notification_deliveries',
        columns: [
          { name: 'id', type: 'varchar', length: '100', isPrimary: true },
          { name: 'user_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '16' },
          optional('channel_id', 'integer'),
          optional('channel_kind', 'varchar', '16'),
          optional('reminder_id', 'integer'),
          optional('habit_id', 'integer'),
          optional('date', 'varchar', '10'),
          { name: 'status', type: 'varchar', length: '16' },
          optional('reason', 'varchar', '255'),
          { name: 'attempts', type: 'integer', default: 0 },
          instant('at'),
          instant('next_attempt_at', true),
          optional('payload', 'text'),
          optional('lease_owner', 'varchar', '36'),
          instant('lease_until', true),
          instant('fires_at', true),
        ],
        foreignKeys: [userForeignKey()],
        indices: [new TableIndex({ columnNames: ['status', 'next_attempt_at'] }), new TableIndex({ columnNames: ['user_id', 'at'] }), new TableIndex({ columnNames: ['at'] })],
      }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['server_keys', 'notification_deliveries', 'webhook_channels', 'push_channels']) await queryRunner.dropTable(table);
  }
}
