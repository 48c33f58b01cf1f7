import { DataSource } from 'typeorm';
import { PasswordHasher } from '../../src/auth/password-hasher';
import { loadAppConfig } from '../../src/config/load-app-config';
import { typeOrmOptions } from '../../src/database/database.module';
import { ENTITIES } from '../../src/entities';
import { InitialSchema1732200000000 } from '../../src/database/migrations/1732200000000-initial-schema';
import { ApiClient } from '../support/api-client';
import { signToken, tokenClaims } from '../support/jwt';
import { startTestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

const PASSWORD = 'correct horse battery';

/** A v1 database (only the v1 migration ran) with one user, a category, a habit and a record. */
async function seedV1(env: Record<string, string>): Promise<void> {
  const options = typeOrmOptions(loadAppConfig({ NODE_ENV: 'test', ...env }).database, ENTITIES);
  const dataSource = new DataSource({ ...(options as object), entities: [], migrations: [InitialSchema1732200000000], migrationsRun: false } as never);
  await dataSource.initialize();
  await dataSource.runMigrations();
  const hash = await new PasswordHasher().hash(PASSWORD);
  const insert = (table: string, values: Record<string, unknown>) => dataSource.createQueryBuilder().insert().into(table).values(values).execute();
  await insert('users', { email: 'v1@example.test', password_hash: hash, display_name: 'Old', timezone: 'Europe/Paris', session_version: 3 });
  await insert('revoked_tokens', { jti: 'old-token', user_id: 1, expires_at: 2_000_000_000 });
  await insert('categories', { user_id: 1, name: 'Health', name_key: 'health', position: 0 });
  await insert('habits', { user_id: 1, category_id: 1, name: 'Walk', schedule: '{"type":"daily"}', kind: 'boolean', target: 1, start_date: '2025-01-01', archived: false, position: 0 });
  await insert('habit_records', { habit_id: 1, user_id: 1, date: '2025-01-02', status: 'done', value: 1 });
  await dataSource.destroy();
}

describe.each(['sqlite', 'postgres'] as const)('upgrading a v1 database on %s', (kind) => {
  it('keeps every user and their data, replaces the v1 revocation tables, and refuses v1 tokens', async () => {
    const database = await createTestDatabase(kind);
    try {
      await seedV1(database.env);
      const testApp = await startTestApp({ database });
      try {
        const api = new ApiClient(testApp.app);
        const v1Token = signToken(tokenClaims(1, { sid: undefined, sv: 3 }));
        expect((await api.as(v1Token).get('/api/auth/me')).status).toBe(401);
        const pair = await api.loginPair('v1@example.test', PASSWORD);
        const me = await api.as(pair.accessToken).get('/api/auth/me');
        expect(me.body).toMatchObject({ id: 1, displayName: 'Old', timezone: 'Europe/Paris', dayStartHour: 0 });
        const habits = await api.as(pair.accessToken).get('/api/habits');
        expect(habits.body).toMatchObject([{ name: 'Walk', categoryId: 1, startDate: '2025-01-01' }]);
        const records = await api.as(pair.accessToken).get('/api/records?from=2025-01-01&to=2025-01-31');
        expect(records.body).toMatchObject([{ habitId: 1, date: '2025-01-02', status: 'done' }]);
        const tables = await testApp.app.get(DataSource).createQueryRunner().getTables(['revoked_tokens', 'sessions', 'users']);
        expect(tables.map((table) => table.name).filter((name) => !name.endsWith('revoked_tokens')).length).toBe(2);
        expect(tables.some((table) => table.name.endsWith('revoked_tokens'))).toBe(false);
        const users = tables.find((table) => table.name.endsWith('users'))!;
        expect(users.columns.map((column) => column.name)).not.toContain('session_version');
      } finally {
        await testApp.close();
      }
    } finally {
      await database.drop();
    }
  });
});
