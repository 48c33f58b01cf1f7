import { RedisClientType } from '@redis/client';
import { CacheStore } from '../../src/cache/cache-store';
import { SingleFlight } from '../../src/cache/single-flight';
import { ApiClient, Session } from '../support/api-client';
import { RedisServer } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import { cleanUp, countCalls, eventually, holdCall, inspectRedis, names, SUITE_TIMEOUT_MS, timed, within } from './cache-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

/** A hang guard only (no speed assertion): nothing may wait on a Redis that does not answer. */
const ANSWER_GUARD_MS = 2000;
const START_GUARD_MS = 10_000;
/** Busy-waits inside Redis for ARGV[1] ms: every other client waits meanwhile (a slow Redis). */
const BUSY_SCRIPT = `
local t = redis.call('TIME')
local deadline = t[1] * 1000000 + t[2] + ARGV[1] * 1000
repeat t = redis.call('TIME') until t[1] * 1000000 + t[2] >= deadline
return 1`;

/** Own redis-server: stopped, frozen (SIGSTOP) and slowed; the API keeps answering from the database. */
describe('Redis down, hung or slow', () => {
  let redis: RedisServer;
  let running = true;
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    redis = await RedisServer.start();
    testApp = await startTestApp({ redisUrl: redis.url });
    api = new ApiClient(testApp.app);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    redis.resume();
    if (!running) await redis.start();
    running = true;
  });

  afterAll(() =>
    cleanUp(
      () => redis?.resume(),
      () => testApp?.close(),
      () => redis?.stop(),
    ),
  );

  /** Reads answer 200 BYPASS with fresh data and writes succeed, each within the hang guard. */
  async function expectServedFromDatabase(session: Session, expected: string[], rounds: number): Promise<void> {
    for (let round = 0; round < rounds; round += 1) {
      const created = await timed(api.as(session).post('/api/categories', { name: `outage ${expected.length}` }));
      expect(created.response.status).toBe(201);
      expect(created.ms).toBeLessThan(ANSWER_GUARD_MS);
      expected.push(`outage ${expected.length}`);
      for (const path of ['/api/categories', '/api/habits', '/api/analytics/performance']) {
        const read = await timed(api.as(session).get(path));
        expect({ path, status: read.response.status, cache: read.response.headers['x-cache'] }).toEqual({ path, status: 200, cache: 'BYPASS' });
        expect(read.ms).toBeLessThan(ANSWER_GUARD_MS);
        if (path === '/api/categories') expect(names(read.response.body)).toEqual([...expected].sort());
      }
    }
  }

  /** Polls until the list is served from the cache again; every answer on the way reflects `expected`. */
  async function expectCachingResumes(session: Session, expected: string[]): Promise<void> {
    await eventually(
      async () => {
        const response = await within(api.as(session).get('/api/categories').then((r) => r), ANSWER_GUARD_MS, 'a read');
        expect(response.status).toBe(200);
        expect(names(response.body)).toEqual([...expected].sort());
        return String(response.headers['x-cache']);
      },
      (cache) => cache === 'HIT',
      { attempts: 50, intervalMs: 100 },
    );
  }

  async function warmUp(session: Session): Promise<string[]> {
    const expected = [(await api.createCategory(session, { name: 'before' })).name as string];
    expect((await api.as(session).get('/api/categories')).headers['x-cache']).toBe('MISS');
    expect((await api.as(session).get('/api/categories')).headers['x-cache']).toBe('HIT');
    return expected;
  }

  it('serves reads (BYPASS) and writes while Redis is stopped, and caches again by itself once it is back', async () => {
    const session = await api.register();
    const expected = await warmUp(session);
    await redis.stop();
    running = false;
    await expectServedFromDatabase(session, expected, 4);
    const ready = await timed(api.http.get('/health/ready'));
    expect(ready.response.status).toBe(200);
    expect(ready.response.body).toMatchObject({ status: 'degraded', checks: { database: { status: 'up' }, redis: { status: 'down' } } });
    await redis.start();
    running = true;
    await expectCachingResumes(session, expected);
  });

  it('serves reads (BYPASS) and writes while Redis is frozen, and caches again by itself once it resumes', async () => {
    const session = await api.register();
    const expected = await warmUp(session);
    redis.freeze();
    await expectServedFromDatabase(session, expected, 4);
    const ready = await timed(api.http.get('/health/ready'));
    expect(ready.ms).toBeLessThan(1500);
    expect(ready.response.status).toBe(200);
    expect(ready.response.body).toMatchObject({ status: 'degraded', checks: { redis: { status: 'down' } } });
    redis.resume();
    await expectCachingResumes(session, expected);
  });

  it('answers a read and a write while Redis is slow, and the write is seen once Redis catches up', async () => {
    const session = await api.register();
    const expected = await warmUp(session);
    const busy: RedisClientType = await inspectRedis(redis.url);
    try {
      const slow = busy.eval(BUSY_SCRIPT, { arguments: ['800'] });
      const created = await timed(api.as(session).post('/api/categories', { name: 'while slow' }));
      expect(created.response.status).toBe(201);
      expect(created.ms).toBeLessThan(ANSWER_GUARD_MS);
      expected.push('while slow');
      const read = await timed(api.as(session).get('/api/categories'));
      expect(read.response.status).toBe(200);
      expect(read.ms).toBeLessThan(ANSWER_GUARD_MS);
      expect(names(read.response.body)).toEqual([...expected].sort());
      await within(slow, 5000, 'the busy script');
    } finally {
      await busy.close();
    }
    await expectCachingResumes(session, expected);
  });

  it('answers BYPASS, not HIT, to requests that shared a flight whose cache lookup failed', async () => {
    const session = await api.register();
    await api.createCategory(session, { name: 'shared' });
    const concurrent = 5;
    const store = testApp.app.get(CacheStore);
    if (!store.backend) throw new Error('expected a Redis backend');
    const joined = countCalls(SingleFlight.prototype, 'run');
    // The leader's lookup waits just before it reaches Redis, until the others joined its flight and Redis hung.
    const lookup = holdCall(store.backend, 'getEntry', 'before');
    const held = lookup.arm();
    const pending = Array.from({ length: concurrent }, () => api.as(session).get('/api/categories').then((response) => response));
    await within(held.reached, ANSWER_GUARD_MS, 'the leader');
    await eventually(async () => joined.calls, (calls) => calls >= concurrent, { attempts: 100, intervalMs: 20 });
    redis.freeze();
    held.release();
    const responses = await within(Promise.all(pending), ANSWER_GUARD_MS * 2, 'the shared flight');
    redis.resume();
    expect(lookup.calls).toBe(1);
    expect(responses.map((response) => response.status)).toEqual(Array(concurrent).fill(200));
    expect(responses.map((response) => response.headers['x-cache'])).toEqual(Array(concurrent).fill('BYPASS'));
    expect(names(responses[0].body)).toEqual(['shared']);
  });

  describe.each([
    ['stopped', (server: RedisServer) => server.stop(), (server: RedisServer) => server.start()],
    ['frozen', async (server: RedisServer) => server.freeze(), async (server: RedisServer) => server.resume()],
  ] as const)('starting while Redis is %s', (_state, takeDown, bringBack) => {
    let server: RedisServer;
    let late: TestApp | undefined;

    beforeAll(async () => {
      server = await RedisServer.start();
      await takeDown(server);
    });

    afterAll(() =>
      cleanUp(
        () => server?.resume(),
        () => late?.close(),
        () => server?.stop(),
      ),
    );

    it('starts, serves from the database, and caches once Redis is reachable', async () => {
      late = await within(startTestApp({ redisUrl: server.url }), START_GUARD_MS, 'start-up');
      const client = new ApiClient(late.app);
      const session = await client.register();
      await client.createCategory(session, { name: 'first' });
      const read = await timed(client.as(session).get('/api/categories'));
      expect(read.response.status).toBe(200);
      expect(read.response.headers['x-cache']).toBe('BYPASS');
      expect(read.ms).toBeLessThan(ANSWER_GUARD_MS);
      const ready = await client.http.get('/health/ready');
      expect(ready.body).toMatchObject({ status: 'degraded', checks: { redis: { status: 'down' } } });
      await bringBack(server);
      await eventually(
        async () => String((await client.as(session).get('/api/categories').expect(200)).headers['x-cache']),
        (cache) => cache === 'HIT',
        { attempts: 50, intervalMs: 100 },
      );
      expect((await client.http.get('/health/ready')).body).toMatchObject({ status: 'ok', checks: { redis: { status: 'up' } } });
    });
  });
});
