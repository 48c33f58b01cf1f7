import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../../src/config/app-config';
import { loadAppConfig } from '../../src/config/load-app-config';
import { MIGRATIONS, typeOrmOptions } from '../../src/database/database.module';
import { ENTITIES } from '../../src/entities';
import { createTestDatabase, TestDatabase, TestDatabaseKind } from '../support/test-database';

/** The database settings exactly as start-up reads them (limits included). */
function configOf(env: Record<string, string>): DatabaseConfig {
  return loadAppConfig({ NODE_ENV: 'test', ...env }).database;
}

async function migrated(config: DatabaseConfig, migrations: DataSourceOptions['migrations']): Promise<DataSource> {
  const options = { ...typeOrmOptions(config, ENTITIES), migrations, migrationsRun: false } as DataSourceOptions;
  const dataSource = await new DataSource(options).initialize();
  await dataSource.runMigrations();
  return dataSource;
}

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('upgrading a v1 database on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });

  afterAll(() => database.drop());

  it('keeps every habit and record, and makes the numeric habits at_least', async () => {
    const config = configOf(database.env);
    const v1 = await migrated(config, [MIGRATIONS[0]]);
    await v1.query(`INSERT INTO users (email, password_hash) VALUES ('a@example.test', 'x')`);
    await v1.query(
      `INSERT INTO habits (user_id, name, schedule, kind, target, start_date) VALUES
       (1, 'Read', '{"type":"daily"}', 'boolean', 1, '2025-01-01'), (1, 'Pages', '{"type":"daily"}', 'numeric', 20, '2025-01-01')`,
    );
    await v1.query(
      `INSERT INTO habit_records (habit_id, user_id, date, status, value) VALUES (1, 1, '2025-01-02', 'done', 1), (2, 1, '2025-01-02', 'done', 25)`,
    );
    await v1.destroy();

    const v2 = await migrated(config, MIGRATIONS);
    const habits = await v2.query<object[]>('SELECT id, kind, target, target_type FROM habits ORDER BY id');
    expect(habits).toEqual([
      { id: 1, kind: 'boolean', target: 1, target_type: null },
      { id: 2, kind: 'numeric', target: 20, target_type: 'at_least' },
    ]);
    const records = await v2.query<object[]>('SELECT habit_id, value FROM habit_records ORDER BY habit_id');
    expect(records).toEqual([
      { habit_id: 1, value: 1 },
      { habit_id: 2, value: 25 },
    ]);

    // The record triggers work on the upgraded schema: a change drops the checkpoints on or after its date.
    await v2.query(
      `INSERT INTO habit_checkpoints (habit_id, day, rules, state) VALUES (1, '2025-01-01', 'r', 's'), (1, '2025-01-05', 'r', 's')`,
    );
    await v2.query(`UPDATE habit_records SET status = 'skipped' WHERE habit_id = 1 AND date = '2025-01-02'`);
    expect(await v2.query<object[]>('SELECT day FROM habit_checkpoints ORDER BY day')).toEqual([{ day: '2025-01-01' }]);
    const revs = await v2.query<{ history_rev: number }[]>('SELECT history_rev FROM habits ORDER BY id');
    expect(Number(revs[0].history_rev)).toBeGreaterThan(0);
    expect(Number(revs[1].history_rev)).toBe(0);
    await v2.destroy();
  });
});
