import { RedisClientType } from '@redis/client';
import { ApiClient, Session } from '../support/api-client';
import { privateRedisUrl, startTestApp, TestApp } from '../support/test-app';
import { cleanUp, inspectRedis, SUITE_TIMEOUT_MS } from './cache-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

const names = (body: unknown) => (body as { name: string }[]).map((item) => item.name).sort();

/**
 * Upgrading the key layout (v2 `user:<id>:…` + global `cache:epoch` → v3 `{u:<id>}:…` + per-slot
 * epochs) on a running Redis: v3 never serves, refreshes or writes a v2 key, even one that is
 * perfectly valid under v2's own epoch and generation, and an admin flush removes the v2 keys.
 */
describe.each(['sqlite', 'postgres'] as const)('key layout v2 → v3 on %s', (kind) => {
  let testApp: TestApp;
  let api: ApiClient;
  let redis: RedisClientType;

  beforeAll(async () => {
    const redisUrl = await privateRedisUrl(9);
    testApp = await startTestApp({ database: kind, redisUrl });
    api = new ApiClient(testApp.app);
    redis = await inspectRedis(redisUrl);
  });

  afterAll(() => cleanUp(() => redis?.close(), () => testApp?.close()));

  async function v2EntryFor(session: Session): Promise<string> {
    const [v3Key] = await redis.sMembers(`{u:${session.userId}}:idx:categories`);
    const v2Key = v3Key.replace(`{u:${session.userId}}`, `user:${session.userId}`);
    await redis.set('cache:epoch', 'E2');
    await redis.hSet(`user:${session.userId}:gens`, { categories: 'G2', session: 'S2' });
    await redis.expire(`user:${session.userId}:gens`, 600);
    await redis.set(v2Key, `|E2.G2\n200\napplication/json; charset=utf-8\n"v2"\n[{"id":1,"name":"from v2"}]`, { EX: 600 });
    return v2Key;
  }

  it('never serves a v2 entry, and leaves the v2 keys to expire untouched', async () => {
    const session = await api.register();
    await api.createCategory(session, { name: 'Health' });
    await api.as(session).get('/api/categories').expect(200);
    const v2Key = await v2EntryFor(session);

    const reads = [await api.as(session).get('/api/categories'), await api.as(session).get('/api/categories')];
    await api.createCategory(session, { name: 'Work' });
    reads.push(await api.as(session).get('/api/categories'), await api.as(session).get('/api/categories'));
    expect(reads.map((read) => read.status)).toEqual([200, 200, 200, 200]);
    expect(reads.map((read) => names(read.body))).toEqual([['Health'], ['Health'], ['Health', 'Work'], ['Health', 'Work']]);

    expect(await redis.hGetAll(`user:${session.userId}:gens`)).toEqual({ categories: 'G2', session: 'S2' });
    expect(await redis.ttl(`user:${session.userId}:gens`)).toBeLessThanOrEqual(600);
    expect(await redis.get('cache:epoch')).toBe('E2');
    expect(await redis.exists(v2Key)).toBe(1);
  });

  it('removes the v2 keys with an admin flush', async () => {
    const admin = await api.register({ email: 'admin@example.test' });
    const session = await api.register();
    await api.as(session).get('/api/categories').expect(200);
    await api.createCategory(session, { name: 'Health' });
    await api.as(session).get('/api/categories').expect(200);
    const v2Key = await v2EntryFor(session);
    await redis.set(`user:${session.userId}:notes`, 'not ours');

    await api.as(admin).post('/api/admin/cache/flush', { confirm: true }).expect(200);
    expect(await redis.exists([v2Key, `user:${session.userId}:gens`, 'cache:epoch'])).toBe(0);
    expect(await redis.get(`user:${session.userId}:notes`)).toBe('not ours');
  });
});
