import { DataSource } from 'typeorm';
import { expectError } from '../api/api-suite';
import { ApiClient, Session } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';

type Json = Record<string, unknown>;

const HABITS = 25;
const DAYS_EACH = 40_000;

/**
 * API.md § Conventions: 1,000,000 records per account; a PUT or batch that would create one more is a 409
 * and writes nothing. The account is filled with real rows by SQL (1M records through the API would take
 * minutes): the counters the database keeps (habits.record_count) see them as they see any insert.
 */
describe.each(['sqlite', 'postgres'] as const)('the records limit on %s', (kind) => {
  let testApp: TestApp;
  let api: ApiClient;
  let dataSource: DataSource;
  let user: Session;
  let habitIds: number[];

  beforeAll(async () => {
    testApp = await startTestApp({ database: kind });
    api = new ApiClient(testApp.app);
    dataSource = testApp.app.get(DataSource);
    user = await api.register();
    habitIds = [];
    for (let i = 0; i < HABITS; i++) habitIds.push((await api.createHabit(user, { name: `H${i}`, startDate: '1900-01-01' })).id as number);
    // One habit per statement: PostgreSQL's statement timeout of the test settings.
    for (const habitId of habitIds) await dataSource.query(kind === 'postgres' ? POSTGRES_FILL : SQLITE_FILL, [habitId]);
    // 999,999 records: room for exactly one more.
    await dataSource.query(`DELETE FROM habit_records WHERE habit_id = ${habitIds[0]} AND date = '1900-01-01'`);
  }, 120_000);

  afterAll(() => testApp.close());

  async function recordCount(): Promise<number> {
    const rows: { n: string | number }[] = await dataSource.query(`SELECT COUNT(*) AS n FROM habit_records WHERE user_id = ${user.userId}`);
    return Number(rows[0].n);
  }

  async function countedByHabits(): Promise<number> {
    const rows: { n: string | number }[] = await dataSource.query(`SELECT SUM(record_count) AS n FROM habits WHERE user_id = ${user.userId}`);
    return Number(rows[0].n);
  }

  it('keeps the per-habit counters equal to the rows', async () => {
    expect(await recordCount()).toBe(999_999);
    expect(await countedByHabits()).toBe(999_999);
  });

  it('refuses a batch that would create two more with 409, writing nothing, then takes the last one', async () => {
    const batch = await api.as(user).post('/api/records/batch', {
      put: [
        { habitId: habitIds[0], date: '1900-01-01', status: 'done' },
        { habitId: habitIds[1], date: '2020-01-01', status: 'done' },
      ],
    });
    expectError(batch, 409);
    expect(JSON.stringify(batch.body)).toContain('1000000 records');
    expect(await recordCount()).toBe(999_999);

    // An update creates nothing: fine at the limit.
    const update = await api.as(user).put(`/api/habits/${habitIds[1]}/records/1900-01-02`, { status: 'skipped' });
    expect(update.status).toBe(200);
    expect((await api.as(user).put(`/api/habits/${habitIds[0]}/records/1900-01-01`, { status: 'done' })).status).toBe(201);
    expect(await recordCount()).toBe(1_000_000);
  });

  it('refuses one record past 1,000,000 with 409; deleting one (or a habit) makes room again', async () => {
    const over = await api.as(user).put(`/api/habits/${habitIds[1]}/records/2020-01-01`, { status: 'done' });
    expectError(over, 409);
    expect(await recordCount()).toBe(1_000_000);

    expect((await api.as(user).delete(`/api/habits/${habitIds[0]}/records/1900-01-01`)).status).toBe(204);
    expect(await countedByHabits()).toBe(999_999);
    expect((await api.as(user).put(`/api/habits/${habitIds[1]}/records/2020-01-01`, { status: 'done' })).status).toBe(201);

    expect((await api.as(user).delete(`/api/habits/${habitIds[2]}`)).status).toBe(204);
    expect(await countedByHabits()).toBe(1_000_000 - DAYS_EACH);
    expect(await recordCount()).toBe(1_000_000 - DAYS_EACH);
    const batch = await api.as(user).post('/api/records/batch', { put: [{ habitId: habitIds[3], date: '2020-01-01', status: 'done' }] });
    expect(batch.status).toBe(200);
    expect((batch.body as Json).put).toHaveLength(1);
  }, 60_000);
});

/** DAYS_EACH daily records for one habit, from 1900-01-01. */
const SQLITE_FILL = `INSERT INTO habit_records (habit_id, user_id, date, status, value)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${DAYS_EACH - 1})
SELECT h.id, h.user_id, date('1900-01-01', '+' || n.i || ' days'), 'done', 1 FROM habits h, n WHERE h.id = ?`;

const POSTGRES_FILL = `INSERT INTO habit_records (habit_id, user_id, date, status, value)
SELECT h.id, h.user_id, to_char(date '1900-01-01' + n.i, 'YYYY-MM-DD'), 'done', 1
FROM habits h, generate_series(0, ${DAYS_EACH - 1}) AS n(i) WHERE h.id = $1`;
