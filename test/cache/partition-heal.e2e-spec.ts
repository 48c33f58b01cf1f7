import { ApiClient, Session } from '../support/api-client';
import { RedisServer } from '../support/redis-server';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { cleanUp, eventually, names, SUITE_TIMEOUT_MS } from './cache-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

const CUT_OFF_USER = 'instance-a';
const PASSWORD = 'instance-a-password';

/**
 * Only instance A loses Redis (its Redis user is disabled and its connection killed), B keeps it.
 * A mutation acknowledged by A meanwhile cannot reach Redis, and B may serve the old entry while
 * the partition lasts (docs/caching.md, "Limit"). Once it heals, A must repair by itself, without
 * serving any further request: B then serves the mutation, and a token revoked meanwhile is refused.
 */
describe.each(['sqlite', 'postgres'] as const)('after a one-sided partition heals, on %s', (kind) => {
  let redis: RedisServer;
  let database: TestDatabase;
  let instances: TestApp[];
  let a: ApiClient;
  let b: ApiClient;

  beforeAll(async () => {
    redis = await RedisServer.start();
    await redis.command('ACL', 'SETUSER', CUT_OFF_USER, 'on', `>${PASSWORD}`, '~*', '&*', '+@all');
    database = await createTestDatabase(kind);
    const port = new URL(redis.url).port;
    instances = [
      await startTestApp({ database, redisUrl: `redis://${CUT_OFF_USER}:${PASSWORD}@127.0.0.1:${port}` }),
      await startTestApp({ database, redisUrl: redis.url }),
    ];
    [a, b] = instances.map((instance) => new ApiClient(instance.app));
  });

  afterEach(() => heal());

  afterAll(() =>
    cleanUp(
      ...(instances ?? []).map((instance) => () => instance.close()),
      () => database?.drop(),
      () => redis?.stop(),
    ),
  );

  async function cutOffA(): Promise<void> {
    await redis.command('ACL', 'SETUSER', CUT_OFF_USER, 'off');
    await redis.command('CLIENT', 'KILL', 'USER', CUT_OFF_USER);
  }

  async function heal(): Promise<void> {
    await redis?.command('ACL', 'SETUSER', CUT_OFF_USER, 'on');
  }

  async function cachedOnBoth(session: Session): Promise<number> {
    const category = await a.createCategory(session, { name: 'before' });
    for (const client of [a, b]) {
      await client.as(session).get('/api/categories').expect(200);
      expect((await client.as(session).get('/api/categories')).headers['x-cache']).toBe('HIT');
    }
    return category.id as number;
  }

  it('serves on B a rename acknowledged by A while A was cut off, soon after the heal, with no further request to A', async () => {
    const session = await a.register();
    const id = await cachedOnBoth(session);
    await cutOffA();
    await a.as(session).patch(`/api/categories/${id}`, { name: 'after' }).expect(200);
    await heal();
    await eventually(
      async () => names((await b.as(session).get('/api/categories').expect(200)).body),
      (seen) => seen.join() === 'after',
      { attempts: 50, intervalMs: 100 },
    );
    for (const client of [b, a, b]) expect(names((await client.as(session).get('/api/categories').expect(200)).body)).toEqual(['after']);
  });

  it('refuses on B a token logged out through A while A was cut off, soon after the heal, with no further request to A', async () => {
    const session = await a.register();
    for (const client of [a, b]) await client.as(session).get('/api/auth/me').expect(200);
    await cutOffA();
    await a.as(session).post('/api/auth/logout').expect(204);
    await heal();
    await eventually(
      async () => (await b.as(session).get('/api/auth/me')).status,
      (status) => status === 401,
      { attempts: 50, intervalMs: 100 },
    );
    for (const client of [b, a, b]) await client.as(session).get('/api/auth/me').expect(401);
  });
});
