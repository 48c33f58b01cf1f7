import { CacheStats } from '../../src/cache/cache-stats';
import { createCluster, RedisClusterType } from '@redis/client';
import type { Response } from 'supertest';
import { ApiClient, Session } from '../support/api-client';
import { RedisCluster } from '../support/redis-cluster';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { cleanUp, utcDate } from '../cache/cache-support';

jest.setTimeout(90_000);

const PASSWORD = 'p@ss:w/rd#1';
const cache = (response: Response) => response.headers['x-cache'];
const names = (response: Response) => (response.body as { name: string }[]).map((item) => item.name).sort();

/**
 * The API on a real 6-process Redis Cluster (3 masters, 3 replicas, requirepass + masterauth),
 * started once for the suite; two instances share it and the database.
 */
describe('on a Redis Cluster (3 masters, 3 replicas, with a password)', () => {
  let cluster: RedisCluster;
  let inspector: RedisClusterType;

  beforeAll(async () => {
    cluster = await RedisCluster.start({ password: PASSWORD });
    inspector = createCluster({ rootNodes: [{ socket: { host: '127.0.0.1', port: cluster.ports[0] } }], defaults: { password: PASSWORD } });
    inspector.on('error', () => undefined);
    await inspector.connect();
  });

  afterAll(() => cleanUp(() => inspector?.destroy(), () => cluster?.stop()));

  describe.each(['sqlite', 'postgres'] as const)('%s', (kind) => {
    let database: TestDatabase;
    let apps: TestApp[];
    let clients: ApiClient[];

    beforeAll(async () => {
      database = await createTestDatabase(kind);
      const env = { REDIS_CLUSTER_NODES: cluster.seeds, REDIS_PASSWORD: PASSWORD, CACHE_OPERATION_TIMEOUT_MS: '2000', RATE_LIMIT_LOGIN_PER_EMAIL: '5' };
      apps = [await startTestApp({ database, env }), await startTestApp({ database, env })];
      clients = apps.map((testApp) => new ApiClient(testApp.app));
      await cluster.waitUntil(async () => (await clients[0].http.get('/health/ready')).body.checks?.redis?.status === 'up');
    });

    afterAll(() => cleanUp(...(apps ?? []).map((testApp) => () => testApp.close()), () => database?.drop()));

    it('serves hits, keeps every user\'s keys in one slot, and spreads users over every master', async () => {
      const sessions: Session[] = [];
      for (let index = 0; index < 12; index += 1) sessions.push(await clients[index % 2].register());
      for (const session of sessions) {
        expect(cache(await clients[0].as(session).get('/api/categories').expect(200))).toBe('MISS');
        expect(cache(await clients[1].as(session).get('/api/categories').expect(200))).toBe('HIT');
      }
      const masters = await cluster.masterPorts();
      expect(masters).toHaveLength(3);
      const perMaster = await Promise.all(masters.map(async (port) => ((await cluster.command(port, 'KEYS', '{u:*')) as string[]).length));
      expect(perMaster.every((count) => count > 0)).toBe(true);
    });

    it('reports readiness per master', async () => {
      const ready = await clients[1].http.get('/health/ready').expect(200);
      const masters = (await cluster.masterPorts()).map((port) => `127.0.0.1:${port}`).sort();
      expect(ready.body.checks.redis).toMatchObject({ status: 'up', latencyMs: expect.any(Number) });
      const nodes = ready.body.checks.redis.nodes as { address: string; status: string; latencyMs: number }[];
      expect(nodes.map((node) => node.address).sort()).toEqual(masters);
      expect(nodes.every((node) => node.status === 'up' && typeof node.latencyMs === 'number')).toBe(true);
    });

    it('reads its writes across the two instances', async () => {
      const session = await clients[0].register();
      for (let round = 0; round < 6; round += 1) {
        await clients[1].as(session).get('/api/categories').expect(200);
        await clients[round % 2].createCategory(session, { name: `Round ${round}` });
        const read = await clients[(round + 1) % 2].as(session).get('/api/categories').expect(200);
        expect(names(read)).toContain(`Round ${round}`);
      }
    });

    it("assembles analytics from per-habit fragments in the user's slot: a check-in leaves the other habit's a hit", async () => {
      const session = await clients[0].register();
      const habits = [await clients[0].createHabit(session, { startDate: utcDate(-20) }), await clients[0].createHabit(session, { startDate: utcDate(-20) })];
      await clients[0].as(session).get('/api/analytics/compliance').expect(200);
      await clients[0].putRecord(session, habits[0].id as number, utcDate(-1));
      const stats = apps[1].app.get(CacheStats);
      const before = { ...stats.fragments };
      const report = await clients[1].as(session).get('/api/analytics/compliance').expect(200);
      expect(report.body.habits.map((habit: { done: number }) => habit.done)).toEqual([1, 0]);
      expect({ hit: stats.fragments.hit - before.hit, miss: stats.fragments.miss - before.miss }).toEqual({ hit: 1, miss: 1 });
    });

    it('counts failed logins across the two instances in the cluster (tagged rate-limit keys)', async () => {
      const session = await clients[0].register();
      const login = (client: ApiClient) => client.http.post('/api/auth/login').send({ email: session.email, password: 'wrong password' });
      for (const client of [clients[0], clients[1], clients[0], clients[1], clients[0]]) expect((await login(client)).status).toBe(401);
      const refused = await login(clients[1]);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      const keys = (await Promise.all((await cluster.masterPorts()).map(async (port) => (await cluster.command(port, 'KEYS', 'ratelimit:login-email:*')) as string[]))).flat();
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.every((key) => /^ratelimit:login-email:\{[^}]+\}$/.test(key))).toBe(true);
    });

    it('reports stats summed over the masters, and a flush drops only our keys on every master', async () => {
      const session = await clients[0].register();
      await clients[0].as(session).get('/api/categories').expect(200);
      const foreign = { 'other:thing': '1', [`{u:${session.userId}}:notes`]: 'mine', 'user:12:notes': 'y' };
      for (const [key, value] of Object.entries(foreign)) await inspector.set(key, value);
      const adminAuth = await clients[0].register({ email: 'admin@example.test' });
      const stats = await clients[0].as(adminAuth).get('/api/admin/cache/stats').expect(200);
      expect(stats.body).toMatchObject({ store: 'redis', connected: true });
      expect(stats.body.keys).toBeGreaterThan(0);
      const nodes = stats.body.nodes as { address: string; keys: number; memoryBytes: number }[];
      expect(nodes.map((node) => node.address).sort()).toEqual((await cluster.masterPorts()).map((port) => `127.0.0.1:${port}`).sort());
      expect(nodes.reduce((sum, node) => sum + node.keys, 0)).toBe(stats.body.keys);
      expect(nodes.reduce((sum, node) => sum + node.memoryBytes, 0)).toBe(stats.body.memoryBytes);
      expect(nodes.every((node) => node.memoryBytes > 0)).toBe(true);
      await clients[0].as(adminAuth).post('/api/admin/cache/flush', { confirm: true }).expect(200);
      for (const port of await cluster.masterPorts()) {
        const left = ((await cluster.command(port, 'KEYS', '*')) as string[]).filter((key) => !key.startsWith('ratelimit:') && !key.startsWith('events:'));
        expect(left.every((key) => Object.keys(foreign).includes(key))).toBe(true);
      }
      for (const [key, value] of Object.entries(foreign)) expect(await inspector.get(key)).toBe(value);
      expect(cache(await clients[1].as(session).get('/api/categories').expect(200))).toBe('MISS');
      for (const key of Object.keys(foreign)) await inspector.del(key);
    });
  });
});
