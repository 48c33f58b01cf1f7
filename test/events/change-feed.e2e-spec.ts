import { CHANGE_GROUPS } from '../../src/common/change-groups';
import { cleanUp } from '../cache/cache-support';
import { Session } from '../support/api-client';
import { RedisServer } from '../support/redis-server';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { DELIVERY_MS, FEED_SUITE_TIMEOUT_MS, FeedInstance, daysAgo, sleep, startFeedInstance, yesterday } from './feed-support';
import { isChange, isEnd, SseStream } from './sse-client';

jest.setTimeout(FEED_SUITE_TIMEOUT_MS);

/** Two instances sharing one database and one Redis (a redis-server of the suite's own). */
describe.each(['sqlite', 'postgres'] as const)('change feed across two instances on %s', (kind) => {
  let redis: RedisServer;
  let database: TestDatabase;
  let a: FeedInstance;
  let b: FeedInstance;
  const open: SseStream[] = [];

  async function stream(instance: FeedInstance, options: { token?: string; ticket?: string }): Promise<SseStream> {
    const opened = await SseStream.open(instance.port, options);
    open.push(opened);
    return opened;
  }

  async function habitOf(session: Session): Promise<number> {
    return (await a.api.createHabit(session, { startDate: daysAgo(30) })).id as number;
  }

  beforeAll(async () => {
    redis = await RedisServer.start();
    database = await createTestDatabase(kind);
    a = await startFeedInstance(database, redis.url);
    b = await startFeedInstance(database, redis.url);
  });

  afterEach(() => {
    for (const opened of open.splice(0)) opened.close();
  });

  afterAll(() =>
    cleanUp(
      () => a?.testApp.close(),
      () => b?.testApp.close(),
      () => database?.drop(),
      () => redis?.stop(),
    ),
  );

  it('opens with headers, `retry: 5000` and a comment at once, then a comment every heartbeat', async () => {
    const user = await a.api.register();
    const feed = await stream(a, { token: user.token });
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(feed.headers['cache-control']).toBe('private, no-store');
    expect(feed.headers.vary).toBe('Authorization');
    expect(feed.headers['x-request-id']).toBeDefined();
    expect(feed.headers['x-content-type-options']).toBe('nosniff');
    await feed.opened(DELIVERY_MS);
    expect(feed.text.startsWith('retry: 5000\n:')).toBe(true);
    expect(feed.retry).toBe(5000);
    const first = feed.comments;
    await sleep(1000);
    // EVENTS_HEARTBEAT_MS=200 in these suites: at least two more comments in a second (a loaded machine delays timers).
    expect(feed.comments - first).toBeGreaterThanOrEqual(2);
  });

  it("delivers a write on one instance to the user's streams on both instances within 1 s of its 2xx", async () => {
    const user = await a.api.register();
    const habitId = await habitOf(user);
    const [onA, onB] = [await stream(a, { token: user.token }), await stream(b, { token: user.token })];
    await sleep(100);
    const written = await b.api.as(user).put(`/api/habits/${habitId}/records/${yesterday()}`, {});
    const answeredAt = performance.now();
    expect(written.status).toBe(201);
    for (const feed of [onA, onB]) {
      const change = await feed.next(isChange, DELIVERY_MS);
      expect(change.data).toEqual({ groups: ['records', 'analytics'], at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
      expect(change.receivedAt - answeredAt).toBeLessThan(DELIVERY_MS);
    }
  });

  it("names what changed, and never delivers one user's change to another user's stream", async () => {
    const [ada, bob] = [await a.api.register(), await a.api.register()];
    const [adaFeed, bobFeed] = [await stream(a, { token: ada.token }), await stream(a, { token: bob.token })];
    await sleep(100);
    expect((await b.api.as(ada).post('/api/categories', { name: 'Health' })).status).toBe(201);
    expect((await adaFeed.next(isChange, DELIVERY_MS)).data).toMatchObject({ groups: ['categories', 'habits', 'analytics'] });
    expect((await b.api.as(ada).patch('/api/auth/me', { timezone: 'Europe/Paris' })).status).toBe(200);
    await adaFeed.next((event) => isChange(event) && (event.data as { groups: string[] }).groups.includes('profile'), DELIVERY_MS);
    await sleep(300);
    expect(bobFeed.events).toEqual([]);
  });

  it('accepts a ticket once, on any instance; an unknown or reused ticket is a 401', async () => {
    const user = await a.api.register();
    const issued = await a.api.as(user).post('/api/events/ticket');
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({ ticket: expect.stringMatching(/^[\w-]{43}$/), expiresIn: 60 });
    expect(issued.headers['cache-control']).toBe('private, no-store');

    const feed = await stream(b, { ticket: issued.body.ticket });
    expect(feed.status).toBe(200);
    const reused = await stream(a, { ticket: issued.body.ticket });
    expect(reused.status).toBe(401);
    expect(await reused.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expect((await stream(b, { ticket: 'x'.repeat(43) })).status).toBe(401);
    expect((await stream(a, {})).status).toBe(401);
    expect((await a.api.http.post('/api/events/ticket')).status).toBe(401);

    await sleep(100);
    await a.api.putRecord(user, await habitOf(user), yesterday());
    await feed.next(isChange, DELIVERY_MS);
  });

  it('answers a 6th stream of a user, counted across instances, with 429 and Retry-After; a closed stream frees its slot', async () => {
    const user = await a.api.register();
    const feeds = [];
    for (const instance of [a, a, a, b, b]) feeds.push(await stream(instance, { token: user.token }));
    expect(feeds.map((feed) => feed.status)).toEqual([200, 200, 200, 200, 200]);
    const sixth = await stream(a, { token: user.token });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(await sixth.json()).toMatchObject({ statusCode: 429 });
    // Another user is not affected.
    expect((await stream(b, { token: (await a.api.register()).token })).status).toBe(200);

    feeds[3].close();
    await sleep(200);
    expect((await stream(a, { token: user.token })).status).toBe(200);
  });

  it('ends the stream of a logged-out token with `revoked` within 1 s, on the other instance, and leaves other sessions open', async () => {
    const user = await a.api.register();
    const other = await a.api.login(user.email, 'correct horse battery');
    const [ending, staying] = [await stream(a, { token: user.token }), await stream(a, { token: other })];
    await sleep(100);
    expect((await b.api.as(user).post('/api/auth/logout')).status).toBe(204);
    const answeredAt = performance.now();
    const end = await ending.next(isEnd, DELIVERY_MS);
    expect(end.data).toEqual({ reason: 'revoked' });
    expect(end.receivedAt - answeredAt).toBeLessThan(DELIVERY_MS);
    await ending.closed;
    await sleep(300);
    expect(staying.events.filter(isEnd)).toEqual([]);
    const stillIn = { ...user, token: other };
    await a.api.putRecord(stillIn, await habitOf(stillIn), yesterday());
    await staying.next(isChange, DELIVERY_MS);
  });

  it('ends every stream of the user on logout-all, on both instances, within 1 s', async () => {
    const user = await a.api.register();
    const other = await a.api.login(user.email, 'correct horse battery');
    const feeds = [await stream(a, { token: user.token }), await stream(b, { token: other })];
    await sleep(100);
    expect((await a.api.as(user).post('/api/auth/logout-all')).status).toBe(204);
    for (const feed of feeds) {
      expect((await feed.next(isEnd, DELIVERY_MS)).data).toEqual({ reason: 'revoked' });
      await feed.closed;
    }
  });

  it('counts open streams and sent events in /metrics', async () => {
    const user = await a.api.register();
    const feed = await stream(a, { token: user.token });
    await sleep(100);
    await a.api.putRecord(user, await habitOf(user), yesterday());
    await feed.next(isChange, DELIVERY_MS);
    const metrics = await a.api.http.get('/metrics');
    expect(metrics.text).toMatch(/^events_open_streams [1-9]\d*$/m);
    expect(metrics.text).toMatch(/^events_sent_total\{event="change"\} [1-9]\d*$/m);
  });

  it('sends every group to every open stream after Redis was lost and is back', async () => {
    const user = await a.api.register();
    const feeds = [await stream(a, { token: user.token }), await stream(b, { token: user.token })];
    await sleep(100);
    await redis.stop();
    await sleep(300);
    await redis.start();
    for (const feed of feeds) {
      const change = await feed.next(isChange, 5000);
      expect((change.data as { groups: string[] }).groups).toEqual([...CHANGE_GROUPS]);
    }
    // The fan-out works again afterwards.
    const habitId = await habitOf(user);
    await sleep(200);
    for (const feed of feeds) feed.clear();
    await b.api.putRecord(user, habitId, yesterday());
    for (const feed of feeds) expect((await feed.next(isChange, DELIVERY_MS)).data).toMatchObject({ groups: ['records', 'analytics'] });
  });
});
