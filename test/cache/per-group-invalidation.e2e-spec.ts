import { todayIn } from '../../src/common/dates/calendar-date';
import { ApiClient, Session } from '../support/api-client';
import { privateRedisUrl, startTestApp, TestApp } from '../support/test-app';
import { cleanUp, SUITE_TIMEOUT_MS, utcDate } from './cache-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

const READS = {
  categories: '/api/categories',
  habits: '/api/habits',
  records: `/api/records?from=${utcDate(-10)}&to=${utcDate(0)}`,
  analytics: '/api/analytics/compliance',
} as const;
type Read = keyof typeof READS;

/** A write drops only the cached groups whose answers it can change; the others stay HITs. */
describe('per-group invalidation', () => {
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    testApp = await startTestApp({ redisUrl: await privateRedisUrl(7) });
    api = new ApiClient(testApp.app);
  });

  afterAll(() => cleanUp(() => testApp?.close()));

  async function warm(session: Session): Promise<void> {
    for (const path of Object.values(READS)) await api.as(session).get(path).expect(200);
  }

  async function cacheOutcomes(session: Session): Promise<Record<Read, string>> {
    const outcomes = {} as Record<Read, string>;
    for (const [read, path] of Object.entries(READS) as [Read, string][]) {
      outcomes[read] = String((await api.as(session).get(path).expect(200)).headers['x-cache']);
    }
    return outcomes;
  }

  async function userWithHabit(): Promise<{ session: Session; habitId: number; categoryId: number }> {
    const session = await api.register();
    const category = await api.createCategory(session, { name: 'Health' });
    const habit = await api.createHabit(session, { name: 'Walk', categoryId: category.id, startDate: utcDate(-10) });
    return { session, habitId: habit.id as number, categoryId: category.id as number };
  }

  it('keeps the category and habit lists cached across a check-in, and refreshes records and analytics', async () => {
    const { session, habitId } = await userWithHabit();
    await warm(session);
    await api.putRecord(session, habitId, utcDate(-1));
    expect(await cacheOutcomes(session)).toEqual({ categories: 'HIT', habits: 'HIT', records: 'MISS', analytics: 'MISS' });
    const records = await api.as(session).get(READS.records).expect(200);
    expect(records.body.map((record: { date: string }) => record.date)).toEqual([utcDate(-1)]);
  });

  it('keeps the category list cached across a habit rename, and refreshes habits, records and analytics', async () => {
    const { session, habitId } = await userWithHabit();
    await warm(session);
    await api.as(session).patch(`/api/habits/${habitId}`, { name: 'Run' }).expect(200);
    expect(await cacheOutcomes(session)).toEqual({ categories: 'HIT', habits: 'MISS', records: 'MISS', analytics: 'MISS' });
    const compliance = await api.as(session).get(READS.analytics).expect(200);
    expect(compliance.body.habits.map((habit: { name: string }) => habit.name)).toEqual(['Run']);
  });

  it("shows a habit without its category right after the category is deleted (the habit list depends on categories)", async () => {
    const { session, categoryId } = await userWithHabit();
    await warm(session);
    await api.as(session).delete(`/api/categories/${categoryId}`).expect(204);
    const habits = await api.as(session).get(READS.habits).expect(200);
    expect({ cache: habits.headers['x-cache'], categoryId: habits.body[0].categoryId }).toEqual({ cache: 'MISS', categoryId: null });
    expect((await api.as(session).get(READS.records).expect(200)).headers['x-cache']).toBe('HIT');
  });

  it("drops a deleted habit's records from the cached record list", async () => {
    const { session, habitId } = await userWithHabit();
    await api.putRecord(session, habitId, utcDate(-2));
    await warm(session);
    await api.as(session).delete(`/api/habits/${habitId}`).expect(204);
    expect((await api.as(session).get(READS.records).expect(200)).body).toEqual([]);
  });

  it('refreshes every group after a time-zone change', async () => {
    const { session } = await userWithHabit();
    await warm(session);
    const zone = ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].find((candidate) => todayIn(candidate) !== todayIn('UTC'))!;
    await api.as(session).patch('/api/auth/me', { timezone: zone }).expect(200);
    expect(await cacheOutcomes(session)).toEqual({ categories: 'MISS', habits: 'MISS', records: 'MISS', analytics: 'MISS' });
  });

  it("leaves other users' cached answers alone", async () => {
    const [first, second] = [await userWithHabit(), await userWithHabit()];
    await warm(second.session);
    await api.putRecord(first.session, first.habitId, utcDate(-1));
    await api.as(first.session).patch('/api/auth/me', { displayName: 'First' }).expect(200);
    expect(await cacheOutcomes(second.session)).toEqual({ categories: 'HIT', habits: 'HIT', records: 'HIT', analytics: 'HIT' });
  });
});
