import { CategoriesRepository } from '../../src/categories/categories.repository';
import { HabitsRepository } from '../../src/habits/habits.repository';
import { ApiClient } from '../support/api-client';
import { privateRedisUrl, startTestApp, TestApp } from '../support/test-app';
import { countCalls, SUITE_TIMEOUT_MS } from './cache-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

const CONCURRENT = 120;

/** Many concurrent cold requests for one key on one instance run the handler once. */
describe.each(['sqlite', 'postgres'] as const)('stampede protection on %s', (database) => {
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    testApp = await startTestApp({ database, redisUrl: await privateRedisUrl(4) });
    api = new ApiClient(testApp.app);
  });

  afterAll(() => testApp?.close());

  afterEach(() => jest.restoreAllMocks());

  it(`reads the categories once for ${CONCURRENT} concurrent cold requests and serves them all the same body`, async () => {
    const session = await api.register();
    await api.createCategory(session, { name: 'Health' });
    await api.createCategory(session, { name: 'Work' });
    const listed = countCalls(testApp.app.get(CategoriesRepository), 'listForUser');

    const responses = await Promise.all(Array.from({ length: CONCURRENT }, () => api.as(session).get('/api/categories')));

    expect(listed.calls).toBe(1);
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([200]));
    expect(new Set(responses.map((response) => response.text)).size).toBe(1);
    expect(responses[0].body.map((category: { name: string }) => category.name)).toEqual(['Health', 'Work']);
    const outcomes = responses.map((response) => String(response.headers['x-cache']));
    expect(outcomes.filter((outcome) => outcome === 'MISS')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'HIT')).toHaveLength(CONCURRENT - 1);
  });

  it('runs the handler once again for a stampede right after an invalidation', async () => {
    const session = await api.register();
    const habit = await api.createHabit(session, { name: 'Read' });
    await api.as(session).get(`/api/habits/${String(habit.id)}`).expect(200);
    await api.as(session).patch(`/api/habits/${String(habit.id)}`, { name: 'Read more' }).expect(200);
    const found = countCalls(testApp.app.get(HabitsRepository), 'findOwned');

    const responses = await Promise.all(Array.from({ length: CONCURRENT }, () => api.as(session).get(`/api/habits/${String(habit.id)}`)));

    expect(found.calls).toBe(1);
    expect(responses.every((response) => response.status === 200 && response.body.name === 'Read more')).toBe(true);
  });
});
