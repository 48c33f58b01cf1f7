import type { Response } from 'supertest';
import { EarlyHits } from '../../src/cache/early-hits';
import { LogCapture } from '../ops/ops-support';
import { ApiClient, Session } from '../support/api-client';
import { RedisServer } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { cleanUp, SUITE_TIMEOUT_MS, utcDate } from './cache-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

const PER_USER_LIMIT = 40;
/** Longer than two batches of the shared per-user counters (100 ms each). */
const SHARED_COUNTS_WAIT_MS = 300;
/** Headers that differ between any two answers: the time, and the per-user budget (checked on their own). */
const VARYING = ['date', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

/**
 * A plain hit is answered by a preHandler (EarlyHits) before Nest's pipeline. Instance `b` has never
 * seen a user set up through `a`: its first request of that user cannot use a prefetched entry and
 * goes through Nest (a hit read by the interceptor); the next one is answered early. Both answers
 * must be the same, header for header and byte for byte.
 */
describe('cache hits answered before Nest', () => {
  const logs = new LogCapture();
  let redis: RedisServer;
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let apiA: ApiClient;
  let apiB: ApiClient;

  beforeAll(async () => {
    redis = await RedisServer.start();
    database = await createTestDatabase('sqlite');
    const env = { RATE_LIMIT_PER_USER: String(PER_USER_LIMIT), CORS_ORIGINS: 'https://app.example.test' };
    a = await startTestApp({ database, redisUrl: redis.url, env });
    b = await startTestApp({ database, redisUrl: redis.url, env: { ...env, LOG_LEVEL: 'info' }, logDestination: logs });
    apiA = new ApiClient(a.app);
    apiB = new ApiClient(b.app);
  });

  afterAll(() =>
    cleanUp(
      () => a?.close(),
      () => b?.close(),
      () => database?.drop(),
      () => redis?.stop(),
    ),
  );

  const served = (app: TestApp) => app.app.get(EarlyHits).served;

  /** A user with a category, a habit and a record, whose habit list is cached (filled through `a`). */
  async function cachedUser(name = 'Walk'): Promise<Session> {
    const session = await apiA.register();
    const category = await apiA.createCategory(session, { name: 'Health' });
    const habit = await apiA.createHabit(session, { name, categoryId: category.id, startDate: utcDate(-20) });
    await apiA.putRecord(session, habit.id as number, utcDate(-1), { note: `${name} done` });
    expect(cacheOf(await apiA.as(session).get('/api/habits'))).toBe('MISS');
    return session;
  }

  /** The same request twice on `b`: through Nest, then early (checked with the counter). */
  async function throughNestThenEarly(session: Session, headers: Record<string, string> = {}): Promise<[Response, Response]> {
    const send = () => Object.entries(headers).reduce((test, [name, value]) => test.set(name, value), apiB.as(session).get('/api/habits'));
    const before = served(b);
    const nest = await send();
    expect(served(b)).toBe(before);
    const early = await send();
    expect(served(b)).toBe(before + 1);
    return [nest, early];
  }

  it('answers a hit early with the status, headers and body of a hit through Nest', async () => {
    const session = await cachedUser();
    const [nest, early] = await throughNestThenEarly(session, { 'X-Request-Id': 'same-request-id', Origin: 'https://app.example.test' });
    expect(cacheOf(nest)).toBe('HIT');
    expect(early.status).toBe(200);
    expect(withoutVarying(early)).toEqual(withoutVarying(nest));
    expect(early.text).toBe(nest.text);
    expect(early.headers).toMatchObject({ 'x-request-id': 'same-request-id', 'access-control-allow-origin': 'https://app.example.test', vary: expect.stringContaining('Authorization') });
    expect(Number(early.headers['x-ratelimit-remaining'])).toBe(Number(nest.headers['x-ratelimit-remaining']) - 1);
    expect(Number(early.headers['x-ratelimit-reset'])).toBeGreaterThanOrEqual(1);
  });

  it('answers If-None-Match with the same 304 as Nest, with no body', async () => {
    const session = await cachedUser();
    const etag = (await apiA.as(session).get('/api/habits')).headers.etag;
    const [nest, early] = await throughNestThenEarly(session, { 'If-None-Match': etag, 'X-Request-Id': 'revalidation' });
    expect([nest.status, early.status]).toEqual([304, 304]);
    expect(withoutVarying(early)).toEqual(withoutVarying(nest));
    expect(early.text).toBe('');
  });

  it('answers If-None-Match with Cache-Control: no-cache (a browser revalidating) from the cache too', async () => {
    const session = await cachedUser();
    const etag = (await apiA.as(session).get('/api/habits')).headers.etag;
    const [nest, early] = await throughNestThenEarly(session, { 'If-None-Match': etag, 'Cache-Control': 'no-cache', 'X-Request-Id': 'browser-revalidation' });
    expect([nest.status, early.status, cacheOf(early)]).toEqual([304, 304, 'HIT']);
    expect(withoutVarying(early)).toEqual(withoutVarying(nest));
  });

  it('leaves a refresh (Cache-Control: no-cache alone) to Nest', async () => {
    const session = await cachedUser();
    await apiB.as(session).get('/api/habits');
    const before = served(b);
    const refreshed = await apiB.as(session).get('/api/habits').set('Cache-Control', 'no-cache');
    expect([refreshed.status, cacheOf(refreshed), served(b)]).toEqual([200, 'BYPASS', before]);
  });

  it('refuses a revoked session with 401, never a hit', async () => {
    const session = await cachedUser();
    await throughNestThenEarly(session);
    expect((await apiA.as(session).post('/api/auth/logout')).status).toBe(204);
    const before = served(b);
    for (const api of [apiA, apiB]) {
      const refused = await api.as(session).get('/api/habits');
      expect([refused.status, cacheOf(refused)]).toEqual([401, undefined]);
    }
    expect(served(b)).toBe(before);
  });

  it('refuses a missing or forged token as Nest does', async () => {
    const session = await cachedUser();
    await throughNestThenEarly(session);
    const before = served(b);
    expect((await apiB.http.get('/api/habits')).status).toBe(401);
    expect((await apiB.as(`${session.token}x`).get('/api/habits')).status).toBe(401);
    expect(served(b)).toBe(before);
  });

  it('never gives another user the entry', async () => {
    const walker = await cachedUser('Walk');
    const reader = await cachedUser('Read');
    const [, walkerHit] = await throughNestThenEarly(walker);
    const [, readerHit] = await throughNestThenEarly(reader);
    expect(walkerHit.text).toContain('"Walk"');
    expect(walkerHit.text).not.toContain('"Read"');
    expect(readerHit.text).toContain('"Read"');
    expect(readerHit.text).not.toContain('"Walk"');
  });

  it('counts each early hit once against the per-user limit and answers 429 past it', async () => {
    const session = await cachedUser();
    await throughNestThenEarly(session);
    // Until `a`'s hits of this user have reached `b` (shared every 100 ms), b's count may jump.
    await new Promise((resolve) => setTimeout(resolve, SHARED_COUNTS_WAIT_MS));
    let remaining = Number((await apiB.as(session).get('/api/habits')).headers['x-ratelimit-remaining']);
    const before = served(b);
    while (remaining > 0) {
      const hit = await apiB.as(session).get('/api/habits');
      expect([hit.status, Number(hit.headers['x-ratelimit-remaining'])]).toEqual([200, remaining - 1]);
      remaining -= 1;
    }
    expect(served(b)).toBeGreaterThan(before);
    const refused = await apiB.as(session).get('/api/habits');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(refused.headers).toMatchObject({ 'x-ratelimit-limit': String(PER_USER_LIMIT), 'x-ratelimit-remaining': '0' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('counts early hits in /metrics and logs them like any other request', async () => {
    const session = await cachedUser();
    await apiB.as(session).get('/api/habits');
    const hitsBefore = metric(await scrape(), 'cache_requests_total', { group: 'habits', outcome: 'hit' });
    const requestsBefore = metric(await scrape(), 'http_request_duration_seconds_count', { route: '/api/habits', status_code: '200' });
    const before = served(b);
    await apiB.as(session).get('/api/habits').set('X-Request-Id', 'early-and-logged');
    expect(served(b)).toBe(before + 1);
    const text = await scrape();
    expect(metric(text, 'cache_requests_total', { group: 'habits', outcome: 'hit' })).toBe(hitsBefore + 1);
    expect(metric(text, 'http_request_duration_seconds_count', { route: '/api/habits', status_code: '200' })).toBe(requestsBefore + 1);
    const line = logs.requests.find((entry) => entry.requestId === 'early-and-logged');
    expect(line).toMatchObject({ method: 'GET', route: '/api/habits', status: 200, userId: session.userId, cache: 'HIT' });
  });

  it('leaves every request to Nest while Redis is down', async () => {
    const session = await cachedUser();
    await throughNestThenEarly(session);
    await redis.stop();
    try {
      const before = served(b);
      const answered = await apiB.as(session).get('/api/habits');
      expect([answered.status, cacheOf(answered), served(b)]).toEqual([200, 'BYPASS', before]);
      expect(answered.text).toContain('"Walk"');
    } finally {
      await redis.start();
    }
  });

  const scrape = async () => (await apiB.http.get('/metrics')).text;
});

function cacheOf(response: Response): string | undefined {
  return response.headers['x-cache'];
}

function withoutVarying(response: Response): Record<string, unknown> {
  return Object.fromEntries(Object.entries(response.headers).filter(([name]) => !VARYING.includes(name)));
}

/** The value of one sample of the Prometheus text (0 when absent). */
function metric(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...match[2].matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return 0;
}
