import { DataSource, DataSourceOptions } from 'typeorm';
import { PasswordHasher } from '../../src/auth/password-hasher';
import { InitialSchema1732200000000 } from '../../src/database/migrations/1732200000000-initial-schema';
import { cleanUp, SUITE_TIMEOUT_MS, utcDate } from '../cache/cache-support';
import { ApiClient } from '../support/api-client';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { privateRedisUrl, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(SUITE_TIMEOUT_MS);

const REDIS_INDEX = 1;
const EMAIL = 'v1-user@example.test';
const PASSWORD = 'correct horse battery';

/** A database as v1 left it: the initial schema only, with a user, a category, a habit and its records. */
async function seedV1(database: TestDatabase): Promise<void> {
  const url = database.env.DATABASE_URL;
  const options: DataSourceOptions = url.startsWith('sqlite:')
    ? { type: 'sqlite', database: url.slice('sqlite:'.length), migrations: [InitialSchema1732200000000] }
    : { type: 'postgres', url, schema: database.env.DATABASE_SCHEMA, migrations: [InitialSchema1732200000000], extra: { options: `-c search_path="${database.env.DATABASE_SCHEMA}"` } };
  const dataSource = await new DataSource(options).initialize();
  try {
    await dataSource.runMigrations();
    const p = (index: number) => (options.type === 'postgres' ? `$${index}` : '?');
    const hash = await new PasswordHasher().hash(PASSWORD);
    await dataSource.query(`INSERT INTO users (email, password_hash) VALUES (${p(1)}, ${p(2)})`, [EMAIL, hash]);
    await dataSource.query(`INSERT INTO categories (user_id, name, name_key) VALUES (1, 'Health', 'health')`);
    await dataSource.query(`INSERT INTO habits (user_id, category_id, name, schedule, start_date) VALUES (1, 1, 'Walk', '{"type":"daily"}', ${p(1)})`, [utcDate(-30)]);
    for (const days of [-3, -2, -1]) {
      await dataSource.query(`INSERT INTO habit_records (habit_id, user_id, date, status, value) VALUES (1, 1, ${p(1)}, 'done', 1)`, [utcDate(days)]);
    }
  } finally {
    await dataSource.destroy();
  }
}

/** API.md § Settings: an existing v1 database keeps all its data when start-up runs the new migrations. */
describe.each(['sqlite', 'postgres'] as const)('upgrading a v1 database on %s', (kind) => {
  let database: TestDatabase;
  let testApp: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedV1(database);
    testApp = await startTestApp({ database, redisUrl: await privateRedisUrl(REDIS_INDEX) });
  });

  afterAll(() =>
    cleanUp(
      () => testApp?.close(),
      () => database?.drop(),
    ),
  );

  it('keeps every row, sends them all in a full sync, and tracks changes from there', async () => {
    const api = new ApiClient(testApp.app);
    const session = { token: await api.login(EMAIL, PASSWORD), userId: 1, email: EMAIL };
    const records = await api.as(session).get(`/api/records?from=${utcDate(-10)}`).expect(200);
    expect((records.body as { date: string }[]).map((record) => record.date)).toEqual([utcDate(-3), utcDate(-2), utcDate(-1)]);
    const full = await api.as(session).get('/api/sync').expect(200);
    expect([full.body.full, full.body.categories.length, full.body.habits.length, full.body.records.length]).toEqual([true, 1, 1, 3]);
    await api.as(session).delete(`/api/habits/1/records/${utcDate(-2)}`).expect(204);
    const delta = await api.as(session).get(`/api/sync?since=${encodeURIComponent(full.body.cursor as string)}`).expect(200);
    expect(delta.body.deleted.records).toEqual([{ habitId: 1, date: utcDate(-2) }]);
    expect([delta.body.full, delta.body.records.length]).toEqual([false, 0]);
  });
});
