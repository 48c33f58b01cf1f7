import { cleanUp, seededRandom, SUITE_TIMEOUT_MS, utcDate } from '../cache/cache-support';
import { ApiClient, Session } from '../support/api-client';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { privateRedisUrl, startTestApp, TestApp } from '../support/test-app';
import { serverCopy, SyncReplica } from './sync-support';

jest.setTimeout(120_000);

const REDIS_INDEX = 1;
const SEEDS = [20251201, 7, 424242];
const STEPS = 140;
const FROM = utcDate(-20);

type Random = () => number;

/**
 * The property of API.md § Sync: random writes and deletes (single and batched, on two instances)
 * interleaved with paged syncs at random limits, some running concurrently with a write, always
 * leave the client's copy equal to the server's state once it has followed the cursors to
 * `hasMore: false`. Checked at every such point, and at the end.
 */
describe.each(['sqlite', 'postgres'] as const)('delta sync keeps a client in step on %s', (kind) => {
  let database: TestDatabase;
  let apps: TestApp[];
  let clients: ApiClient[];

  beforeAll(async () => {
    const redisUrl = await privateRedisUrl(REDIS_INDEX);
    database = await createTestDatabase(kind);
    apps = [await startTestApp({ database, redisUrl }), await startTestApp({ database, redisUrl })];
    clients = apps.map((testApp) => new ApiClient(testApp.app));
  }, SUITE_TIMEOUT_MS);

  afterAll(() =>
    cleanUp(
      ...(apps ?? []).map((testApp) => () => testApp.close()),
      () => database?.drop(),
    ),
  );

  it.each(SEEDS)('holds for seed %d', async (seed) => {
    const random = seededRandom(seed);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const session = await clients[0].register();
    const writer = new Writer(session, random, () => pick(clients));
    const replica = new SyncReplica(session, clients[0]);
    const counts = { checkpoints: 0, writes: 0, pages: 0, concurrent: 0, restarts: 0 };
    // Mostly small pages (a sync split across writes), sometimes a large one (the client catches up).
    const limit = () => (random() < 0.3 ? 50 : 1 + Math.floor(random() * 6));

    async function checkpoint(label: string): Promise<void> {
      counts.checkpoints += 1;
      const server = await serverCopy(pick(clients), session, FROM);
      expect([label, replica.copy()]).toEqual([label, server]);
    }

    for (let step = 0; step < STEPS; step += 1) {
      const roll = random();
      replica.use(pick(clients));
      if (roll < 0.5) {
        counts.writes += 1;
        await writer.write();
      } else if (roll < 0.9) {
        counts.pages += 1;
        const page = await replica.step(limit());
        if (!page.hasMore) await checkpoint(`step ${step}`);
      } else if (roll < 0.97) {
        counts.concurrent += 1;
        await Promise.all([writer.write(), replica.step(limit())]);
      } else {
        counts.restarts += 1;
        replica.restart();
      }
    }
    await replica.drain(limit);
    await checkpoint('end');
    expect(counts.checkpoints).toBeGreaterThan(5);
    expect(counts.writes).toBeGreaterThan(50);
    expect(replica.copy().records.length + replica.copy().habits.length).toBeGreaterThan(0);
  });
});

/** Random writes through the API, keeping the ids it created (a write may fail with a 404 when its target is gone). */
class Writer {
  private categories: number[] = [];
  private habits: number[] = [];
  private counter = 0;

  constructor(
    private readonly session: Session,
    private readonly random: Random,
    private readonly client: () => ApiClient,
  ) {}

  async write(): Promise<void> {
    const api = this.client().as(this.session);
    const roll = this.random();
    this.counter += 1;
    const label = `w${this.counter}`;
    if (this.categories.length === 0 && this.random() < 0.5) {
      const response = await api.post('/api/categories', { name: `Category ${label}` });
      expectStatus(response.status, [201], label);
      this.categories.push(response.body.id as number);
    } else if (roll < 0.08 || this.habits.length === 0) {
      const categoryId = this.categories.length > 0 && this.random() < 0.8 ? this.pick(this.categories) : null;
      const response = await api.post('/api/habits', { name: `Habit ${label}`, schedule: { type: 'daily' }, categoryId, startDate: FROM });
      expectStatus(response.status, [201], label);
      this.habits.push(response.body.id as number);
    } else if (roll < 0.16) {
      const response = await api.post('/api/categories', { name: `Category ${label}` });
      expectStatus(response.status, [201], label);
      this.categories.push(response.body.id as number);
    } else if (roll < 0.2 && this.categories.length > 0) {
      const id = this.pick(this.categories);
      expectStatus((await api.patch(`/api/categories/${id}`, { name: `Renamed ${label}`, position: Math.floor(this.random() * 5) })).status, [200, 404], label);
    } else if (roll < 0.27 && this.categories.length > 0) {
      const id = this.take(this.categories);
      expectStatus((await api.delete(`/api/categories/${id}`)).status, [204, 404], label);
    } else if (roll < 0.33) {
      const id = this.pick(this.habits);
      const change = this.random() < 0.7 ? { archived: this.random() < 0.5 } : { name: `Renamed ${label}`, categoryId: this.categories.length > 0 ? this.pick(this.categories) : null };
      expectStatus((await api.patch(`/api/habits/${id}`, change)).status, [200, 400, 404], label);
    } else if (roll < 0.37 && this.habits.length > 1) {
      const id = this.take(this.habits);
      expectStatus((await api.delete(`/api/habits/${id}`)).status, [204, 404], label);
    } else if (roll < 0.66) {
      const status = this.random() < 0.7 ? 'done' : 'skipped';
      const response = await api.put(`/api/habits/${this.pick(this.habits)}/records/${this.date()}`, { status, note: label });
      expectStatus(response.status, [200, 201, 404], label);
    } else if (roll < 0.82) {
      expectStatus((await api.delete(`/api/habits/${this.pick(this.habits)}/records/${this.date()}`)).status, [204, 404], label);
    } else {
      await this.batch(label);
    }
  }

  private async batch(label: string): Promise<void> {
    const keys = new Map<string, { habitId: number; date: string }>();
    const size = 1 + Math.floor(this.random() * 12);
    for (let index = 0; index < size; index += 1) {
      const key = { habitId: this.pick(this.habits), date: this.date() };
      keys.set(`${key.habitId}/${key.date}`, key);
    }
    const put: object[] = [];
    const remove: object[] = [];
    for (const key of keys.values()) {
      if (this.random() < 0.65) put.push({ ...key, status: this.random() < 0.8 ? 'done' : 'skipped', note: label });
      else remove.push(key);
    }
    const response = await this.client().as(this.session).post('/api/records/batch', { put, delete: remove });
    // 400 when one of its habits was deleted by a concurrent write of this test.
    expectStatus(response.status, [200, 400], label);
  }

  private date(): string {
    return utcDate(-Math.floor(this.random() * 15));
  }

  private pick(ids: number[]): number {
    return ids[Math.floor(this.random() * ids.length)];
  }

  private take(ids: number[]): number {
    return ids.splice(Math.floor(this.random() * ids.length), 1)[0];
  }
}

function expectStatus(status: number, allowed: number[], label: string): void {
  if (!allowed.includes(status)) throw new Error(`write ${label} answered ${status}`);
}
