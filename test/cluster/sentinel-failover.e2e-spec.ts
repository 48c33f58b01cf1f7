import { ApiClient } from '../support/api-client';
import { RedisSentinelSet } from '../support/redis-sentinel';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { cleanUp } from '../cache/cache-support';

jest.setTimeout(90_000);

const PASSWORD = 'p@ss:w/rd#1';

/**
 * The API behind Redis Sentinel (1 master, 1 replica, 3 sentinels, with a password): hits, and a
 * master killed after its replica missed an acknowledged invalidation: once the sentinels promoted
 * the replica, no read shows the old data and nothing answers 500.
 */
describe.each(['sqlite', 'postgres'] as const)('behind Redis Sentinel on %s', (kind) => {
  let sentinel: RedisSentinelSet;
  let database: TestDatabase;
  let apps: TestApp[];
  let clients: ApiClient[];

  beforeAll(async () => {
    sentinel = await RedisSentinelSet.start(PASSWORD);
    database = await createTestDatabase(kind);
    const env = { REDIS_SENTINELS: sentinel.sentinels, REDIS_SENTINEL_MASTER: 'habits', REDIS_PASSWORD: PASSWORD };
    apps = [await startTestApp({ database, env }), await startTestApp({ database, env })];
    clients = apps.map((testApp) => new ApiClient(testApp.app));
    await sentinel.waitUntil(async () => (await clients[0].http.get('/health/ready')).body.checks?.redis?.status === 'up');
  });

  afterAll(() => cleanUp(...(apps ?? []).map((testApp) => () => testApp.close()), () => database?.drop(), () => sentinel?.stop()));

  it('serves hits and reads its writes across two instances', async () => {
    const session = await clients[0].register();
    await clients[0].createCategory(session, { name: 'Health' });
    expect((await clients[0].as(session).get('/api/categories').expect(200)).headers['x-cache']).toBe('MISS');
    expect((await clients[1].as(session).get('/api/categories').expect(200)).headers['x-cache']).toBe('HIT');
    await clients[1].createCategory(session, { name: 'Work' });
    expect((await clients[0].as(session).get('/api/categories').expect(200)).body).toHaveLength(2);
  });

  it('names the master it follows in readiness', async () => {
    const redis = (await clients[1].http.get('/health/ready').expect(200)).body.checks.redis;
    expect(redis).toMatchObject({ status: 'up', nodes: [{ address: `127.0.0.1:${await sentinel.masterPort()}`, status: 'up' }] });
  });

  it('never serves an entry whose invalidation the promoted replica lost', async () => {
    const session = await clients[0].register();
    const category = await clients[0].createCategory(session, { name: 'before' });
    await clients[0].as(session).get('/api/categories').expect(200);
    expect((await clients[1].as(session).get('/api/categories').expect(200)).headers['x-cache']).toBe('HIT');
    const master = await sentinel.masterPort();
    const replica = sentinel.dataPorts.find((port) => port !== master)!;

    sentinel.freeze(replica, true);
    try {
      await sentinel.command(master, ['CLIENT', 'KILL', 'TYPE', 'replica']);
      await clients[1].as(session).patch(`/api/categories/${category.id as number}`, { name: 'after' }).expect(200);
      await sentinel.kill(master);
    } finally {
      sentinel.freeze(replica, false);
    }
    await sentinel.waitUntil(async () => (await sentinel.masterPort()) === replica);

    const statuses: number[] = [];
    const seen: string[] = [];
    await sentinel.waitUntil(async () => {
      const response = await clients[statuses.length % 2].as(session).get('/api/categories');
      statuses.push(response.status);
      if (response.status === 200) seen.push((response.body as { name: string }[])[0]?.name);
      return response.headers['x-cache'] === 'HIT';
    });
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
    expect(seen.filter((name) => name !== 'after')).toEqual([]);
  });
});
