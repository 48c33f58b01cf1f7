import { RedisClientType } from '@redis/client';
import { ApiClient, Session } from '../support/api-client';
import { RedisServer } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import { cleanUp, eventually, inspectRedis, SUITE_TIMEOUT_MS, timed, within } from './cache-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

const ADMIN_EMAIL = 'admin@example.test';
/** A hang guard for admin routes while Redis does not answer (no speed assertion). */
const ADMIN_GUARD_MS = 2500;
const CACHE_KEY = /^\{u:\d+\}:(gens|idx:(analytics|categories|habits|records)|(analytics|categories|habits|records):[0-9a-f]{40})$/;
const isCacheKey = (key: string) => /^cache:epoch:\{e\d+\}$/.test(key) || CACHE_KEY.test(key);

/** Admin cache routes and the readiness probe, on a redis-server of the suite's own (it gets frozen). */
describe('cache administration and readiness', () => {
  let redis: RedisServer;
  let inspector: RedisClientType;
  let testApp: TestApp;
  let api: ApiClient;
  let admin: Session;

  beforeAll(async () => {
    redis = await RedisServer.start();
    inspector = await inspectRedis(redis.url);
    testApp = await startTestApp({ redisUrl: redis.url });
    api = new ApiClient(testApp.app);
    admin = await api.register({ email: ADMIN_EMAIL });
  });

  afterEach(() => redis.resume());

  afterAll(() =>
    cleanUp(
      () => redis?.resume(),
      () => testApp?.close(),
      () => inspector?.close(),
      () => redis?.stop(),
    ),
  );

  async function userWithCachedReads(): Promise<Session> {
    const session = await api.register();
    await api.createCategory(session, { name: 'Health' });
    for (const path of ['/api/categories', '/api/habits']) await api.as(session).get(path).expect(200);
    return session;
  }

  it('reports cache stats to an admin only', async () => {
    const user = await userWithCachedReads();
    await api.as(user).get('/api/categories').expect(200);
    const stats = await api.as(admin).get('/api/admin/cache/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual({
      store: 'redis',
      connected: true,
      keys: expect.any(Number),
      memoryBytes: expect.any(Number),
      hits: expect.any(Number),
      misses: expect.any(Number),
      hitRate: expect.any(Number),
      invalidations: expect.any(Number),
      errors: expect.any(Number),
      ttlSeconds: { analytics: 3600, categories: 86400, habits: 900, records: 900 },
    });
    expect(stats.body.keys).toBeGreaterThanOrEqual(2);
    expect(stats.body.hits).toBeGreaterThanOrEqual(1);
    expect(stats.body.misses).toBeGreaterThanOrEqual(2);
    expect(stats.body.hitRate).toBeGreaterThan(0);
    expect(stats.body.hitRate).toBeLessThanOrEqual(1);
    expect(stats.body.memoryBytes).toBeGreaterThan(0);

    for (const path of ['/api/admin/cache/stats', `/api/admin/cache/users/${user.userId}`, '/api/admin/cache/flush']) {
      const method = path.endsWith('stats') ? 'get' : path.endsWith('flush') ? 'post' : 'delete';
      const forbidden = await api.as(user)[method](path);
      expect({ path, status: forbidden.status }).toEqual({ path, status: 403 });
      expect((await api.http[method](path)).status).toBe(401);
    }
  });

  it("drops one user's cached responses: {deleted} and the next read is a MISS, other users untouched", async () => {
    const [user, other] = [await userWithCachedReads(), await userWithCachedReads()];
    const dropped = await api.as(admin).delete(`/api/admin/cache/users/${user.userId}`);
    expect(dropped.status).toBe(200);
    expect(dropped.body).toEqual({ deleted: 2 });
    expect((await api.as(user).get('/api/categories')).headers['x-cache']).toBe('MISS');
    expect((await api.as(other).get('/api/categories')).headers['x-cache']).toBe('HIT');
    expect((await api.as(admin).delete(`/api/admin/cache/users/${user.userId}`)).body).toEqual({ deleted: 1 });
    expect((await api.as(admin).delete('/api/admin/cache/users/999999')).body).toEqual({ deleted: 0 });
  });

  it('flushes only its own keys with {confirm: true} and refuses without it', async () => {
    const users = [await userWithCachedReads(), await userWithCachedReads()];
    const foreign = { 'other:thing': '1', 'user:abc': 'x', 'user:12:notes': 'y', [`user:${users[0].userId}:categories:zz`]: 'z', [`{u:${users[0].userId}}:notes`]: 'n', [`{u:${users[0].userId}}:categories:zz`]: 'w' };
    for (const [key, value] of Object.entries(foreign)) await inspector.set(key, value);

    for (const body of [{}, { confirm: false }, { confirm: 'true' }]) {
      const refused = await api.as(admin).post('/api/admin/cache/flush', body);
      expect({ body, status: refused.status }).toEqual({ body, status: 400 });
    }
    expect((await api.as(users[0]).get('/api/categories')).headers['x-cache']).toBe('HIT');

    // Everything else in Redis (these keys, and the rate limiter's) must survive the flush.
    const others = (await inspector.keys('*')).filter((key) => !isCacheKey(key)).sort();
    expect(others).toEqual(expect.arrayContaining(Object.keys(foreign)));

    const flushed = await api.as(admin).post('/api/admin/cache/flush', { confirm: true });
    expect(flushed.status).toBe(200);
    expect(flushed.body.deleted).toBeGreaterThanOrEqual(4);
    const left = await inspector.keys('*');
    expect(left.filter(isCacheKey)).toEqual([]);
    expect(left.filter((key) => !key.startsWith('ratelimit:')).sort()).toEqual(Object.keys(foreign).sort());
    expect(left).toEqual(expect.arrayContaining(others));
    for (const [key, value] of Object.entries(foreign)) expect(await inspector.get(key)).toBe(value);
    for (const user of users) {
      expect((await api.as(user).get('/api/categories')).headers['x-cache']).toBe('MISS');
      expect((await api.as(user).get('/api/categories')).headers['x-cache']).toBe('HIT');
    }
  });

  it('answers the stats within the hang guard while Redis is frozen, reporting it disconnected', async () => {
    await userWithCachedReads();
    redis.freeze();
    const stats = await within(timed(api.as(admin).get('/api/admin/cache/stats')), 3000, 'stats on a frozen Redis');
    expect(stats.ms).toBeLessThan(ADMIN_GUARD_MS);
    expect(stats.response.status).toBe(200);
    expect(stats.response.body).toMatchObject({ store: 'redis', connected: false, keys: 0, memoryBytes: 0 });
  });

  it.each(['frozen', 'stopped'] as const)('refuses a flush with 503 while Redis is %s, then flushes once it is back', async (state) => {
    const user = await userWithCachedReads();
    if (state === 'frozen') redis.freeze();
    else await redis.stop();
    try {
      const refused = await within(timed(api.as(admin).post('/api/admin/cache/flush', { confirm: true })), 3000, 'a flush');
      expect(refused.ms).toBeLessThan(ADMIN_GUARD_MS);
      expect(refused.response.status).toBe(503);
      expect(refused.response.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    } finally {
      if (state === 'frozen') redis.resume();
      else await redis.start();
    }
    await eventually(
      async () => String((await api.as(user).get('/api/categories').expect(200)).headers['x-cache']),
      (cache) => cache === 'HIT',
      { attempts: 50, intervalMs: 100 },
    );
    await api.as(admin).post('/api/admin/cache/flush', { confirm: true }).expect(200);
    expect((await api.as(user).get('/api/categories')).headers['x-cache']).toBe('MISS');
  });

  it('reports Redis up, then down within a second while it is frozen (degraded, HTTP 200), then up again', async () => {
    const up = await api.http.get('/health/ready');
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ status: 'ok', checks: { database: { status: 'up' }, redis: { status: 'up', latencyMs: expect.any(Number) } } });
    expect((await api.http.get('/health')).body).toEqual({ status: 'ok' });

    redis.freeze();
    const frozen = await timed(api.http.get('/health/ready'));
    // Answered within about a second (a hang guard with some slack for a loaded machine).
    expect(frozen.ms).toBeLessThan(1500);
    expect(frozen.response.status).toBe(200);
    expect(frozen.response.body).toEqual({ status: 'degraded', checks: { database: { status: 'up' }, redis: { status: 'down' } } });
    expect((await timed(api.http.get('/health'))).ms).toBeLessThan(500);

    redis.resume();
    await eventually(
      async () => (await api.http.get('/health/ready')).body.status as string,
      (status) => status === 'ok',
      { attempts: 30, intervalMs: 100 },
    );
  });
});
