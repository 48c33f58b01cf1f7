import { DataSource } from 'typeorm';
import { CacheStats } from '../../src/cache/cache-stats';
import { expectBadRequest } from '../api/api-suite';
import { cleanUp, SUITE_TIMEOUT_MS, utcDate } from '../cache/cache-support';
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
  updatedAt: string;
}

interface ConflictBody {
  op: string;
  habitId: number;
  date: string;
  reason: string;
  current: RecordBody | null;
}

/** A time `minutes` before now (ISO 8601), as a device's clock would stamp a change. */
function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

/** POST /api/records/batch with `clientUpdatedAt` (API.md § Records, "Writes made offline"). */
describe.each(['sqlite', 'postgres'] as const)('offline writes replayed through record batches on %s', (kind) => {
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

  /** Every stored field of the user's records (revision and timestamps included), read past the API and its cache. */
  async function storedRows(userId: number): Promise<string[]> {
    const rows: { habit_id: number; date: string; status: string; value: number; note: string | null; revision: number; updated_at: Date | string }[] =
      await dataSource.query(
        `SELECT habit_id, date, status, value, note, revision, updated_at FROM habit_records WHERE user_id = ${kind === 'postgres' ? '$1' : '?'} ORDER BY habit_id, date`,
        [userId],
      );
    return rows.map((row) => `${row.habit_id}/${row.date}/${row.status}/${Number(row.value)}/${row.note}/${row.revision}/${new Date(row.updated_at).toISOString()}`);
  }

  function batch(session: Session, body: Record<string, unknown>) {
    return api.as(session).post('/api/records/batch', body).expect(200);
  }

  it("applies an item not older than the record, with the change's time as updatedAt, and lists an older one as a conflict", async () => {
    const { session, walk, water } = await userWithHabits();
    const laptop = await batch(session, { put: [{ habitId: walk, date: utcDate(-1), note: 'laptop', clientUpdatedAt: minutesAgo(10) }] });
    expect(laptop.body.conflicts).toEqual([]);
    const phoneMorning = minutesAgo(60);
    const phoneEvening = minutesAgo(5);
    const response = await batch(session, {
      put: [
        { habitId: walk, date: utcDate(-1), status: 'skipped', clientUpdatedAt: phoneMorning },
        { habitId: water, date: utcDate(-1), value: 5, clientUpdatedAt: phoneEvening },
      ],
    });
    const current = (laptop.body.put as RecordBody[])[0];
    expect(response.body.conflicts as ConflictBody[]).toEqual([{ op: 'put', habitId: walk, date: utcDate(-1), reason: 'newer', current }]);
    expect((response.body.put as RecordBody[]).map((record) => [record.habitId, record.value, record.updatedAt])).toEqual([[water, 5, phoneEvening]]);
    const later = await batch(session, { put: [{ habitId: walk, date: utcDate(-1), status: 'skipped', clientUpdatedAt: phoneEvening }] });
    expect(later.body.conflicts).toEqual([]);
    expect((later.body.put as RecordBody[]).map((record) => [record.status, record.note, record.updatedAt])).toEqual([['skipped', null, phoneEvening]]);
  });

  it("keeps the record's updatedAt at the client's time, capped at the server's clock", async () => {
    const { session, walk } = await userWithHabits();
    const offline = minutesAgo(30);
    const written = await batch(session, { put: [{ habitId: walk, date: utcDate(-2), clientUpdatedAt: offline }] });
    expect((written.body.put as RecordBody[])[0].updatedAt).toBe(offline);
    const before = Date.now();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const capped = await batch(session, { put: [{ habitId: walk, date: utcDate(-3), clientUpdatedAt: future }] });
    const after = Date.now();
    const updatedAt = Date.parse((capped.body.put as RecordBody[])[0].updatedAt);
    expect(updatedAt).toBeGreaterThanOrEqual(before);
    expect(updatedAt).toBeLessThanOrEqual(after);
    // Capped, it no longer blocks a change made after it (it would have for an hour otherwise).
    const next = await batch(session, { put: [{ habitId: walk, date: utcDate(-3), status: 'skipped', clientUpdatedAt: new Date(after + 1).toISOString() }] });
    expect(next.body.conflicts).toEqual([]);
  });

  it('compares with deletions by their time: a deletion after a put wins, a put after it applies, an older delete loses', async () => {
    const { session, walk } = await userWithHabits();
    await batch(session, { put: [{ habitId: walk, date: utcDate(-1), clientUpdatedAt: minutesAgo(50) }] });
    const deletion = await batch(session, { delete: [{ habitId: walk, date: utcDate(-1), clientUpdatedAt: minutesAgo(20) }] });
    expect(deletion.body).toEqual({ put: [], deleted: 1, conflicts: [] });
    const stale = await batch(session, { put: [{ habitId: walk, date: utcDate(-1), status: 'skipped', clientUpdatedAt: minutesAgo(30) }] });
    expect(stale.body).toEqual({ put: [], deleted: 0, conflicts: [{ op: 'put', habitId: walk, date: utcDate(-1), reason: 'newer', current: null }] });
    expect(await storedRows(session.userId)).toEqual([]);
    const fresh = minutesAgo(10);
    const revived = await batch(session, { put: [{ habitId: walk, date: utcDate(-1), clientUpdatedAt: fresh }] });
    expect(revived.body.conflicts).toEqual([]);
    const record = (revived.body.put as RecordBody[])[0];
    expect(record.updatedAt).toBe(fresh);
    const olderDelete = await batch(session, { delete: [{ habitId: walk, date: utcDate(-1), clientUpdatedAt: minutesAgo(15) }] });
    expect(olderDelete.body).toEqual({ put: [], deleted: 0, conflicts: [{ op: 'delete', habitId: walk, date: utcDate(-1), reason: 'newer', current: record }] });
    expect((await storedRows(session.userId)).length).toBe(1);
  });

  it('changes nothing when the same batch is replayed: same rows, revisions and times, no change announced', async () => {
    const { session, walk, water } = await userWithHabits();
    await batch(session, { put: [{ habitId: walk, date: utcDate(-4), clientUpdatedAt: minutesAgo(45) }] });
    await api.putRecord(session, water, utcDate(-9), { value: 2 });
    const body = {
      put: [
        { habitId: walk, date: utcDate(-2), clientUpdatedAt: minutesAgo(40) },
        { habitId: water, date: utcDate(-2), value: 7, note: 'offline', clientUpdatedAt: minutesAgo(39) },
        { habitId: walk, date: utcDate(-3), status: 'skipped', clientUpdatedAt: minutesAgo(38) },
      ],
      delete: [{ habitId: walk, date: utcDate(-4), clientUpdatedAt: minutesAgo(37) }],
    };
    const first = await batch(session, body);
    expect(first.body.deleted).toBe(1);
    expect(first.body.conflicts).toEqual([]);
    const stored = await storedRows(session.userId);
    const sync = await api.as(session).get('/api/sync').expect(200);
    const stats = testApp.app.get(CacheStats);
    const invalidations = stats.invalidations;
    const second = await batch(session, body);
    expect(second.body).toEqual({ put: first.body.put, deleted: 0, conflicts: [] });
    expect(await storedRows(session.userId)).toEqual(stored);
    expect(stats.invalidations).toBe(invalidations);
    const delta = await api.as(session).get(`/api/sync?since=${encodeURIComponent(sync.body.cursor as string)}`).expect(200);
    expect([delta.body.records, delta.body.deleted.records]).toEqual([[], []]);
  });

  it('lists an item with clientUpdatedAt whose habit was deleted as habit_deleted, applies the rest; without it the batch is a 400', async () => {
    const { session, walk, water } = await userWithHabits();
    await batch(session, { put: [{ habitId: water, date: utcDate(-6), value: 4, clientUpdatedAt: minutesAgo(10) }] });
    await api.as(session).delete(`/api/habits/${walk}`).expect(204);
    const response = await batch(session, {
      put: [
        { habitId: water, date: utcDate(-1), value: 9, clientUpdatedAt: minutesAgo(3) },
        { habitId: walk, date: utcDate(-1), clientUpdatedAt: minutesAgo(3) },
      ],
      delete: [
        { habitId: walk, date: utcDate(-2), clientUpdatedAt: minutesAgo(2) },
        { habitId: water, date: utcDate(-6), clientUpdatedAt: minutesAgo(1) },
      ],
    });
    expect(response.body.conflicts).toEqual([
      { op: 'put', habitId: walk, date: utcDate(-1), reason: 'habit_deleted', current: null },
      { op: 'delete', habitId: walk, date: utcDate(-2), reason: 'habit_deleted', current: null },
    ]);
    expect((response.body.put as RecordBody[]).map((record) => [record.habitId, record.value])).toEqual([[water, 9]]);
    expect(response.body.deleted).toBe(1);
    const before = await storedRows(session.userId);
    expectBadRequest(await api.as(session).post('/api/records/batch', { put: [{ habitId: walk, date: utcDate(-1) }, { habitId: water, date: utcDate(-3), value: 1, clientUpdatedAt: minutesAgo(1) }] }), 'put[0].habitId');
    // Another user's habit is never "deleted" for this one: still a 400, with or without clientUpdatedAt.
    const other = await api.register();
    const foreign = (await api.createHabit(other, { name: 'Not yours' })).id as number;
    await api.as(other).delete(`/api/habits/${foreign}`).expect(204);
    expectBadRequest(await api.as(session).post('/api/records/batch', { put: [{ habitId: foreign, date: utcDate(0), clientUpdatedAt: minutesAgo(1) }] }), 'put[0].habitId');
    expect(await storedRows(session.userId)).toEqual(before);
  });

  it('refuses a clientUpdatedAt that is not an ISO 8601 time, naming the item, and writes nothing', async () => {
    const { session, walk } = await userWithHabits();
    const response = await api.as(session).post('/api/records/batch', {
      put: [{ habitId: walk, date: utcDate(-1), clientUpdatedAt: minutesAgo(1) }],
      delete: [{ habitId: walk, date: utcDate(-2), clientUpdatedAt: 'yesterday' }],
    });
    expectBadRequest(response, 'delete[0].clientUpdatedAt');
    expectBadRequest(await api.as(session).post('/api/records/batch', { put: [{ habitId: walk, date: utcDate(-1), clientUpdatedAt: 12 }] }), 'put[0].clientUpdatedAt');
    expect(await storedRows(session.userId)).toEqual([]);
  });
});
