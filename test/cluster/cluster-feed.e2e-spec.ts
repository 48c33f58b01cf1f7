import { CHANGE_GROUPS } from '../../src/common/change-groups';
import { isChange, SseStream } from '../events/sse-client';
import { daysAgo, DELIVERY_MS, FeedInstance, startFeedInstance, yesterday } from '../events/feed-support';
import { RedisCluster } from '../support/redis-cluster';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { cleanUp } from '../cache/cache-support';

jest.setTimeout(90_000);

const PASSWORD = 'p@ss:w/rd#1';

/**
 * The change feed on a real Redis Cluster: each user's messages go over sharded pub/sub on the
 * user's own channel (one shard), subscribed only while the instance has a stream of that user;
 * after a master dies, every stream is told to refetch everything and the feed works again.
 */
describe('the change feed on a Redis Cluster', () => {
  let cluster: RedisCluster;

  beforeAll(async () => {
    cluster = await RedisCluster.start({ password: PASSWORD });
  });

  afterAll(() => cleanUp(() => cluster?.stop()));

  describe.each(['sqlite', 'postgres'] as const)('%s', (kind) => {
    let database: TestDatabase;
    let a: FeedInstance;
    let b: FeedInstance;
    const open: SseStream[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(kind);
      const env = { REDIS_CLUSTER_NODES: cluster.seeds, REDIS_PASSWORD: PASSWORD };
      a = await startFeedInstance(database, undefined, env);
      b = await startFeedInstance(database, undefined, env);
      await cluster.waitUntil(async () => (await a.api.http.get('/health/ready')).body.checks?.redis?.status === 'up');
    });

    afterAll(() =>
      cleanUp(
        () => open.forEach((stream) => stream.close()),
        () => a?.testApp.close(),
        () => b?.testApp.close(),
        () => database?.drop(),
      ),
    );

    async function stream(instance: FeedInstance, token: string): Promise<SseStream> {
      const opened = await SseStream.open(instance.port, { token });
      open.push(opened);
      await opened.opened(5000);
      return opened;
    }

    /** How many subscribers the user's sharded channel has on each master. */
    async function subscribers(userId: number): Promise<number[]> {
      const channel = `events:feed:0:{u:${userId}}`;
      return Promise.all((await cluster.masterPorts()).map(async (port) => Number(((await cluster.command(port, 'PUBSUB', 'SHARDNUMSUB', channel)) as [string, number])[1])));
    }

    it('delivers a change made on one instance to a stream on the other, through the user\'s shard only', async () => {
      const user = await a.api.register();
      const habitId = (await a.api.createHabit(user, { startDate: daysAgo(30) })).id as number;
      const feed = await stream(b, user.token);
      await cluster.waitUntil(async () => (await subscribers(user.userId)).some((count) => count > 0));
      expect((await subscribers(user.userId)).sort()).toEqual([0, 0, 1]);
      await a.api.putRecord(user, habitId, yesterday());
      expect((await feed.next(isChange, DELIVERY_MS)).data).toMatchObject({ groups: ['records', 'analytics'] });
      feed.close();
      await cluster.waitUntil(async () => (await subscribers(user.userId)).every((count) => count === 0));
    });

    it('tells every stream to refetch everything after a master died, and keeps delivering afterwards', async () => {
      const user = await a.api.register();
      const habitId = (await a.api.createHabit(user, { startDate: daysAgo(30) })).id as number;
      const feeds = [await stream(a, user.token), await stream(b, user.token)];
      await cluster.waitUntil(async () => (await subscribers(user.userId)).some((count) => count > 0));
      const masters = await cluster.masterPorts();
      const owner = masters[(await subscribers(user.userId)).findIndex((count) => count > 0)];
      await cluster.kill(owner);
      for (const feed of feeds) {
        const change = await feed.next((event) => isChange(event) && (event.data as { groups: string[] }).groups.length === CHANGE_GROUPS.length, 30_000);
        expect((change.data as { groups: string[] }).groups).toEqual([...CHANGE_GROUPS]);
      }
      await cluster.waitUntil(async () => (await cluster.masterPorts()).length === 3);
      for (const feed of feeds) feed.clear();
      // Once the replica took over, the feed works again (retried until the subscription moved).
      await cluster.waitUntil(async () => {
        await a.api.putRecord(user, habitId, yesterday(), { note: String(Math.random()) });
        return feeds[1].next(isChange, 500).then(() => true, () => false);
      });
      await cluster.restart(owner);
    });
  });
});
