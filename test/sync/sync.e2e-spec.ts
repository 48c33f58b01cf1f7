import { DataSource } from 'typeorm';
import { expectBadRequest } from '../api/api-suite';
import { cleanUp, SUITE_TIMEOUT_MS, utcDate } from '../cache/cache-support';
import { ApiClient, Session } from '../support/api-client';
import { privateRedisUrl, startTestApp, TestApp } from '../support/test-app';
import { serverCopy, SyncReplica } from './sync-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

const REDIS_INDEX = 1;
const FROM = utcDate(-60);

/** GET /api/sync (API.md § Sync and change feed): full and delta syncs, paging, tombstones, cursors. */
describe.each(['sqlite', 'postgres'] as const)('delta sync on %s', (kind) => {
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    testApp = await startTestApp({ database: kind, redisUrl: await privateRedisUrl(REDIS_INDEX) });
    api = new ApiClient(testApp.app);
  });

  afterAll(() => cleanUp(() => testApp?.close()));

  const sql = (text: string) => (kind === 'postgres' ? text.replace(/\?/g, (_, offset: number) => `$${text.slice(0, offset).split('?').length}`) : text);

  async function expectInStep(replica: SyncReplica, session: Session): Promise<void> {
    expect(replica.copy()).toEqual(await serverCopy(api, session, FROM));
  }

  it('sends the whole account first, then nothing until something changes', async () => {
    const session = await api.register();
    const empty = await api.as(session).get('/api/sync').expect(200);
    expect(empty.body).toEqual({
      cursor: expect.any(String),
      full: true,
      hasMore: false,
      categories: [],
      habits: [],
      records: [],
      deleted: { categories: [], habits: [], records: [] },
    });
    expect(empty.headers['cache-control']).toBe('private, no-store');
    const category = await api.createCategory(session, { name: 'Health' });
    const habit = await api.createHabit(session, { name: 'Walk', categoryId: category.id, startDate: utcDate(-10) });
    const archived = await api.createHabit(session, { name: 'Old', startDate: utcDate(-10) });
    await api.as(session).patch(`/api/habits/${archived.id as number}`, { archived: true }).expect(200);
    await api.putRecord(session, habit.id as number, utcDate(-1));
    const replica = new SyncReplica(session, api);
    const [first] = await replica.drain();
    expect([first.full, first.categories.length, first.habits.length, first.records.length]).toEqual([true, 1, 2, 1]);
    await expectInStep(replica, session);
    const [quiet] = await replica.drain();
    expect(quiet).toMatchObject({ full: false, hasMore: false, categories: [], habits: [], records: [], deleted: { categories: [], habits: [], records: [] } });
  });

  it('sends exactly what changed after the cursor, deletions included', async () => {
    const session = await api.register();
    const category = await api.createCategory(session, { name: 'Health' });
    const walk = (await api.createHabit(session, { name: 'Walk', startDate: utcDate(-10) })).id as number;
    const read = (await api.createHabit(session, { name: 'Read', startDate: utcDate(-10) })).id as number;
    for (const days of [-3, -2, -1]) await api.putRecord(session, walk, utcDate(days));
    const replica = new SyncReplica(session, api);
    await replica.drain();
    await api.as(session).patch(`/api/categories/${category.id as number}`, { name: 'Body' }).expect(200);
    await api.as(session).delete(`/api/habits/${walk}/records/${utcDate(-3)}`).expect(204);
    await api.putRecord(session, walk, utcDate(-2), { status: 'skipped' });
    await api.as(session).patch(`/api/habits/${read}`, { archived: true }).expect(200);
    const [delta] = await replica.drain();
    expect(delta.full).toBe(false);
    expect(delta.categories.map((row) => row.name)).toEqual(['Body']);
    expect(delta.habits.map((row) => [row.id, row.archived])).toEqual([[read, true]]);
    expect(delta.records.map((row) => [row.date, row.status])).toEqual([[utcDate(-2), 'skipped']]);
    expect(delta.deleted).toEqual({ categories: [], habits: [], records: [{ habitId: walk, date: utcDate(-3) }] });
    await expectInStep(replica, session);
  });

  it("implies a deleted habit's records, and re-sends the habits of a deleted category", async () => {
    const session = await api.register();
    const category = (await api.createCategory(session, { name: 'Health' })).id as number;
    const walk = (await api.createHabit(session, { name: 'Walk', categoryId: category, startDate: utcDate(-10) })).id as number;
    const read = (await api.createHabit(session, { name: 'Read', startDate: utcDate(-10) })).id as number;
    for (const days of [-3, -2]) await api.putRecord(session, read, utcDate(days));
    const replica = new SyncReplica(session, api);
    await replica.drain();
    await api.as(session).delete(`/api/habits/${read}`).expect(204);
    await api.as(session).delete(`/api/categories/${category}`).expect(204);
    const [delta] = await replica.drain();
    expect(delta.deleted.habits).toEqual([read]);
    expect(delta.deleted.categories).toEqual([category]);
    expect(delta.habits.map((row) => [row.id, row.categoryId])).toEqual([[walk, null]]);
    expect(replica.copy().records).toEqual([]);
    await expectInStep(replica, session);
  });

  it('pages a batch (one revision, many rows) at any limit without losing or repeating items', async () => {
    const session = await api.register();
    const habits = await Promise.all(['A', 'B'].map((name) => api.createHabit(session, { name, startDate: utcDate(-40) })));
    const put = habits.flatMap((habit) => Array.from({ length: 20 }, (_, day) => ({ habitId: habit.id as number, date: utcDate(-day) })));
    await api.as(session).post('/api/records/batch', { put }).expect(200);
    for (const limit of [1, 7, 40, 42, 1000]) {
      const replica = new SyncReplica(session, api);
      const pages = await replica.drain(() => limit);
      const sizes = pages.map((page) => page.categories.length + page.habits.length + page.records.length);
      expect([limit, sizes.reduce((sum, size) => sum + size, 0)]).toEqual([limit, 42]);
      expect(pages.length).toBe(Math.ceil(42 / limit));
      for (const size of sizes) expect(size).toBeLessThanOrEqual(limit);
      await expectInStep(replica, session);
    }
  });

  it('refuses malformed, altered and foreign cursors, and limits outside 1..5000', async () => {
    const owner = await api.register();
    const other = await api.register();
    await api.createCategory(owner, { name: 'Health' });
    const { cursor } = (await api.as(owner).get('/api/sync').expect(200)).body as { cursor: string };
    const [payload, signature] = cursor.split('.');
    const altered = `${Buffer.from(Buffer.from(payload, 'base64url').toString().replace(/\.(\d+)\./, '.99.')).toString('base64url')}.${signature}`;
    for (const since of ['abc', 'a.b', `${cursor}x`, altered, `${payload}.`]) {
      expectBadRequest(await api.as(owner).get(`/api/sync?since=${encodeURIComponent(since)}`), 'since');
    }
    expectBadRequest(await api.as(other).get(`/api/sync?since=${encodeURIComponent(cursor)}`), 'since');
    for (const limit of ['0', '5001', 'ten', '1.5']) expectBadRequest(await api.as(owner).get(`/api/sync?limit=${limit}`), 'limit');
    expectBadRequest(await api.as(owner).get('/api/sync?after=1'), 'after');
    await api.as(owner).get(`/api/sync?since=${encodeURIComponent(cursor)}&limit=5000`).expect(200);
    await api.http.get('/api/sync').expect(401);
  });

  it('answers a full sync to a cursor older than the tombstones kept', async () => {
    const session = await api.register();
    const walk = (await api.createHabit(session, { name: 'Walk', startDate: utcDate(-10) })).id as number;
    for (const days of [-3, -2]) await api.putRecord(session, walk, utcDate(days));
    const replica = new SyncReplica(session, api);
    await replica.drain();
    const before = replica.cursor!;
    await api.as(session).delete(`/api/habits/${walk}/records/${utcDate(-3)}`).expect(204);
    const [recent] = await replica.drain();
    expect(recent.deleted.records).toEqual([{ habitId: walk, date: utcDate(-3) }]);
    const after = replica.cursor!;
    // The deletion is now older than SYNC_TOMBSTONE_DAYS (90): it is forgotten at the next sync.
    const dataSource = testApp.app.get(DataSource);
    const longAgo = new Date(Date.now() - 91 * 86_400_000);
    // As each driver stores timestamps (TypeORM writes SQLite datetimes as 'YYYY-MM-DD HH:MM:SS.SSS' UTC text).
    const stamp = kind === 'postgres' ? longAgo : longAgo.toISOString().replace('T', ' ').replace('Z', '');
    await dataSource.query(sql('UPDATE sync_tombstones SET deleted_at = ? WHERE user_id = ?'), [stamp, session.userId]);
    const stale = await api.as(session).get(`/api/sync?since=${encodeURIComponent(before)}`).expect(200);
    expect([stale.body.full, stale.body.records.length, stale.body.habits.length]).toEqual([true, 1, 1]);
    const fresh = await api.as(session).get(`/api/sync?since=${encodeURIComponent(after)}`).expect(200);
    expect([fresh.body.full, fresh.body.records.length]).toEqual([false, 0]);
    const [[{ count }]] = [await dataSource.query(sql('SELECT COUNT(*) AS count FROM sync_tombstones WHERE user_id = ?'), [session.userId])];
    expect(Number(count)).toBe(0);
  });

  it("never sends another user's rows", async () => {
    const owner = await api.register();
    const other = await api.register();
    await api.createHabit(owner, { name: 'Mine' });
    const page = (await api.as(other).get('/api/sync').expect(200)).body as { habits: unknown[] };
    expect(page.habits).toEqual([]);
  });
});
