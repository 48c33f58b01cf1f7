import type { Response } from 'supertest';
import { ApiClient, Session } from '../support/api-client';
import { RedisCluster } from '../support/redis-cluster';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { cleanUp, seededRandom } from '../cache/cache-support';

jest.setTimeout(100_000);

const PASSWORD = 'p@ss:w/rd#1';
const USERS = 4;

interface Tracked {
  session: Session;
  categoryId: number;
  /** The number n of the last acknowledged rename to `v<n>`: no later read may show an older name. */
  acked: number;
  /**
   * The number of the last rename sent. A rename answered 503 may still have committed (its commit
   * outlived the request's deadline), so a read may show any name from the acknowledged one to this.
   */
  attempted: number;
}

/**
 * kill -9 of a master of a real Redis Cluster during a read-your-writes workload on two instances:
 * every answer is a 2xx or a 503 with Retry-After (never a 500), no read ever shows a name older
 * than the last acknowledged rename, and once the replica was promoted the cache serves hits again.
 */
describe('a Redis Cluster losing a master', () => {
  let cluster: RedisCluster;

  beforeAll(async () => {
    cluster = await RedisCluster.start({ password: PASSWORD });
  });

  afterAll(() => cleanUp(() => cluster?.stop()));

  describe.each(['sqlite', 'postgres'] as const)('%s', (kind) => {
    let database: TestDatabase;
    let apps: TestApp[];
    let clients: ApiClient[];

    beforeAll(async () => {
      database = await createTestDatabase(kind);
      const env = { REDIS_CLUSTER_NODES: cluster.seeds, REDIS_PASSWORD: PASSWORD };
      apps = [await startTestApp({ database, env }), await startTestApp({ database, env })];
      clients = apps.map((testApp) => new ApiClient(testApp.app));
      await cluster.waitUntil(async () => (await clients[0].http.get('/health/ready')).body.checks?.redis?.status === 'up');
    });

    afterAll(() => cleanUp(...(apps ?? []).map((testApp) => () => testApp.close()), () => database?.drop()));

    it('never answers 500 and never serves a stale read while the replica takes over', async () => {
      const random = seededRandom(kind === 'sqlite' ? 22 : 23);
      const users: Tracked[] = [];
      for (let index = 0; index < USERS; index += 1) {
        const session = await clients[index % 2].register();
        const category = await clients[0].createCategory(session, { name: 'v0' });
        users.push({ session, categoryId: category.id as number, acked: 0, attempted: 0 });
      }
      const problems: string[] = [];
      const statuses = new Map<number, number>();
      const check = (what: string, response: Response) => {
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 503 && response.headers['retry-after']) return false;
        if (response.status >= 300) problems.push(`${what} answered ${response.status}`);
        return response.status < 300;
      };

      const round = async (user: Tracked) => {
        const writer = clients[Math.floor(random() * 2)];
        user.attempted += 1;
        const sent = user.attempted;
        const written = await writer.as(user.session).patch(`/api/categories/${user.categoryId}`, { name: `v${sent}` });
        if (check(`PATCH v${sent}`, written)) user.acked = sent;
        for (const reader of [clients[Math.floor(random() * 2)], clients[Math.floor(random() * 2)]]) {
          const read = await reader.as(user.session).get('/api/categories');
          if (!check('GET /api/categories', read)) continue;
          const seen = (read.body as { id: number; name: string }[]).find((item) => item.id === user.categoryId)?.name;
          const number = Number(/^v(\d+)$/.exec(seen ?? '')?.[1] ?? -1);
          if (number < user.acked || number > user.attempted) problems.push(`stale read: saw ${seen}, last acknowledged v${user.acked}`);
        }
      };
      let rounds = 0;
      const workload = async (until: () => boolean) => {
        for (; !until(); rounds += 1) await Promise.all(users.map(round));
      };

      let failedOver = false;
      const victim = await masterOfUser(cluster, users[0].session.userId);
      const running = workload(() => failedOver);
      await cluster.waitUntil(async () => rounds >= 3);
      await cluster.kill(victim);
      await cluster.waitUntil(async () => (await cluster.masterPorts()).length === 3 && (await clusterStateOk(cluster)), 30_000);
      failedOver = true;
      await running;
      // After the promotion the cache works again: a repeated read is a hit.
      await cluster.waitUntil(async () => {
        await round(users[0]);
        const read = await clients[0].as(users[0].session).get('/api/categories');
        return read.headers['x-cache'] === 'HIT';
      }, 20_000);
      for (let extra = 0; extra < 3; extra += 1) await Promise.all(users.map(round));
      // The old master comes back as a replica of the promoted one (3 masters, 3 replicas again).
      await cluster.restart(victim);
      expect(problems).toEqual([]);
      expect([...statuses.keys()].every((status) => status < 300 || status === 503)).toBe(true);
    });

    it('never serves an entry whose invalidation the promoted replica lost (asynchronous replication)', async () => {
      const session = await clients[0].register();
      const category = await clients[0].createCategory(session, { name: 'before' });
      const path = '/api/categories';
      // The previous failover may have left an instance's circuit open for a moment (X-Cache: BYPASS):
      // the entry must be stored and served as a hit by both instances before the replica is cut off.
      await cluster.waitUntil(async () => {
        const answers = [await clients[0].as(session).get(path), await clients[1].as(session).get(path), await clients[0].as(session).get(path)];
        return answers.slice(1).every((answer) => answer.status === 200 && answer.headers['x-cache'] === 'HIT');
      }, 20_000);
      const master = await masterOfUser(cluster, session.userId);
      const replica = await cluster.replicaOf(master);

      // The replica misses the invalidation, as if the old master died before sending it: its
      // link is cut while it is frozen (so it cannot reconnect), the write is acknowledged by
      // the master alone, and the master dies before the replica is back.
      cluster.freeze(replica, true);
      try {
        await cluster.command(master, 'CLIENT', 'KILL', 'TYPE', 'replica');
        await clients[1].as(session).patch(`/api/categories/${category.id as number}`, { name: 'after' }).expect(200);
        await cluster.kill(master);
      } finally {
        cluster.freeze(replica, false);
      }
      await cluster.waitUntil(async () => (await cluster.masterPorts()).includes(replica) && (await clusterStateOk(cluster)), 30_000);

      const statuses: number[] = [];
      const seen: string[] = [];
      for (let read = 0; read < 20; read += 1) {
        const response = await clients[read % 2].as(session).get(path);
        statuses.push(response.status);
        if (response.status === 200) seen.push((response.body as { name: string }[])[0]?.name);
      }
      expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.filter((name) => name !== 'after')).toEqual([]);
      await cluster.restart(master);
    });
  });
});

/** The port of the master that serves the user's hash slot. */
async function masterOfUser(cluster: RedisCluster, userId: number): Promise<number> {
  const masters = await cluster.masterPorts();
  const slot = Number(await cluster.command(masters[0], 'CLUSTER', 'KEYSLOT', `{u:${userId}}`));
  for (const port of masters) {
    if (ownsSlot(String(await cluster.command(port, 'CLUSTER', 'NODES')), port, slot)) return port;
  }
  throw new Error('no master owns the user\'s slot');
}

function ownsSlot(nodes: string, port: number, slot: number): boolean {
  const mine = nodes.split('\n').find((line) => line.includes(`:${port}@`) && line.includes('myself'));
  return (mine?.split(' ').slice(8) ?? []).some((range) => {
    const [from, to] = range.split('-').map(Number);
    return slot >= from && slot <= (to ?? from);
  });
}

async function clusterStateOk(cluster: RedisCluster): Promise<boolean> {
  const masters = await cluster.masterPorts();
  const infos = await Promise.all(masters.map((port) => cluster.info(port)));
  return infos.every((info) => info.includes('cluster_state:ok'));
}
