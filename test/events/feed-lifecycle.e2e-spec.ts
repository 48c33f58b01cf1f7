import { cleanUp } from '../cache/cache-support';
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

  it('answers bad query parameters with 400 and opens nothing', async () => {
    const on = await instance(redis.url);
    const user = await on.api.register();
    const unknown = await stream(on, { token: user.token, path: '/api/events?since=1' });
    expect(unknown.status).toBe(400);
    const tooLong = await stream(on, { path: `/api/events?ticket=${'a'.repeat(200)}` });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ statusCode: 400 });
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
