import request from 'supertest';
import { DataSource } from 'typeorm';
import { legacyScryptHash } from '../../src/auth/password-hasher';
import { User } from '../../src/users/user.entity';
import { ApiClient } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** Issue 23's low findings, on each database: bearer scheme, readiness of a read-only database, extreme scores. */
describe.each(['sqlite', 'postgres'] as const)('low findings of the probe on %s', (kind) => {
  let database: TestDatabase;
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    testApp = await startTestApp({ database });
    api = new ApiClient(testApp.app);
  });

  afterAll(async () => {
    await testApp.close();
    await database.drop();
  });

  const http = (app: TestApp = testApp) => request(app.app.getHttpServer());

  it('accepts the bearer scheme in any case (RFC 9110 §11.1) and still refuses other schemes', async () => {
    const session = await api.register();
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      expect((await http().get('/api/auth/me').set('Authorization', `${scheme} ${session.token}`)).status).toBe(200);
    }
    for (const header of [`Basic ${session.token}`, `Bearer`, `Bearer${session.token}`, session.token]) {
      expect((await http().get('/api/auth/me').set('Authorization', header)).status).toBe(401);
    }
  });

  it('scores a numeric habit with target 1e308 and values 1.7e308 as a number in 0..1, not null', async () => {
    const session = await api.register();
    const startDate = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    const habit = await api.createHabit(session, { kind: 'numeric', target: 1e308, startDate });
    const put = await http().put(`/api/habits/${habit.id as number}/records/${startDate}`).set('Authorization', `Bearer ${session.token}`).send({ value: 1.7e308 });
    expect(put.status).toBe(201);
    const history = await http().get(`/api/analytics/habits/${habit.id as number}`).set('Authorization', `Bearer ${session.token}`);
    expect(history.status).toBe(200);
    const score = history.body.score as number;
    expect(typeof score).toBe('number');
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(1);
  });

  it('verifies an old scrypt hash at login and replaces it with argon2id, and the password keeps working', async () => {
    const session = await api.register();
    const users = testApp.app.get(DataSource).getRepository(User);
    await users.update({ id: session.userId }, { passwordHash: await legacyScryptHash('correct horse battery') });
    const login = () => http().post('/api/auth/login').send({ email: session.email, password: 'correct horse battery' });
    expect((await login()).status).toBe(200);
    expect((await users.findOneByOrFail({ id: session.userId })).passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await login()).status).toBe(200);
    expect((await http().post('/api/auth/login').send({ email: session.email, password: 'wrong horse battery' })).status).toBe(401);
  });

  it('reports the database down on /health/ready while it refuses writes, and up again once it takes them', async () => {
    const session = await api.register();
    const readOnly = await readOnlyInstance(kind, database, testApp);
    try {
      const write = await http(readOnly.app).post('/api/habits').set('Authorization', `Bearer ${session.token}`).send({ name: 'Read', schedule: { type: 'daily' } });
      expect(write.status).toBeGreaterThanOrEqual(500);
      const ready = await http(readOnly.app).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.checks.database).toEqual({ status: 'down' });
    } finally {
      await readOnly.restore();
    }
    expect((await http().get('/health/ready')).body.checks.database).toEqual({ status: 'up' });
  });
});

/**
 * An instance whose database refuses writes: on SQLite the connection switched to query_only; on
 * PostgreSQL a second instance whose connections default to read-only transactions (as on a standby).
 */
async function readOnlyInstance(kind: 'sqlite' | 'postgres', database: TestDatabase, testApp: TestApp) {
  if (kind === 'sqlite') {
    const dataSource = testApp.app.get(DataSource);
    await dataSource.query('PRAGMA query_only = ON');
    return { app: testApp, restore: async () => void (await dataSource.query('PRAGMA query_only = OFF')) };
  }
  const url = new URL(database.env.DATABASE_URL);
  url.searchParams.set('options', '-c default_transaction_read_only=on');
  const app = await startTestApp({ database: { ...database, env: { ...database.env, DATABASE_URL: url.toString() } } });
  return { app, restore: () => app.close() };
}
