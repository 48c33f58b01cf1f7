import { DataSource } from 'typeorm';
import { CacheStats } from '../../src/cache/cache-stats';
import { HabitsRepository } from '../../src/habits/habits.repository';
import { errorMessages, expectBadRequest } from '../api/api-suite';
import { cleanUp, holdCall, SUITE_TIMEOUT_MS, utcDate } from '../cache/cache-support';
import { ApiClient, Session } from '../support/api-client';
import { privateRedisUrl, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(SUITE_TIMEOUT_MS);

const REDIS_INDEX = 1;

interface RecordBody {
  id: number;
  habitId: number;
  date: string;
  status: string;
  value: number;
  note: string | null;
}

/** POST /api/records/batch (API.md § Records): atomic, validated item by item, one change for the whole batch. */
describe.each(['sqlite', 'postgres'] as const)('record batches on %s', (kind) => {
  let testApp: TestApp;
  let api: ApiClient;
  let dataSource: DataSource;

  beforeAll(async () => {
    testApp = await startTestApp({ database: kind, redisUrl: await privateRedisUrl(REDIS_INDEX) });
    api = new ApiClient(testApp.app);
    dataSource = testApp.app.get(DataSource);
  });

  afterAll(() => cleanUp(() => testApp?.close()));

  async function userWithHabits(): Promise<{ session: Session; walk: number; water: number }> {
    const session = await api.register();
    const walk = (await api.createHabit(session, { name: 'Walk', startDate: utcDate(-30) })).id as number;
    const water = (await api.createHabit(session, { name: 'Water', kind: 'numeric', target: 8, unit: 'glasses', startDate: utcDate(-30) })).id as number;
    return { session, walk, water };
  }

  /** What the database holds for the user, read past the API and its cache. */
  async function storedRecords(userId: number): Promise<string[]> {
    const rows: { habit_id: number; date: string; status: string; value: number }[] = await dataSource.query(
      kind === 'postgres'
        ? 'SELECT habit_id, date, status, value FROM habit_records WHERE user_id = $1 ORDER BY habit_id, date'
        : 'SELECT habit_id, date, status, value FROM habit_records WHERE user_id = ? ORDER BY habit_id, date',
      [userId],
    );
    return rows.map((row) => `${row.habit_id}/${row.date}/${row.status}/${Number(row.value)}`);
  }

  it('applies puts and deletes together and answers the records written and the number deleted', async () => {
    const { session, walk, water } = await userWithHabits();
    await api.putRecord(session, walk, utcDate(-3));
    await api.putRecord(session, walk, utcDate(-2), { status: 'skipped' });
    const stats = testApp.app.get(CacheStats);
    const invalidationsBefore = stats.invalidations;
    const response = await api
      .as(session)
      .post('/api/records/batch', {
        put: [
          { habitId: walk, date: utcDate(-2) },
          { habitId: water, date: utcDate(-1), value: 6, note: 'almost' },
          { habitId: water, date: utcDate(0), status: 'skipped' },
        ],
        delete: [
          { habitId: walk, date: utcDate(-3) },
          { habitId: walk, date: utcDate(-10) },
        ],
      })
      .expect(200);
    expect(stats.invalidations - invalidationsBefore).toBe(1);
    expect(Object.keys(response.body as object).sort()).toEqual(['conflicts', 'deleted', 'put']);
    expect(response.body.conflicts).toEqual([]);
    expect(response.body.deleted).toBe(1);
    const put = response.body.put as RecordBody[];
    expect(put.map((record) => [record.habitId, record.date, record.status, record.value, record.note])).toEqual([
      [walk, utcDate(-2), 'done', 1, null],
      [water, utcDate(-1), 'done', 6, 'almost'],
      [water, utcDate(0), 'skipped', 0, null],
    ]);
    expect(await storedRecords(session.userId)).toEqual([
      `${walk}/${utcDate(-2)}/done/1`,
      `${water}/${utcDate(-1)}/done/6`,
      `${water}/${utcDate(0)}/skipped/0`,
    ]);
    const listed = await api.as(session).get(`/api/records?from=${utcDate(-10)}`).expect(200);
    expect((listed.body as RecordBody[]).map((record) => record.id).sort()).toEqual(put.map((record) => record.id).sort());
  });

  it('writes nothing when any item is invalid, and names every bad item', async () => {
    const { session, walk, water } = await userWithHabits();
    await api.putRecord(session, walk, utcDate(-5));
    const before = await storedRecords(session.userId);
    const other = await api.register();
    const foreign = (await api.createHabit(other, { name: 'Not yours' })).id as number;
    const response = await api.as(session).post('/api/records/batch', {
      put: [
        { habitId: walk, date: utcDate(-1) },
        { habitId: walk, date: utcDate(1) },
        { habitId: water, date: utcDate(-1) },
        { habitId: foreign, date: utcDate(-1) },
        { habitId: walk, date: utcDate(-40) },
        { habitId: walk, date: '2025-02-30' },
      ],
      delete: [{ habitId: walk, date: utcDate(-5) }, { habitId: 999999, date: utcDate(-5) }],
    });
    expectBadRequest(response, 'put[5].date');
    // Shape errors come first; once the shape is right, every rule that needs the database is reported.
    const second = await api.as(session).post('/api/records/batch', {
      put: [
        { habitId: walk, date: utcDate(-1) },
        { habitId: walk, date: utcDate(1) },
        { habitId: water, date: utcDate(-1) },
        { habitId: foreign, date: utcDate(-1) },
        { habitId: walk, date: utcDate(-40) },
      ],
      delete: [{ habitId: walk, date: utcDate(-5) }, { habitId: 999999, date: utcDate(-5) }],
    });
    expectBadRequest(second, 'put[1].date', 'put[2].value', 'put[3].habitId', 'put[4].date', 'delete[1].habitId');
    expect(errorMessages(second).some((message) => message.startsWith('put[0]') || message.startsWith('delete[0]'))).toBe(false);
    expect(await storedRecords(session.userId)).toEqual(before);
    expect(await storedRecords(other.userId)).toEqual([]);
  });

  it('refuses an empty batch, one over 500 items, a repeated (habitId, date) and unknown fields', async () => {
    const { session, walk } = await userWithHabits();
    expectBadRequest(await api.as(session).post('/api/records/batch', {}), '1 to 500 items');
    expectBadRequest(await api.as(session).post('/api/records/batch', { put: [], delete: [] }), '1 to 500 items');
    const many = Array.from({ length: 501 }, (_, index) => ({ habitId: walk, date: utcDate(-index) }));
    expectBadRequest(await api.as(session).post('/api/records/batch', { delete: many }), 'got 501');
    const repeated = await api.as(session).post('/api/records/batch', {
      put: [{ habitId: walk, date: utcDate(-1) }],
      delete: [{ habitId: walk, date: utcDate(-1) }],
    });
    expectBadRequest(repeated, 'delete[0] repeats the (habitId, date) of put[0]');
    expectBadRequest(await api.as(session).post('/api/records/batch', { put: [{ habitId: walk, date: utcDate(-1), colour: 'red' }] }), 'put[0].colour');
    expectBadRequest(await api.as(session).post('/api/records/batch', { put: {}, extra: 1 }), 'extra');
    expect(await storedRecords(session.userId)).toEqual([]);
  });

  it('accepts exactly 500 items in one transaction', async () => {
    const session = await api.register();
    const habits = await Promise.all([0, 1].map((index) => api.createHabit(session, { name: `H${index}`, startDate: utcDate(-300) })));
    const put = habits.flatMap((habit) => Array.from({ length: 250 }, (_, day) => ({ habitId: habit.id as number, date: utcDate(-day) })));
    const response = await api.as(session).post('/api/records/batch', { put }).expect(200);
    expect((response.body.put as RecordBody[]).length).toBe(500);
    expect((await storedRecords(session.userId)).length).toBe(500);
  });

  it('rolls the whole batch back when a write fails inside the transaction', async () => {
    const { session, walk, water } = await userWithHabits();
    await api.putRecord(session, water, utcDate(-4), { value: 3 });
    const before = await storedRecords(session.userId);
    // Hold the batch between its checks and its transaction, and delete one of its habits meanwhile:
    // the insert of that habit's record then fails on the foreign key, after the update of the other was written.
    const hold = holdCall(testApp.app.get(HabitsRepository), 'findOwnedByIds', 'after');
    try {
      const held = hold.arm();
      const pending = api
        .as(session)
        .post('/api/records/batch', {
          put: [
            { habitId: water, date: utcDate(-4), value: 9 },
            { habitId: walk, date: utcDate(-3) },
          ],
        })
        .then((response) => response);
      await held.reached;
      await api.as(session).delete(`/api/habits/${walk}`).expect(204);
      held.release();
      const response = await pending;
      expectBadRequest(response, 'deleted meanwhile');
    } finally {
      hold.restore();
    }
    expect(await storedRecords(session.userId)).toEqual(before);
  });
});
