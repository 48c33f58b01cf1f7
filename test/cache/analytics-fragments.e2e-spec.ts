import { HistoryRepository } from '../../src/analytics/history.repository';
import { CacheStore } from '../../src/cache/cache-store';
import { ApiClient, Session } from '../support/api-client';
import { RedisServer } from '../support/redis-server';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { cleanUp, holdCall, SUITE_TIMEOUT_MS, utcDate } from './cache-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

const REPORTS = [
  '/api/analytics/compliance',
  `/api/analytics/compliance?from=${utcDate(-364)}&to=${utcDate(0)}`,
  '/api/analytics/performance',
  `/api/analytics/performance?from=${utcDate(-20)}&to=${utcDate(-1)}`,
];

interface Counts {
  hit: number;
  miss: number;
}

/**
 * Analytics reports are assembled from per-habit fragments: a check-in recomputes only its habit's
 * part. Two instances and an uncached one (CACHE_ENABLED=false) on one SQLite file and a Redis of
 * the suite's own.
 */
describe('analytics fragments', () => {
  let redis: RedisServer;
  let database: TestDatabase;
  let apps: TestApp[];
  let a: ApiClient;
  let b: ApiClient;
  let uncached: ApiClient;

  beforeAll(async () => {
    redis = await RedisServer.start();
    database = await createTestDatabase('sqlite');
    apps = [
      await startTestApp({ database, redisUrl: redis.url }),
      await startTestApp({ database, redisUrl: redis.url }),
      await startTestApp({ database, redisUrl: redis.url, env: { CACHE_ENABLED: 'false' } }),
    ];
    [a, b, uncached] = apps.map((testApp) => new ApiClient(testApp.app));
  });

  afterAll(() =>
    cleanUp(
      ...(apps ?? []).map((testApp) => () => testApp.close()),
      () => database?.drop(),
      () => redis?.stop(),
    ),
  );

  async function fragmentCounts(api: ApiClient): Promise<Counts> {
    const text = (await api.http.get('/metrics').expect(200)).text;
    const count = (outcome: string) => Number(new RegExp(`^cache_fragments_total\\{outcome="${outcome}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
    return { hit: count('hit'), miss: count('miss') };
  }

  /** The fragment hits and misses of `read` on one instance. */
  async function fragmentsOf(api: ApiClient, read: () => Promise<unknown>): Promise<Counts> {
    const before = await fragmentCounts(api);
    await read();
    const after = await fragmentCounts(api);
    return { hit: after.hit - before.hit, miss: after.miss - before.miss };
  }

  async function userWithHabits(count: number): Promise<{ session: Session; habitIds: number[] }> {
    const session = await a.register();
    const habitIds: number[] = [];
    for (let index = 0; index < count; index++) {
      const schedule = index % 2 === 0 ? { type: 'daily' } : { type: 'per_week', times: 3 };
      const habit = await a.createHabit(session, { name: `Habit ${index}`, schedule, startDate: utcDate(-400) });
      habitIds.push(habit.id as number);
      for (const daysAgo of [1, 2, 5, 9, 30, 200]) {
        if ((daysAgo + index) % 3 !== 0) await a.putRecord(session, habit.id as number, utcDate(-daysAgo), { status: daysAgo === 9 ? 'skipped' : 'done' });
      }
    }
    return { session, habitIds };
  }

  async function expectSameAsUncached(api: ApiClient, session: Session): Promise<void> {
    for (const path of REPORTS) {
      const served = await api.as(session).get(path).expect(200);
      const computed = await uncached.as(session).get(path).expect(200);
      expect({ path, body: served.text }).toEqual({ path, body: computed.text });
    }
  }

  it("keeps the other habits' fragments hits across a check-in, and recomputes the checked-in habit's", async () => {
    const { session, habitIds } = await userWithHabits(4);
    const path = REPORTS[1];
    expect(await fragmentsOf(a, () => a.as(session).get(path).expect(200))).toEqual({ hit: 0, miss: 4 });
    await b.putRecord(session, habitIds[2], utcDate(-3));
    const afterCheckIn = await fragmentsOf(a, async () => {
      const report = await a.as(session).get(path).expect(200);
      expect(report.headers['x-cache']).toBe('MISS');
    });
    expect(afterCheckIn).toEqual({ hit: 3, miss: 1 });
    await expectSameAsUncached(a, session);
  });

  it('answers every report byte for byte as the uncached computation, on both instances', async () => {
    const { session, habitIds } = await userWithHabits(3);
    await expectSameAsUncached(a, session);
    await a.putRecord(session, habitIds[0], utcDate(-2), { status: 'skipped' });
    await expectSameAsUncached(b, session);
    await b.as(session).patch(`/api/habits/${habitIds[1]}`, { name: 'Renamed', schedule: { type: 'daily' } }).expect(200);
    await expectSameAsUncached(a, session);
    await a.as(session).delete(`/api/habits/${habitIds[2]}/records/${utcDate(-1)}`);
    await expectSameAsUncached(b, session);
  });

  it('shows a write made on one instance in the next report of the other', async () => {
    const { session, habitIds } = await userWithHabits(2);
    for (const api of [a, b]) await api.as(session).get(REPORTS[0]).expect(200);
    const before = (await b.as(session).get(REPORTS[0]).expect(200)).body.habits[1];
    await a.putRecord(session, habitIds[1], utcDate(-4));
    const after = (await b.as(session).get(REPORTS[0]).expect(200)).body.habits[1];
    expect(after.done).toBe(before.done + 1);
    await a.as(session).patch(`/api/habits/${habitIds[0]}`, { name: 'Walk' }).expect(200);
    expect((await b.as(session).get(REPORTS[0]).expect(200)).body.habits.map((habit: { name: string }) => habit.name)).toEqual(['Walk', 'Habit 1']);
    await a.as(session).delete(`/api/habits/${habitIds[0]}`).expect(204);
    expect((await b.as(session).get(REPORTS[0]).expect(200)).body.habits.map((habit: { name: string }) => habit.name)).toEqual(['Habit 1']);
  });

  it("replaces only the changed habit's generation, and never stores a part computed before a write", async () => {
    const { session, habitIds } = await userWithHabits(2);
    const generations = () => redis.command('HMGET', `{u:${session.userId}}:gens`, ...habitIds.map((id) => `habit:${id}`)) as Promise<string[]>;
    const before = await generations();
    const history = apps[0].app.get(HistoryRepository);
    const hold = holdCall(history, 'inSnapshot', 'after');
    try {
      const held = hold.arm();
      const pending = a.as(session).get(REPORTS[0]).then((response) => response);
      await held.reached;
      // The read has its tokens and its old records; a check-in lands meanwhile, on the other instance.
      await b.putRecord(session, habitIds[0], utcDate(-3));
      held.release();
      expect((await pending).status).toBe(200);
    } finally {
      hold.restore();
    }
    // Only the untouched habit's part was stored; the other was refused by its new generation.
    expect(await redis.command('KEYS', `{u:${session.userId}}:frag:*`)).toHaveLength(1);
    const after = await generations();
    expect({ changed: after[0] !== before[0], untouched: after[1] === before[1] }).toEqual({ changed: true, untouched: true });
    await expectSameAsUncached(a, session);
  });

  it('makes every fragment unservable when the epoch is replaced (the repair after Redis was lost)', async () => {
    const { session } = await userWithHabits(2);
    await a.as(session).get(REPORTS[2]).expect(200);
    await apps[0].app.get(CacheStore).backend!.bumpEpoch();
    expect(await fragmentsOf(b, () => b.as(session).get(REPORTS[2]).expect(200))).toEqual({ hit: 0, miss: 2 });
  });

  it('computes every part from the database while Redis is down, and answers 200', async () => {
    const { session } = await userWithHabits(2);
    const expected = (await uncached.as(session).get(REPORTS[0]).expect(200)).text;
    await redis.stop();
    try {
      const response = await a.as(session).get(REPORTS[0]).expect(200);
      expect({ cache: response.headers['x-cache'], body: response.text }).toEqual({ cache: 'BYPASS', body: expected });
    } finally {
      await redis.start();
    }
  });
});

describe('analytics fragments without Redis (in-process cache)', () => {
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    api = new ApiClient(testApp.app);
  });

  afterAll(() => cleanUp(() => testApp?.close()));

  it('keeps the untouched habits\' parts across a check-in', async () => {
    const session = await api.register();
    const habits = [await api.createHabit(session, { startDate: utcDate(-30) }), await api.createHabit(session, { startDate: utcDate(-30) })];
    await api.as(session).get('/api/analytics/compliance').expect(200);
    await api.putRecord(session, habits[0].id as number, utcDate(-1));
    expect(testApp.app.get(CacheStore).mode).toBe('memory');
    const response = await api.as(session).get('/api/analytics/compliance').expect(200);
    expect(response.body.habits.map((habit: { done: number }) => habit.done)).toEqual([1, 0]);
    const metrics = (await api.http.get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^cache_fragments_total\{outcome="hit"\} 1$/m);
    expect(metrics).toMatch(/^cache_fragments_total\{outcome="miss"\} 3$/m);
  });
});
