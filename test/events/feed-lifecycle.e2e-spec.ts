import { cleanUp } from '../cache/cache-support';
import { slotsKey } from '../../src/events/stream-slots';
import { RedisServer } from '../support/redis-server';
import { DELIVERY_MS, FEED_SUITE_TIMEOUT_MS, FeedInstance, daysAgo, sleep, startFeedInstance, yesterday } from './feed-support';
import { isChange, isEnd, SseStream } from './sse-client';

jest.setTimeout(FEED_SUITE_TIMEOUT_MS);

describe('change feed lifecycle', () => {
  const instances: FeedInstance[] = [];
  const open: SseStream[] = [];
  let redis: RedisServer;

  async function instance(redisUrl: string | undefined, env: Record<string, string> = {}): Promise<FeedInstance> {
    const started = await startFeedInstance('sqlite', redisUrl, env);
    instances.push(started);
    return started;
  }

  async function stream(on: FeedInstance, options: { token?: string; ticket?: string; path?: string }): Promise<SseStream> {
    const opened = await SseStream.open(on.port, options);
    open.push(opened);
    return opened;
  }

  beforeAll(async () => {
    redis = await RedisServer.start();
  });

  afterEach(() => {
    for (const opened of open.splice(0)) opened.close();
  });

  afterAll(() =>
    cleanUp(
      ...instances.map((started) => () => started.testApp.close()),
      () => redis?.stop(),
    ),
  );

  it('ends a stream with `expired` when the token it was opened with expires', async () => {
    const shortLived = await instance(redis.url, { JWT_EXPIRES_IN: '2' });
    const user = await shortLived.api.register();
    const feed = await stream(shortLived, { token: user.token });
    expect(feed.status).toBe(200);
    const end = await feed.next(isEnd, 2000 + DELIVERY_MS);
    expect(end.data).toEqual({ reason: 'expired' });
    await feed.closed;
  });

  it('works in process without REDIS_URL: delivery, single-use tickets, at most 5 streams', async () => {
    const alone = await instance(undefined);
    const user = await alone.api.register();
    const habitId = (await alone.api.createHabit(user, { startDate: daysAgo(10) })).id as number;
    const { ticket } = (await alone.api.as(user).post('/api/events/ticket')).body as { ticket: string };
    const feeds = [await stream(alone, { ticket })];
    expect(feeds[0].status).toBe(200);
    expect((await stream(alone, { ticket })).status).toBe(401);
    for (let index = 0; index < 4; index += 1) feeds.push(await stream(alone, { token: user.token }));
    expect(feeds.map((feed) => feed.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await stream(alone, { token: user.token })).status).toBe(429);

    await sleep(100);
    await alone.api.putRecord(user, habitId, yesterday());
    for (const feed of feeds) await feed.next(isChange, DELIVERY_MS);
  });

  it("frees the slots of a vanished instance's streams once they expire, while the heartbeat keeps open streams' slots", async () => {
    const on = await instance(redis.url);
    const user = await on.api.register();
    // Five slots as a killed instance leaves them: nobody refreshes them, they expire in 3 s.
    const expiresAt = Date.now() + 3000;
    for (let index = 0; index < 5; index += 1) await redis.command('ZADD', slotsKey(user.userId), String(expiresAt), `vanished-${index}`);
    expect((await stream(on, { token: user.token })).status).toBe(429);
    await sleep(expiresAt + 100 - Date.now());
    const feeds = [];
    for (let index = 0; index < 5; index += 1) feeds.push(await stream(on, { token: user.token }));
    expect(feeds.map((feed) => feed.status)).toEqual([200, 200, 200, 200, 200]);
    // Slots live 2 × EVENTS_HEARTBEAT_MS + 5 s = 5.4 s here; after 6 s the heartbeat has kept them.
    await sleep(6000);
    expect((await stream(on, { token: user.token })).status).toBe(429);
  });

  it('keeps deployments that share a Redis server through different databases apart (pub/sub ignores the index)', async () => {
    const [first, second] = [await instance(`${redis.url}/1`), await instance(`${redis.url}/2`)];
    // Fresh databases: the first user of each has the same id.
    const [mine, theirs] = [await first.api.register(), await second.api.register()];
    expect(mine.userId).toBe(theirs.userId);
    const feed = await stream(first, { token: mine.token });
    await sleep(100);
    await second.api.createHabit(theirs);
    await first.api.createHabit(mine);
    const change = await feed.next(isChange, DELIVERY_MS);
    await sleep(300);
    expect(feed.events).toEqual([change]);
  });

  it('answers bad query parameters with 400 and opens nothing', async () => {
    const on = await instance(redis.url);
    const user = await on.api.register();
    const unknown = await stream(on, { token: user.token, path: '/api/events?since=1' });
    expect(unknown.status).toBe(400);
    const tooLong = await stream(on, { path: `/api/events?ticket=${'a'.repeat(200)}` });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ statusCode: 400 });
  });

  it('answers HEAD with the headers of a stream, and takes no slot', async () => {
    const on = await instance(redis.url);
    const user = await on.api.register();
    for (let index = 0; index < 6; index += 1) {
      const head = await on.api.http.head('/api/events').set('Authorization', `Bearer ${user.token}`);
      expect(head.status).toBe(200);
      expect(head.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    }
    expect((await on.api.http.head('/api/events')).status).toBe(401);
    expect((await stream(on, { token: user.token })).status).toBe(200);
  });

  it('documents both routes in OpenAPI with their status codes', async () => {
    const on = await instance(undefined);
    const document = (await on.api.http.get('/docs-json')).body as { paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>> };
    const stream = document.paths['/api/events'].get;
    expect(Object.keys(stream.responses).sort()).toEqual(['200', '400', '401', '429', '503']);
    expect(stream.responses['200']).toMatchObject({ content: { 'text/event-stream': expect.any(Object) } });
    expect(stream.security).toEqual([{ bearer: [] }]);
    const ticket = document.paths['/api/events/ticket'].post;
    // 429: the per-user rate limit applies to every /api route; 403: a personal access token of scope read on a POST
    // (src/common/openapi/finish-document.ts).
    expect(Object.keys(ticket.responses).sort()).toEqual(['201', '401', '403', '429', '503']);
  });

  it('while Redis is down: tickets answer 503 with Retry-After, bearer streams still open and get this instance\'s changes', async () => {
    const on = await instance(redis.url);
    const user = await on.api.register();
    const habitId = (await on.api.createHabit(user, { startDate: daysAgo(10) })).id as number;
    await redis.stop();
    try {
      const ticket = await on.api.as(user).post('/api/events/ticket');
      expect(ticket.status).toBe(503);
      expect(Number(ticket.headers['retry-after'])).toBeGreaterThan(0);
      const feed = await stream(on, { token: user.token });
      expect(feed.status).toBe(200);
      await sleep(100);
      await on.api.putRecord(user, habitId, yesterday());
      expect((await feed.next(isChange, DELIVERY_MS)).data).toMatchObject({ groups: ['records', 'analytics'] });
    } finally {
      await redis.start();
    }
  });

  it('ends open streams on shutdown, so that draining does not wait for them', async () => {
    const closing = await startFeedInstance('sqlite', redis.url, { SHUTDOWN_GRACE_MS: '10000' });
    const user = await closing.api.register();
    const feed = await stream(closing, { token: user.token });
    expect(feed.status).toBe(200);
    const started = performance.now();
    await closing.testApp.close();
    await feed.closed;
    // A hang guard, not a speed target: without ending the stream, close() waits the whole 10 s grace.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
