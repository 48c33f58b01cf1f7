import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/** The whole schema, written with TypeORM's schema builder so one migration serves SQLite and PostgreSQL. */
export class InitialSchema1732200000000 implements MigrationInterface {
  name = 'InitialSchema1732200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const columns = new ColumnKit(queryRunner.connection.options.type === 'postgres');
    await queryRunner.createTable(usersTable(columns));
    await queryRunner.createTable(revokedTokensTable(columns));
    await queryRunner.createTable(categoriesTable(columns));
    await queryRunner.createTable(habitsTable(columns));
    await queryRunner.createTable(recordsTable(columns));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['habit_records', 'habits', 'categories', 'revoked_tokens', 'users']) {
      await queryRunner.dropTable(table);
    }
  }
}

class ColumnKit {
  constructor(private readonly postgres: boolean) {}

  id(): TableColumnOptions {
    return { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
  }

  integer(name: string, options: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: 'integer', ...options };
  }

  text(name: string, length: number, options: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: 'varchar', length: String(length), ...options };
  }

  timestamp(name: string): TableColumnOptions {
    return this.postgres
      ? { name, type: 'timestamptz', default: 'now()' }
      : { name, type: 'datetime', default: "(strftime('%Y-%m-%d %H:%M:%f', 'now'))" };
  }

  double(name: string, options: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: 'double precision', ...options };
  }
}

function foreignKey(column: string, table: string, onDelete: 'CASCADE' | 'SET NULL'): TableForeignKey {
  return new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });
}

function usersTable(c: ColumnKit): Table {
  return new Table({
    name: 'users',
    columns: [
      c.id(),
      c.text('email', 254, { isUnique: true }),
      c.text('password_hash', 255),
      c.text('display_name', 100, { isNullable: true }),
      c.text('timezone', 64, { default: "'UTC'" }),
      c.integer('session_version', { default: 0 }),
      c.timestamp('created_at'),
    ],
  });
}

function revokedTokensTable(c: ColumnKit): Table {
  return new Table({
    name: 'revoked_tokens',
    columns: [c.text('jti', 64, { isPrimary: true }), c.integer('user_id'), c.integer('expires_at')],
    foreignKeys: [foreignKey('user_id', 'users', 'CASCADE')],
    indices: [new TableIndex({ columnNames: ['expires_at'] })],
  });
}

function categoriesTable(c: ColumnKit): Table {
  return new Table({
    name: 'categories',
    columns: [
      c.id(),
      c.integer('user_id'),
      c.text('name', 50),
      c.text('name_key', 50),
      c.text('color', 7, { isNullable: true }),
      c.integer('position', { default: 0 }),
      c.timestamp('created_at'),
      c.timestamp('updated_at'),
    ],
    foreignKeys: [foreignKey('user_id', 'users', 'CASCADE')],
    indices: [new TableIndex({ columnNames: ['user_id', 'name_key'], isUnique: true })],
  });
}

function habitsTable(c: ColumnKit): Table {
  return new Table({
    name: 'habits',
    columns: [
      c.id(),
      c.integer('user_id'),
      c.integer('category_id', { isNullable: true }),
      c.text('name', 100),
      c.text('description', 1000, { isNullable: true }),
      { name: 'schedule', type: 'text' },
      c.text('kind', 10, { default: "'boolean'" }),
      c.double('target', { default: 1 }),
      c.text('unit', 50, { isNullable: true }),
      c.text('start_date', 10),
      { name: 'archived', type: 'boolean', default: false },
      c.integer('position', { default: 0 }),
      c.text('color', 7, { isNullable: true }),
      c.timestamp('created_at'),
      c.timestamp('updated_at'),
    ],
    foreignKeys: [foreignKey('user_id', 'users', 'CASCADE'), foreignKey('category_id', 'categories', 'SET NULL')],
    indices: [new TableIndex({ columnNames: ['user_id', 'position'] })],
  });
}

function recordsTable(c: ColumnKit): Table {
  return new Table({
    name: 'habit_records',
    columns: [
      c.id(),
      c.integer('habit_id'),
      c.integer('user_id'),
      c.text('date', 10),
      c.text('status', 10),
      c.double('value'),
      c.text('note', 500, { isNullable: true }),
      c.timestamp('created_at'),
      c.timestamp('updated_at'),
    ],
    foreignKeys: [foreignKey('habit_id', 'habits', 'CASCADE'), foreignKey('user_id', 'users', 'CASCADE')],
    indices: [
      new TableIndex({ columnNames: ['habit_id', 'date'], isUnique: true }),
      new TableIndex({ columnNames: ['user_id', 'date'] }),
    ],
  });
}
