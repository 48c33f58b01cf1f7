import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { databaseUnavailability } from '../../src/common/database/database-errors';
import { LogCapture } from '../ops/ops-support';
import { ApiClient, Session } from '../support/api-client';
import { PrivatePostgres } from '../support/private-postgres';
import { startTestApp, TestApp } from '../support/test-app';
import { expectDatabaseUnavailable, expectLivenessUnaffected, livenessWhile, timed } from './reliability-support';

jest.setTimeout(120_000);

/** Short deadlines, so that the suite is quick; the production defaults are 2 s / 5 s / 2 s. */
const LOCK_TIMEOUT_MS = 1000;
const LIMITS = { DATABASE_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS), DATABASE_STATEMENT_TIMEOUT_MS: '1500', DATABASE_POOL_WAIT_MS: '1000', DATABASE_POOL_SIZE: '10' };
const PASSWORD = 'correct horse battery';
/** Every answer, even the slowest in a queue of 30, comes within the lock timeout and pool wait plus slack. */
const BOUNDED_MS = 5000;

async function warmUp(app: TestApp['app']): Promise<void> {
  for (let i = 0; i < 5; i += 1) await request(app.getHttpServer()).get('/health');
  await request(app.getHttpServer()).get('/health/ready');
}

describe('PostgreSQL slow, locked or gone (a database of the suite own)', () => {
  let database: PrivatePostgres;
  let testApp: TestApp;
  let api: ApiClient;
  let session: Session;
  const logs = new LogCapture();

  beforeAll(async () => {
    database = await PrivatePostgres.create();
    testApp = await startTestApp({ database, env: { ...LIMITS, LOG_LEVEL: 'warn' }, logDestination: logs });
    api = new ApiClient(testApp.app);
    session = await api.register({ password: PASSWORD });
    await api.createHabit(session);
    await warmUp(testApp.app);
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  it('gives every pool connection a statement timeout: a statement running longer fails as "timed out"', async () => {
    const error = await testApp.app.get(DataSource).query('SELECT pg_sleep(5)').then(() => null, (failure: unknown) => failure);
    expect(databaseUnavailability(error)).toBe('timed out');
  });

  it('answers 503 with Retry-After within the lock timeout while a table is locked, and logins still succeed', async () => {
    const locker = await database.client();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE habits IN ACCESS EXCLUSIVE MODE');
    try {
      const reads = Promise.all(
        Array.from({ length: 30 }, () => timed(api.as(session).get('/api/habits').set('Cache-Control', 'no-cache'))),
      );
      const login = timed(api.http.post('/api/auth/login').send({ email: session.email, password: PASSWORD }));
      const liveness = livenessWhile(testApp.app, reads);
      const [answers, loggedIn, latencies] = await Promise.all([reads, login, liveness]);
      for (const { value, ms } of answers) {
        expectDatabaseUnavailable(value);
        expect(ms).toBeLessThan(BOUNDED_MS);
      }
      expect(loggedIn.value.status).toBe(200);
      expectLivenessUnaffected(latencies, LOCK_TIMEOUT_MS);
      const ready = await timed(request(testApp.app.getHttpServer()).get('/health/ready'));
      expect(ready.ms).toBeLessThan(1000);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect(logs.text).toMatch(/Database (locked|pool exhausted): GET \/api\/habits answered 503/);
    expect((await api.as(session).get('/api/habits')).status).toBe(200);
  });

  it('answers 503 with Retry-After (never 500) on every route while the database refuses connections, then recovers', async () => {
    const habit = await api.createHabit(session);
    const other = await api.register({ password: PASSWORD });
    await database.refuseConnections();
    try {
      const answers = await Promise.all([
        timed(api.as(session).get('/api/habits').set('Cache-Control', 'no-cache')),
        timed(api.as(session).get(`/api/analytics/compliance`).set('Cache-Control', 'no-cache')),
        timed(api.as(session).post('/api/categories', { name: 'While down' })),
        timed(api.as(session).put(`/api/habits/${habit.id as number}/records/${new Date().toISOString().slice(0, 10)}`, {})),
        timed(api.http.post('/api/auth/login').send({ email: other.email, password: PASSWORD })),
        timed(api.http.post('/api/auth/register').send({ email: 'while-down@example.test', password: PASSWORD })),
        timed(api.as(other).post('/api/auth/logout')),
      ]);
      for (const { value, ms } of answers) {
        expectDatabaseUnavailable(value);
        expect(ms).toBeLessThan(BOUNDED_MS);
      }
      const live = await timed(request(testApp.app.getHttpServer()).get('/health'));
      expect(live.value.status).toBe(200);
      expect(live.ms).toBeLessThan(LOCK_TIMEOUT_MS / 2);
      const ready = await timed(request(testApp.app.getHttpServer()).get('/health/ready'));
      expect(ready.value.status).toBe(503);
      expect(ready.ms).toBeLessThan(1000);
    } finally {
      await database.allowConnections();
    }
    expect(logs.text).toMatch(/Database unavailable: /);
    expect((await api.as(session).post('/api/categories', { name: 'After' })).status).toBe(201);
    expect((await api.as(session).get('/api/categories')).body).toEqual([expect.objectContaining({ name: 'After' })]);
  });
});

describe('SQLite locked by another writer', () => {
  let testApp: TestApp;
  let api: ApiClient;
  let session: Session;
  let path: string;

  beforeAll(async () => {
    testApp = await startTestApp({ database: 'sqlite', env: { ...LIMITS, LOG_LEVEL: 'silent' } });
    path = testApp.database.env.DATABASE_URL.slice('sqlite:'.length);
    api = new ApiClient(testApp.app);
    session = await api.register({ password: PASSWORD });
    await warmUp(testApp.app);
  });

  afterAll(() => testApp?.close());

  /** `sqlite3` holding an exclusive transaction on the file, until release(). */
  async function lockFile(): Promise<{ release(): Promise<void> }> {
    const cli: ChildProcessWithoutNullStreams = spawn('sqlite3', [path]);
    let output = '';
    cli.stdout.on('data', (chunk) => (output += chunk));
    cli.stdin.write("BEGIN EXCLUSIVE;\nSELECT 'locked';\n");
    while (!output.includes('locked')) await new Promise((resolve) => setTimeout(resolve, 20));
    return {
      release: async () => {
        const exited = new Promise((resolve) => cli.once('exit', resolve));
        cli.stdin.end('ROLLBACK;\n.quit\n');
        await exited;
      },
    };
  }

  it('answers writes 503 within the lock timeout, keeps /health under 50 ms and /health/ready under 1 s, and writes again afterwards', async () => {
    const lock = await lockFile();
    try {
      const writes = Promise.all(Array.from({ length: 8 }, (_, i) => timed(api.as(session).post('/api/categories', { name: `Locked ${i}` }))));
      const [answers, latencies] = await Promise.all([writes, livenessWhile(testApp.app, writes, 20)]);
      for (const { value, ms } of answers) {
        expectDatabaseUnavailable(value);
        expect(ms).toBeLessThan(BOUNDED_MS);
      }
      expectLivenessUnaffected(latencies, LOCK_TIMEOUT_MS);
      const ready = await timed(request(testApp.app.getHttpServer()).get('/health/ready'));
      expect(ready.ms).toBeLessThan(1000);
    } finally {
      await lock.release();
    }
    expect((await api.as(session).post('/api/categories', { name: 'After the lock' })).status).toBe(201);
    expect((await api.as(session).get('/api/categories')).body).toEqual([expect.objectContaining({ name: 'After the lock' })]);
  });
});
