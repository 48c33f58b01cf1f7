import { RedisClientType } from '@redis/client';
import type { Response } from 'supertest';
import { ApiClient, Session } from '../support/api-client';
import { RedisServer } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import { cleanUp, inspectRedis, names, SUITE_TIMEOUT_MS, utcDate } from './cache-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

const cache = (response: Response) => response.headers['x-cache'] as string | undefined;

async function userWithData(api: ApiClient): Promise<{ session: Session; paths: string[] }> {
  const session = await api.register({ email: 'admin@example.test' });
  await api.createCategory(session, { name: 'Health' });
  const habit = await api.createHabit(session, { name: 'Walk', startDate: utcDate(-5) });
  await api.putRecord(session, habit.id as number, utcDate(-1));
  const paths = ['/api/categories', '/api/habits', `/api/habits/${String(habit.id)}`, '/api/records', '/api/analytics/performance', '/api/analytics/compliance'];
  return { session, paths };
}

/** CACHE_ENABLED=false: nothing is cached (nor written to Redis), everything still works. */
describe('with CACHE_ENABLED=false', () => {
  let redis: RedisServer;
  let inspector: RedisClientType;
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    redis = await RedisServer.start();
    inspector = await inspectRedis(redis.url);
    testApp = await startTestApp({ redisUrl: redis.url, env: { CACHE_ENABLED: 'false' } });
    api = new ApiClient(testApp.app);
  });

  afterAll(() =>
    cleanUp(
      () => testApp?.close(),
      () => inspector?.close(),
      () => redis?.stop(),
    ),
  );

  it('answers every cached route with X-Cache: BYPASS and fresh data, and stores nothing in Redis', async () => {
    const { session, paths } = await userWithData(api);
    for (const path of paths) {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const response = await api.as(session).get(path);
        expect({ path, status: response.status, cache: cache(response) }).toEqual({ path, status: 200, cache: 'BYPASS' });
      }
    }
    await api.createCategory(session, { name: 'Work' });
    expect(names((await api.as(session).get('/api/categories')).body)).toEqual(['Health', 'Work']);
    // (The rate limiter shares the connection; the cache itself wrote nothing.)
    expect(await inspector.keys('{u:*')).toEqual([]);
    expect(await inspector.keys('cache:epoch*')).toEqual([]);

    const stats = await api.as(session).get('/api/admin/cache/stats').expect(200);
    expect(stats.body).toMatchObject({ store: 'disabled', connected: false, keys: 0, hits: 0, misses: 0 });
    expect((await api.as(session).delete(`/api/admin/cache/users/${session.userId}`)).body).toEqual({ deleted: 0 });
    expect((await api.as(session).post('/api/admin/cache/flush', { confirm: true })).body).toEqual({ deleted: 0 });
    expect((await api.http.get('/health/ready')).body).toEqual({ status: 'ok', checks: { database: { status: 'up' }, redis: { status: 'disabled' } } });
  });

  it('still refuses a logged-out token (the database decides)', async () => {
    const session = await api.register();
    await api.as(session).get('/api/categories').expect(200);
    await api.as(session).post('/api/auth/logout').expect(204);
    await api.as(session).get('/api/categories').expect(401);
  });
});

/** No REDIS_URL: the in-process store, with the same semantics. */
describe('without REDIS_URL (in-process cache)', () => {
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    api = new ApiClient(testApp.app);
  });

  afterAll(() => testApp?.close());

  it('answers MISS then a byte-identical HIT on every cached route, and a fresh MISS after a mutation', async () => {
    const { session, paths } = await userWithData(api);
    for (const path of paths) {
      const miss = await api.as(session).get(path);
      const hit = await api.as(session).get(path);
      expect({ path, miss: cache(miss), hit: cache(hit) }).toEqual({ path, miss: 'MISS', hit: 'HIT' });
      expect(hit.text).toBe(miss.text);
      expect(hit.headers['content-type']).toBe(miss.headers['content-type']);
    }
    expect(cache(await api.as(session).get('/api/habits?archived=false'))).toBe('HIT');
    await api.createCategory(session, { name: 'Work' });
    const fresh = await api.as(session).get('/api/categories');
    expect({ cache: cache(fresh), names: names(fresh.body) }).toEqual({ cache: 'MISS', names: ['Health', 'Work'] });
    expect(cache(await api.as(session).get('/api/categories').set('Cache-Control', 'no-cache'))).toBe('BYPASS');
    for (const path of paths) await api.as(session).get(path).expect(200);

    const stats = await api.as(session).get('/api/admin/cache/stats').expect(200);
    expect(stats.body).toMatchObject({ store: 'memory', connected: true });
    expect(stats.body.keys).toBeGreaterThanOrEqual(paths.length);
    const dropped = await api.as(session).delete(`/api/admin/cache/users/${session.userId}`).expect(200);
    expect(dropped.body.deleted).toBeGreaterThanOrEqual(paths.length);
    expect(cache(await api.as(session).get('/api/categories'))).toBe('MISS');
    expect((await api.as(session).post('/api/admin/cache/flush', { confirm: true }).expect(200)).body.deleted).toBeGreaterThan(0);
    expect(cache(await api.as(session).get('/api/categories'))).toBe('MISS');
    expect((await api.http.get('/health/ready')).body).toMatchObject({ status: 'ok', checks: { redis: { status: 'disabled' } } });
  });

  it('refuses a logged-out token at once', async () => {
    const session = await api.register();
    await api.as(session).get('/api/categories').expect(200);
    await api.as(session).get('/api/categories').expect(200);
    await api.as(session).post('/api/auth/logout').expect(204);
    await api.as(session).get('/api/categories').expect(401);
  });
});
