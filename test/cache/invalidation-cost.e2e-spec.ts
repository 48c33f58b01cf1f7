import { RedisClientType } from '@redis/client';
import { CHANGE_GROUPS } from '../../src/common/change-groups';
import { CacheInvalidator } from '../../src/cache/cache-invalidator';
import { ApiClient, Session } from '../support/api-client';
import { RedisServer } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import { callsBetween, cleanUp, commandCalls, inspectRedis, SUITE_TIMEOUT_MS, utcDate } from './cache-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

const OTHER_USERS = 10_000;
const BATCH = 2_000;
const MAX_COMMANDS_PER_INVALIDATION = 4;
const RATE_LIMITER_COMMANDS = ['eval', 'evalsha', 'incrby', 'pttl', 'pexpire', 'decr'];

/** Fills Redis with other users' keys (4 strings and an index set each: 50k keys) in a few pipelined batches. */
async function fillWithOtherUsers(client: RedisClientType): Promise<number> {
  const hash = 'a'.repeat(40);
  for (let start = 0; start < OTHER_USERS; start += BATCH) {
    const strings: string[] = [];
    const pending: Promise<unknown>[] = [];
    for (let user = 1_000_000 + start; user < 1_000_000 + start + BATCH; user += 1) {
      const entries = ['categories', 'habits', 'records'].map((group) => `{u:${user}}:${group}:${hash}`);
      strings.push(`{u:${user}}:gens`, 'g', ...entries.flatMap((key) => [key, '|entry']));
      pending.push(client.sAdd(`{u:${user}}:idx:habits`, entries));
    }
    pending.push(client.sendCommand(['MSET', ...strings]));
    await Promise.all(pending);
  }
  return client.dbSize();
}

/** Invalidating a user costs a fixed number of commands, whatever the size of the keyspace; nothing scans. */
describe('invalidation cost', () => {
  let redis: RedisServer;
  let inspector: RedisClientType;
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    redis = await RedisServer.start();
    inspector = await inspectRedis(redis.url);
    testApp = await startTestApp({ redisUrl: redis.url });
    api = new ApiClient(testApp.app);
  });

  afterAll(() =>
    cleanUp(
      () => testApp?.close(),
      () => inspector?.close(),
      () => redis?.stop(),
    ),
  );

  it('never sends KEYS or SCAN while serving reads and mutations over 50k other keys', async () => {
    expect(await fillWithOtherUsers(inspector)).toBeGreaterThanOrEqual(5 * OTHER_USERS);
    await inspector.configResetStat();
    const sessions: Session[] = [await api.register(), await api.register()];
    for (const session of sessions) {
      const category = await api.createCategory(session, { name: 'Health' });
      const habit = await api.createHabit(session, { name: 'Walk', categoryId: category.id, startDate: utcDate(-5) });
      for (let round = 0; round < 3; round += 1) {
        for (const path of ['/api/categories', '/api/habits', `/api/habits/${String(habit.id)}`, '/api/records', '/api/analytics/compliance']) {
          await api.as(session).get(path).expect(200);
        }
        await api.putRecord(session, habit.id as number, utcDate(-round));
        await api.as(session).patch(`/api/categories/${String(category.id)}`, { name: `Health ${round}` }).expect(200);
      }
      await api.as(session).delete(`/api/habits/${String(habit.id)}`).expect(204);
      await api.as(session).patch('/api/auth/me', { displayName: 'Someone' }).expect(200);
    }
    const calls = await commandCalls(inspector);
    expect(calls.get('keys')).toBeUndefined();
    expect(calls.get('scan')).toBeUndefined();
    // The requests did reach Redis (so the absence above means something).
    expect(calls.get('get')).toBeGreaterThan(0);
  });

  it(`invalidates a user with many cached responses in at most ${MAX_COMMANDS_PER_INVALIDATION} commands`, async () => {
    const session = await api.register();
    const habit = await api.createHabit(session, { name: 'Read', startDate: utcDate(-3) });
    const paths = ['/api/categories', '/api/habits', '/api/habits?archived=true', `/api/habits/${String(habit.id)}`, '/api/records'];
    for (const path of paths) await api.as(session).get(path).expect(200);
    const groups = ['analytics', 'categories', 'habits', 'records'];
    const cachedKeys = await inspector.sUnion(groups.map((group) => `{u:${session.userId}}:idx:${group}`));
    expect(cachedKeys).toHaveLength(paths.length);

    const before = await commandCalls(inspector);
    await testApp.app.get(CacheInvalidator).invalidateChanges(session.userId, CHANGE_GROUPS);
    const spent = callsBetween(before, await commandCalls(inspector));

    // The per-user rate limiter flushes its batched counts on a timer (one EVAL: INCRBY, PTTL and maybe
    // PEXPIRE); that may land inside the window and is not the invalidation's.
    for (const limiterCommand of RATE_LIMITER_COMMANDS) spent.delete(limiterCommand);
    const total = [...spent.values()].reduce((sum, calls) => sum + calls, 0);
    expect(total).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThanOrEqual(MAX_COMMANDS_PER_INVALIDATION);
    expect(spent.has('keys') || spent.has('scan')).toBe(false);
    expect(await inspector.exists(cachedKeys)).toBe(0);
    for (const path of paths.slice(0, 2)) expect((await api.as(session).get(path)).headers['x-cache']).toBe('MISS');
  });
});
