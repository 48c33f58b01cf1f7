import { ApiClient, Session } from '../support/api-client';
import { RedisServer } from '../support/redis-server';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { cleanUp, eventually, names, SUITE_TIMEOUT_MS, timed } from './cache-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

const ANSWER_GUARD_MS = 2000;

/**
 * Two instances on one database and their own redis-server. A mutation acknowledged while Redis
 * was hung or gone is reflected by every later read on both instances once Redis is back:
 * no entry written before it is ever served again, and a token revoked meanwhile stays refused.
 */
describe.each(['sqlite', 'postgres'] as const)('no stale read after Redis heals, on %s', (kind) => {
  let redis: RedisServer;
  let running = true;
  let database: TestDatabase;
  let instances: TestApp[];
  let a: ApiClient;
  let b: ApiClient;

  beforeAll(async () => {
    redis = await RedisServer.start();
    database = await createTestDatabase(kind);
    instances = [await startTestApp({ database, redisUrl: redis.url }), await startTestApp({ database, redisUrl: redis.url })];
    [a, b] = instances.map((instance) => new ApiClient(instance.app));
  });

  afterEach(async () => {
    redis.resume();
    if (!running) await redis.start();
    running = true;
  });

  afterAll(() =>
    cleanUp(
      () => redis?.resume(),
      ...(instances ?? []).map((instance) => () => instance.close()),
      () => database?.drop(),
      () => redis?.stop(),
    ),
  );

  /** A renamed category, cached as "before" on both instances. */
  async function cachedOnBoth(session: Session): Promise<number> {
    const category = await a.createCategory(session, { name: 'before' });
    for (const client of [a, b]) {
      await client.as(session).get('/api/categories').expect(200);
      expect((await client.as(session).get('/api/categories')).headers['x-cache']).toBe('HIT');
    }
    return category.id as number;
  }

  /** Every read on both instances shows `expected`, until both serve it from the cache again. */
  async function expectFreshEverywhere(session: Session, expected: string[]): Promise<void> {
    for (const client of [a, b]) {
      const first = await timed(client.as(session).get('/api/categories'));
      expect(first.response.status).toBe(200);
      expect(names(first.response.body)).toEqual(expected);
      await eventually(
        async () => {
          const response = await client.as(session).get('/api/categories').expect(200);
          expect(names(response.body)).toEqual(expected);
          return String(response.headers['x-cache']);
        },
        (cache) => cache === 'HIT',
        { attempts: 50, intervalMs: 100 },
      );
    }
  }

  it('reflects a rename made through A while Redis was frozen, on A and B, once it resumes', async () => {
    const session = await a.register();
    const id = await cachedOnBoth(session);
    redis.freeze();
    const renamed = await timed(a.as(session).patch(`/api/categories/${id}`, { name: 'after' }));
    expect(renamed.response.status).toBe(200);
    expect(renamed.ms).toBeLessThan(ANSWER_GUARD_MS);
    redis.resume();
    await expectFreshEverywhere(session, ['after']);
  });

  it('reflects a rename made through A while Redis was down, on A and B, once it restarts empty', async () => {
    const session = await a.register();
    const id = await cachedOnBoth(session);
    await redis.stop();
    running = false;
    await a.as(session).patch(`/api/categories/${id}`, { name: 'after' }).expect(200);
    await redis.start();
    running = true;
    await expectFreshEverywhere(session, ['after']);
  });

  it('reflects a rename made through A while Redis was frozen, even if Redis then restarts empty', async () => {
    const session = await a.register();
    const id = await cachedOnBoth(session);
    redis.freeze();
    await a.as(session).patch(`/api/categories/${id}`, { name: 'after' }).expect(200);
    await redis.stop();
    await redis.start();
    await expectFreshEverywhere(session, ['after']);
  });

  it('refuses a token logged out while Redis was frozen, on both instances, then and after Redis restarts empty', async () => {
    const session = await a.register();
    const other = await a.login(session.email, 'correct horse battery');
    for (const client of [a, b]) {
      for (const token of [session.token, other]) await client.as(token).get('/api/categories').expect(200);
    }
    redis.freeze();
    const logout = await timed(a.as(session).post('/api/auth/logout'));
    expect(logout.response.status).toBe(204);
    expect(logout.ms).toBeLessThan(ANSWER_GUARD_MS);
    const expectRefused = async () => {
      for (const client of [a, b]) {
        const refused = await timed(client.as(session).get('/api/categories'));
        expect(refused.response.status).toBe(401);
        expect(refused.ms).toBeLessThan(ANSWER_GUARD_MS);
        await client.as(other).get('/api/categories').expect(200);
      }
    };
    await expectRefused();
    redis.resume();
    await expectRefused();
    await redis.stop();
    await redis.start();
    await expectRefused();
  });

  it('refuses every earlier token after logout-all through B while Redis was frozen, on both instances', async () => {
    const session = await a.register();
    const tokens = [session.token, await b.login(session.email, 'correct horse battery')];
    for (const client of [a, b]) for (const token of tokens) await client.as(token).get('/api/auth/me').expect(200);
    redis.freeze();
    await b.as(tokens[1]).post('/api/auth/logout-all').expect(204);
    for (const client of [a, b]) for (const token of tokens) await client.as(token).get('/api/categories').expect(401);
    redis.resume();
    for (const client of [a, b]) for (const token of tokens) await client.as(token).get('/api/categories').expect(401);
    const fresh = await a.login(session.email, 'correct horse battery');
    for (const client of [a, b]) await client.as(fresh).get('/api/categories').expect(200);
  });
});
