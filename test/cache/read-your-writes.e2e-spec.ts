import { CacheStats } from '../../src/cache/cache-stats';
import { todayIn } from '../../src/common/dates/calendar-date';
import { ApiClient, Session } from '../support/api-client';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { privateRedisUrl, startTestApp, TestApp } from '../support/test-app';
import { cleanUp, seededRandom, SUITE_TIMEOUT_MS, utcDate } from './cache-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

const SEED = 20251122;
const OPERATIONS = 200;
const CONCURRENCY = 8;
const USERS = 3;
const WRITE_SHARE = 0.3;
const RECORD_FROM = utcDate(-20);
const RECORD_TO = utcDate(-1);

/** What a user's data looks like after some number of acknowledged writes. */
interface UserState {
  categories: Record<number, string>;
  /** By id; a habit whose creation is still in flight is keyed `pending <label>` until its id is known. */
  habits: Record<string, string>;
  records: Record<string, string>;
}

interface Tracked {
  session: Session;
  /** history[k]: the state after the k-th write of this user; writes of one user are serialized. */
  history: UserState[];
  acknowledged: number;
  writeLock: Promise<void>;
  counter: number;
}

type View = 'categories' | 'habits' | 'records' | 'habit' | 'analytics' | 'analyticsYear' | 'performance';
const VIEWS: readonly View[] = ['categories', 'habits', 'records', 'habit', 'analytics', 'analyticsYear', 'performance'];

/**
 * Writers and readers on two instances sharing one database and one Redis, in a seeded random
 * order with concurrency: a read that starts after a write was acknowledged must reflect it. Writes
 * of records, habits and categories each invalidate only some cache groups; the reads cover every
 * group, so a group a write should have invalidated and did not shows up here. The analytics
 * reports are assembled from per-habit fragments: a check-in or a rename of one habit leaves the
 * others' fragments hits, so a habit a write should have named and did not shows up here too.
 */
describe.each(['sqlite', 'postgres'] as const)('read-your-writes across instances on %s', (kind) => {
  let database: TestDatabase;
  let apps: TestApp[];
  let clients: ApiClient[];

  beforeAll(async () => {
    const redisUrl = await privateRedisUrl(3);
    database = await createTestDatabase(kind);
    apps = [await startTestApp({ database, redisUrl }), await startTestApp({ database, redisUrl })];
    clients = apps.map((testApp) => new ApiClient(testApp.app));
  });

  afterAll(() =>
    cleanUp(
      ...(apps ?? []).map((testApp) => () => testApp.close()),
      () => database?.drop(),
    ),
  );

  it('reflects every acknowledged write in every later read, on both instances', async () => {
    const random = seededRandom(SEED);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const users = await Promise.all(Array.from({ length: USERS }, (_, index) => setUpUser(clients[index % 2])));
    const violations: string[] = [];
    const failures: string[] = [];
    const counts = { reads: 0, writes: 0, hits: 0 };
    const fragmentHitsBefore = fragmentHits();

    const plan = Array.from({ length: OPERATIONS }, () => ({ user: pick(users), client: pick(clients), roll: random(), choice: random() }));

    async function write(user: Tracked, client: ApiClient, roll: number, choice: number): Promise<void> {
      const release = await lock(user);
      try {
        const state = structuredClone(user.history[user.history.length - 1]);
        user.counter += 1;
        const label = `w${user.counter}`;
        let pending: Promise<{ status: number; body: Record<string, unknown> }>;
        if (roll < 0.5) {
          const habitId = Number(pickFrom(Object.keys(state.habits), choice));
          const date = utcDate(-2 - Math.floor(choice * 15));
          const status = choice < 0.7 ? 'done' : 'skipped';
          state.records[`${habitId}/${date}`] = `${status}:${label}`;
          pending = client.as(user.session).put(`/api/habits/${habitId}/records/${date}`, { status, note: label });
        } else if (roll < 0.65) {
          state.habits[`pending ${label}`] = `habit ${label}`;
          pending = client.as(user.session).post('/api/habits', { name: `habit ${label}`, schedule: { type: 'daily' }, startDate: RECORD_FROM });
        } else if (roll < 0.8) {
          const habitId = Number(pickFrom(Object.keys(state.habits), choice));
          state.habits[habitId] = `habit ${label}`;
          pending = client.as(user.session).patch(`/api/habits/${habitId}`, { name: `habit ${label}` });
        } else {
          const categoryId = Number(pickFrom(Object.keys(state.categories), choice));
          state.categories[categoryId] = `category ${label}`;
          pending = client.as(user.session).patch(`/api/categories/${categoryId}`, { name: `category ${label}` });
        }
        // The new state may be seen as soon as the request is sent.
        user.history.push(state);
        const response = await pending;
        if (response.status >= 300) {
          failures.push(`write ${label} answered ${response.status} ${JSON.stringify(response.body)}`);
          return;
        }
        if (roll >= 0.5 && roll < 0.65) {
          delete state.habits[`pending ${label}`];
          state.habits[response.body.id as number] = `habit ${label}`;
        }
        user.acknowledged = user.history.length - 1;
        counts.writes += 1;
      } finally {
        release();
      }
    }

    async function read(user: Tracked, client: ApiClient, choice: number): Promise<void> {
      const view: View = pickFrom(VIEWS, choice);
      const habitId = Number(pickFrom(Object.keys(user.history[user.acknowledged].habits), choice));
      const path = {
        categories: '/api/categories',
        habits: '/api/habits',
        records: `/api/records?from=${RECORD_FROM}&to=${RECORD_TO}`,
        habit: `/api/habits/${habitId}`,
        analytics: `/api/analytics/compliance?from=${RECORD_FROM}&to=${RECORD_TO}`,
        analyticsYear: `/api/analytics/compliance?from=${utcDate(-364)}&to=${RECORD_TO}`,
        performance: `/api/analytics/performance?from=${RECORD_FROM}&to=${RECORD_TO}`,
      }[view];
      const lowest = user.acknowledged;
      const response = await client.as(user.session).get(path);
      const highest = user.history.length - 1;
      if (response.status !== 200) {
        failures.push(`GET ${path} answered ${response.status}`);
        return;
      }
      counts.reads += 1;
      if (response.headers['x-cache'] === 'HIT') counts.hits += 1;
      const seen = projectBody(view, response.body);
      const allowed = user.history.slice(lowest, highest + 1).map((state) => projectState(view, state, habitId));
      if (!allowed.includes(seen)) {
        violations.push(`GET ${path} (${String(response.headers['x-cache'])}) on versions ${lowest}..${highest} saw ${seen}; allowed ${allowed.join(' | ')}`);
      }
    }

    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < plan.length) {
          const { user, client, roll, choice } = plan[next++];
          if (roll < WRITE_SHARE) await write(user, client, roll / WRITE_SHARE, choice);
          else await read(user, client, choice);
        }
      }),
    );

    expect(failures).toEqual([]);
    expect(violations).toEqual([]);
    expect(counts.writes).toBeGreaterThan(40);
    expect(counts.reads).toBeGreaterThan(100);
    // The run exercised the cache, not only the database.
    expect(counts.hits).toBeGreaterThan(0);
    // Reports were assembled from fragments that outlived writes of other habits.
    expect(fragmentHits()).toBeGreaterThan(fragmentHitsBefore);
  });

  function fragmentHits(): number {
    return apps.reduce((sum, testApp) => sum + testApp.app.get(CacheStats).fragments.hit, 0);
  }

  it("serves analytics for the user's new time zone right after a profile change, on both instances", async () => {
    const [first, second] = clients;
    const session = await first.register();
    // Whatever the hour, one of these two zones is on another calendar day than UTC.
    const zone = ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].find((candidate) => todayIn(candidate) !== todayIn('UTC'))!;
    for (const client of [first, second]) {
      await client.as(session).get('/api/analytics/performance').expect(200);
      const cached = await client.as(session).get('/api/analytics/performance').expect(200);
      expect({ cache: cached.headers['x-cache'], to: cached.body.to }).toEqual({ cache: 'HIT', to: todayIn('UTC') });
    }
    await first.as(session).patch('/api/auth/me', { timezone: zone }).expect(200);
    for (const client of [second, first]) {
      const report = await client.as(session).get('/api/analytics/performance').expect(200);
      expect(report.body.to).toBe(todayIn(zone));
    }
  });

  async function setUpUser(client: ApiClient): Promise<Tracked> {
    const session = await client.register();
    const state: UserState = { categories: {}, habits: {}, records: {} };
    for (const name of ['category a', 'category b']) state.categories[(await client.createCategory(session, { name })).id as number] = name;
    for (const name of ['habit a', 'habit b']) {
      state.habits[(await client.createHabit(session, { name, startDate: RECORD_FROM })).id as number] = name;
    }
    return { session, history: [state], acknowledged: 0, writeLock: Promise.resolve(), counter: 0 };
  }
});

/** One write per user at a time: the states of a user form one sequence. */
async function lock(user: Tracked): Promise<() => void> {
  const previous = user.writeLock;
  let release!: () => void;
  user.writeLock = new Promise((resolve) => (release = resolve));
  await previous;
  return release;
}

function pickFrom<T>(items: readonly T[], choice: number): T {
  return items[Math.floor(choice * items.length) % items.length];
}

/** The part of a user's state a view shows, as a comparable string. */
function projectState(view: View, state: UserState, habitId: number): string {
  if (view === 'categories') return JSON.stringify(Object.values(state.categories).sort());
  if (view === 'habits') return JSON.stringify(Object.values(state.habits).sort());
  if (view === 'habit') return JSON.stringify(state.habits[habitId] ?? null);
  if (view === 'performance') {
    const statuses = Object.entries(state.records)
      .filter(([key]) => state.habits[key.split('/')[0]] !== undefined)
      .map(([, value]) => value.split(':')[0]);
    return `${statuses.filter((s) => s === 'done').length}:${statuses.filter((s) => s === 'skipped').length}`;
  }
  if (view === 'analytics' || view === 'analyticsYear') {
    const counts = Object.entries(state.habits).map(([id, name]) => {
      const statuses = Object.entries(state.records)
        .filter(([key]) => key.startsWith(`${id}/`))
        .map(([, value]) => value.split(':')[0]);
      return `${name}:${statuses.filter((s) => s === 'done').length}:${statuses.filter((s) => s === 'skipped').length}`;
    });
    return JSON.stringify(counts.sort());
  }
  return JSON.stringify(Object.entries(state.records).sort());
}

/** The same projection of a response body. */
function projectBody(view: View, body: unknown): string {
  if (view === 'habit') return JSON.stringify((body as { name: string }).name);
  if (view === 'performance') {
    const totals = (body as { totals: { done: number; skipped: number } }).totals;
    return `${totals.done}:${totals.skipped}`;
  }
  if (view === 'analytics' || view === 'analyticsYear') {
    const habits = (body as { habits: { name: string; done: number; skipped: number }[] }).habits;
    return JSON.stringify(habits.map((habit) => `${habit.name}:${habit.done}:${habit.skipped}`).sort());
  }
  if (view === 'records') {
    const records = body as { habitId: number; date: string; status: string; note: string }[];
    return JSON.stringify(records.map((record) => [`${record.habitId}/${record.date}`, `${record.status}:${record.note}`]).sort());
  }
  return JSON.stringify((body as { name: string }[]).map((item) => item.name).sort());
}
