import { RedisClientType } from '@redis/client';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { Category } from '../../src/categories/category.entity';
import { ApiClient, Session } from '../support/api-client';
import { privateRedisUrl, startTestApp, TestApp } from '../support/test-app';
import { cleanUp, inspectRedis, names, SUITE_TIMEOUT_MS, utcDate } from './cache-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

const REDIS_INDEX = 6;
const OWN_KEY = /^\{u:(\d+)\}:(gens|idx:(analytics|categories|habits|records)|(analytics|categories|habits|records|frag):[0-9a-f]{40})$/;

/** What API.md promises clients about cached routes. */
describe('cached routes keep the HTTP contract', () => {
  let testApp: TestApp;
  let api: ApiClient;
  let redis: RedisClientType;

  beforeAll(async () => {
    const redisUrl = await privateRedisUrl(REDIS_INDEX);
    testApp = await startTestApp({ redisUrl });
    api = new ApiClient(testApp.app);
    redis = await inspectRedis(redisUrl);
  });

  afterAll(() =>
    cleanUp(
      () => redis?.close(),
      () => testApp?.close(),
    ),
  );

  const cache = (response: Response) => response.headers['x-cache'] as string | undefined;

  async function userWithData(): Promise<{ session: Session; habitId: number; categoryId: number; today: string }> {
    const session = await api.register();
    const category = await api.createCategory(session, { name: 'Health' });
    const habit = await api.createHabit(session, { name: 'Walk', categoryId: category.id, startDate: utcDate(-40) });
    // Today as the server sees it: the default startDate.
    const today = (await api.createHabit(session, { name: 'Read' })).startDate as string;
    for (const days of [-35, -10, -2]) await api.putRecord(session, habit.id as number, utcDate(days));
    return { session, habitId: habit.id as number, categoryId: category.id as number, today };
  }

  it('marks cached 200s Cache-Control: private, no-cache, every other authenticated response private, no-store, and all Vary: Authorization', async () => {
    const { session, habitId } = await userWithData();
    const responses = [
      await api.as(session).get('/api/categories'),
      await api.as(session).get('/api/categories'),
      await api.as(session).get('/api/categories').set('Cache-Control', 'no-cache'),
      await api.as(session).get(`/api/habits/${habitId}`),
      await api.as(session).get('/api/auth/me'),
      await api.as(session).post('/api/categories', { name: 'Work' }),
      await api.as(session).put(`/api/habits/${habitId}/records/${utcDate(-1)}`, {}),
      await api.as(session).get('/api/habits/999999'),
      await api.as(session).get('/api/habits?archived=maybe'),
      await api.as(session).delete(`/api/habits/${habitId}/records/${utcDate(-1)}`),
      await api.http.get('/api/categories'),
    ];
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 201, 201, 404, 400, 204, 401]);
    expect(responses.slice(0, 3).map(cache)).toEqual(['MISS', 'HIT', 'BYPASS']);
    responses.forEach((response, index) => {
      expect([index, response.headers['cache-control']]).toEqual([index, index < 4 ? 'private, no-cache' : 'private, no-store']);
      expect(response.headers.vary).toBe('Authorization');
    });
  });

  it('bypasses the entry for Cache-Control: no-cache and refills it, so the next plain read is a HIT with the new data', async () => {
    const session = await api.register();
    await api.createCategory(session, { name: 'Health' });
    await api.as(session).get('/api/categories').expect(200);
    // Written behind the API's back (no invalidation): only a refresh can show it.
    const now = new Date();
    await testApp.app.get(DataSource).getRepository(Category).insert({ userId: session.userId, name: 'Hidden', nameKey: 'hidden', color: null, position: 1, revision: 0, createdAt: now, updatedAt: now });
    const stale = await api.as(session).get('/api/categories');
    expect({ cache: cache(stale), names: names(stale.body) }).toEqual({ cache: 'HIT', names: ['Health'] });

    const refreshed = await api.as(session).get('/api/categories').set('Cache-Control', 'no-cache');
    expect({ cache: cache(refreshed), names: names(refreshed.body) }).toEqual({ cache: 'BYPASS', names: ['Health', 'Hidden'] });
    const next = await api.as(session).get('/api/categories');
    expect({ cache: cache(next), names: names(next.body) }).toEqual({ cache: 'HIT', names: ['Health', 'Hidden'] });
    expect(next.text).toBe(refreshed.text);
  });

  it('stores only 2xx responses: a 400 and a 404 are computed again every time', async () => {
    const { session, habitId } = await userWithData();
    for (const path of ['/api/habits?archived=maybe', '/api/records?from=2025-02-30', '/api/habits/999999', '/api/records?habitId=999999']) {
      const first = await api.as(session).get(path);
      const second = await api.as(session).get(path);
      expect([first.status, second.status]).toEqual(path.includes('999999') ? [404, 404] : [400, 400]);
      expect([cache(first), cache(second)]).not.toContain('HIT');
      expect(second.body).toEqual(first.body);
    }
    const keys = await redis.sMembers(`{u:${session.userId}}:idx:habits`);
    expect(keys).toEqual([]);

    // A cached 200 is not served once the habit is gone.
    await api.as(session).get(`/api/habits/${habitId}`).expect(200);
    expect(cache(await api.as(session).get(`/api/habits/${habitId}`))).toBe('HIT');
    await api.as(session).delete(`/api/habits/${habitId}`).expect(204);
    await api.as(session).get(`/api/habits/${habitId}`).expect(404);
  });

  it('replays a HIT byte for byte: status, content type and body of the MISS that filled it', async () => {
    const { session, habitId, today } = await userWithData();
    const paths = [
      '/api/categories',
      '/api/habits',
      `/api/habits/${habitId}`,
      `/api/records?from=${utcDate(-40)}&to=${today}`,
      '/api/analytics/performance',
      '/api/analytics/compliance',
    ];
    for (const path of paths) {
      const miss = await api.as(session).get(path);
      const hit = await api.as(session).get(path);
      expect({ path, miss: cache(miss), hit: cache(hit) }).toEqual({ path, miss: 'MISS', hit: 'HIT' });
      expect(hit.status).toBe(miss.status);
      expect(hit.headers['content-type']).toBe(miss.headers['content-type']);
      expect(hit.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(hit.text).toBe(miss.text);
      expect(hit.text.length).toBeGreaterThan(2);
    }
  });

  it('shares one entry whatever the query order and for explicit defaults, and a new one for any change of meaning', async () => {
    const { session, categoryId, today } = await userWithData();
    const from = utcDate(-40);
    const defaultFrom = shift(today, -29);
    const outcome = async (path: string) => cache(await api.as(session).get(path).expect(200));

    expect(await outcome('/api/habits')).toBe('MISS');
    for (const same of ['/api/habits?archived=false', '/api/habits?archived=', '/api/habits?categoryId=', '/api/habits?categoryId=&archived=false']) {
      expect({ same, cache: await outcome(same) }).toEqual({ same, cache: 'HIT' });
    }
    for (const other of ['/api/habits?archived=true', `/api/habits?categoryId=${categoryId}`]) {
      expect({ other, cache: await outcome(other) }).toEqual({ other, cache: 'MISS' });
    }
    const filtered = await api.as(session).get(`/api/habits?archived=false&categoryId=${categoryId}`);
    expect({ cache: cache(filtered), names: names(filtered.body) }).toEqual({ cache: 'HIT', names: ['Walk'] });

    expect(await outcome(`/api/records?from=${from}&to=${today}`)).toBe('MISS');
    expect(await outcome(`/api/records?to=${today}&from=${from}`)).toBe('HIT');
    expect(await outcome(`/api/records?to=${today}&from=${shift(from, 1)}`)).toBe('MISS');

    for (const route of ['/api/records', '/api/analytics/performance', '/api/analytics/compliance']) {
      expect({ route, cache: await outcome(route) }).toEqual({ route, cache: 'MISS' });
      for (const same of [`${route}?to=${today}`, `${route}?from=${defaultFrom}`, `${route}?to=${today}&from=${defaultFrom}`, `${route}?from=&to=`]) {
        expect({ same, cache: await outcome(same) }).toEqual({ same, cache: 'HIT' });
      }
      // An explicit `to` moves the default `from` with it: a range of its own.
      const earlier = shift(today, -7);
      expect(await outcome(`${route}?to=${earlier}`)).toBe('MISS');
      expect(await outcome(`${route}?from=${shift(earlier, -29)}&to=${earlier}`)).toBe('HIT');
      expect(await outcome(`${route}?from=${defaultFrom}&to=${earlier}`)).toBe('MISS');
    }
    const narrowed = await api.as(session).get(`/api/analytics/compliance?categoryId=${categoryId}`).expect(200);
    expect(cache(narrowed)).toBe('MISS');
    expect(narrowed.body.habits.map((habit: { name: string }) => habit.name)).toEqual(['Walk']);
  });

  it('keeps its keys in Redis as {u:<id>}:… with no prefix (and the epoch of the user\'s hash slot)', async () => {
    // Analytics fragments ({u:<id>}:frag:…) are not indexed: a write replaces their habit's generation instead.
    // The rate limiter shares this Redis; its keys (ratelimit:…) are not the cache's.
    const { session, habitId } = await userWithData();
    for (const path of ['/api/categories', '/api/habits', `/api/habits/${habitId}`, '/api/records', '/api/analytics/compliance']) {
      await api.as(session).get(path).expect(200);
    }
    const keys = await redis.keys('*');
    const foreign = keys.filter((key) => !/^cache:epoch:\{e\d+\}$/.test(key) && !OWN_KEY.test(key) && !key.startsWith('ratelimit:'));
    expect(foreign).toEqual([]);
    const mine = keys.filter((key) => key.startsWith(`{u:${session.userId}}:`));
    const fragments = mine.filter((key) => key.includes(':frag:'));
    const responses = mine.filter((key) => !key.endsWith(':gens') && !key.includes(':idx:') && !fragments.includes(key)).sort();
    expect(fragments).toHaveLength(2);
    expect(responses.map((key) => key.split(':')[2]).sort()).toEqual(['analytics', 'categories', 'habits', 'habits', 'records']);
    const indexes = ['analytics', 'categories', 'habits', 'records'].map((group) => `{u:${session.userId}}:idx:${group}`);
    expect((await redis.sUnion(indexes)).sort()).toEqual(responses);
    expect(mine).toContain(`{u:${session.userId}}:gens`);
    // Each entry expires in Redis itself after its group's TTL (API.md defaults).
    const ttlSeconds: Record<string, number> = { analytics: 3600, categories: 86400, habits: 900, records: 900 };
    for (const key of [...responses, ...fragments]) {
      const ttl = await redis.pTTL(key);
      const group = key.includes(':frag:') ? 'analytics' : key.split(':')[2];
      expect({ key, expires: ttl > 0, withinTtl: ttl <= ttlSeconds[group] * 1000 }).toEqual({ key, expires: true, withinTtl: true });
    }
  });
});

function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
