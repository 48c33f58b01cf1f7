import { CacheInvalidator } from '../../src/cache/cache-invalidator';
import { CHANGE_GROUPS } from '../../src/common/change-groups';
import { CategoriesRepository } from '../../src/categories/categories.repository';
import { HabitsRepository } from '../../src/habits/habits.repository';
import { ApiClient, Session } from '../support/api-client';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { privateRedisUrl, startTestApp, TestApp } from '../support/test-app';
import { cleanUp, holdAfter, names, SUITE_TIMEOUT_MS, within } from './cache-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

const ITERATIONS = 25;
const HOLD_GUARD_MS = 5000;

/**
 * A read that misses and reads the database, then a mutation that answers 2xx, then the read
 * writes its (old) response to the cache: the next read must still see the mutation.
 */
describe.each(['sqlite', 'postgres'] as const)('no stale set on %s', (kind) => {
  let database: TestDatabase;
  let first: TestApp;
  let second: TestApp;
  let api: ApiClient;
  let otherApi: ApiClient;

  beforeAll(async () => {
    const redisUrl = await privateRedisUrl(2);
    database = await createTestDatabase(kind);
    first = await startTestApp({ database, redisUrl });
    second = await startTestApp({ database, redisUrl });
    api = new ApiClient(first.app);
    otherApi = new ApiClient(second.app);
  });

  afterAll(() =>
    cleanUp(
      () => first?.close(),
      () => second?.close(),
      () => database?.drop(),
    ),
  );

  afterEach(() => jest.restoreAllMocks());

  /** Runs one race: A (held after its DB read) and B (a mutation) on the given clients. */
  async function race(
    session: Session,
    reader: ApiClient,
    path: string,
    hold: { arm(): { reached: Promise<void>; release: () => void } },
    mutate: () => Promise<{ status: number }>,
  ) {
    const held = hold.arm();
    const pendingRead = reader.as(session).get(path).then((response) => response);
    try {
      await within(held.reached, HOLD_GUARD_MS, 'the held read');
      const mutation = await mutate();
      expect([200, 201, 204]).toContain(mutation.status);
    } finally {
      held.release();
    }
    const read = await within(pendingRead, HOLD_GUARD_MS, 'the released read');
    expect(read.status).toBe(200);
    expect(read.headers['x-cache']).toBe('MISS');
    return read;
  }

  it('serves the mutation on the next category read although a slower read filled the cache after it', async () => {
    const session = await api.register();
    const invalidator = first.app.get(CacheInvalidator);
    const hold = holdAfter(first.app.get(CategoriesRepository), 'listForUser');
    const expected = new Map<number, string>();
    for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
      await invalidator.invalidateChanges(session.userId, CHANGE_GROUPS);
      const before = [...expected.values()].sort();
      const read = await race(session, api, '/api/categories', hold, async () => {
        const ids = [...expected.keys()];
        if (iteration % 3 === 2 && ids.length > 0) {
          const response = await api.as(session).patch(`/api/categories/${ids[0]}`, { name: `renamed ${iteration}` });
          expected.set(ids[0], `renamed ${iteration}`);
          return response;
        }
        if (iteration % 5 === 4 && ids.length > 0) {
          const response = await api.as(session).delete(`/api/categories/${ids[ids.length - 1]}`);
          expected.delete(ids[ids.length - 1]);
          return response;
        }
        const response = await api.as(session).post('/api/categories', { name: `created ${iteration}` });
        expected.set(response.body.id as number, `created ${iteration}`);
        return response;
      });
      expect(names(read.body)).toEqual(before);

      const next = await api.as(session).get('/api/categories');
      expect({ iteration, names: names(next.body) }).toEqual({ iteration, names: [...expected.values()].sort() });
      const again = await api.as(session).get('/api/categories');
      expect(again.headers['x-cache']).toBe('HIT');
      expect(names(again.body)).toEqual([...expected.values()].sort());
    }
    expect(hold.calls).toBeGreaterThanOrEqual(ITERATIONS * 2);
  });

  it('serves a renamed habit on the next read although a read held on another instance filled the cache after it', async () => {
    const session = await api.register();
    const habit = await api.createHabit(session, { name: 'habit 0' });
    const invalidator = second.app.get(CacheInvalidator);
    const hold = holdAfter(second.app.get(HabitsRepository), 'findOwned');
    for (let iteration = 1; iteration <= ITERATIONS; iteration += 1) {
      await invalidator.invalidateChanges(session.userId, CHANGE_GROUPS);
      const read = await race(session, otherApi, `/api/habits/${String(habit.id)}`, hold, () =>
        api.as(session).patch(`/api/habits/${String(habit.id)}`, { name: `habit ${iteration}` }),
      );
      expect(read.body.name).toBe(`habit ${iteration - 1}`);
      for (const client of [api, otherApi]) {
        const next = await client.as(session).get(`/api/habits/${String(habit.id)}`);
        expect({ iteration, name: next.body.name }).toEqual({ iteration, name: `habit ${iteration}` });
      }
    }
  });

  it('serves the mutation after a racing Cache-Control: no-cache refill', async () => {
    const session = await api.register();
    const hold = holdAfter(first.app.get(CategoriesRepository), 'listForUser');
    const expected: string[] = [];
    for (let iteration = 0; iteration < 10; iteration += 1) {
      const held = hold.arm();
      const pendingRead = api.as(session).get('/api/categories').set('Cache-Control', 'no-cache').then((response) => response);
      try {
        await within(held.reached, HOLD_GUARD_MS, 'the held refresh');
        await api.createCategory(session, { name: `refresh ${iteration}` });
        expected.push(`refresh ${iteration}`);
      } finally {
        held.release();
      }
      const read = await within(pendingRead, HOLD_GUARD_MS, 'the released refresh');
      expect(read.headers['x-cache']).toBe('BYPASS');
      const next = await api.as(session).get('/api/categories');
      expect(names(next.body)).toEqual([...expected].sort());
    }
  });
});
