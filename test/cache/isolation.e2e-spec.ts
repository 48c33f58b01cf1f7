import { ApiClient, Session } from '../support/api-client';
import { privateRedisUrl, startTestApp, TestApp } from '../support/test-app';
import { seededRandom, SUITE_TIMEOUT_MS, utcDate } from './cache-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

const USERS = 8;
const ROUNDS = 12;
const FROM = utcDate(-10);
const TO = utcDate(-1);

const PERFORMANCE = `/api/analytics/performance?from=${FROM}&to=${TO}`;
const PATHS = [
  '/api/categories',
  '/api/habits',
  '/api/habits?archived=false',
  `/api/records?from=${FROM}&to=${TO}`,
  `/api/analytics/compliance?from=${FROM}&to=${TO}`,
  PERFORMANCE,
];

interface Owner {
  session: Session;
  habitIds: number[];
  /** The owner's performance report: numbers only, so it is compared whole (each owner's differs). */
  performance: string;
}

/** Many users request identical URLs at the same time: every body is the requester's own. */
describe('per-user isolation', () => {
  let testApp: TestApp;
  let api: ApiClient;
  let owners: Owner[];

  beforeAll(async () => {
    testApp = await startTestApp({ redisUrl: await privateRedisUrl(5) });
    api = new ApiClient(testApp.app);
    // One owner after another: the suite is about concurrent reads, and a burst of concurrent
    // set-up writes on a loaded machine can outwait the write lock (a correct 503, not what is tested).
    owners = [];
    for (let index = 0; index < USERS; index += 1) owners.push(await setUpOwner(index));
  });

  afterAll(() => testApp?.close());

  /** Owner `index` has `index + 1` done days, so that no two owners have the same performance report. */
  async function setUpOwner(index: number): Promise<Owner> {
    const session = await api.register();
    const tag = `u${session.userId}`;
    await api.createCategory(session, { name: `${tag} category` });
    const habitIds: number[] = [];
    for (const suffix of ['first', 'second']) {
      const habit = await api.createHabit(session, { name: `${tag} ${suffix}`, startDate: FROM });
      habitIds.push(habit.id as number);
    }
    for (let day = 0; day <= index; day += 1) await api.putRecord(session, habitIds[0], utcDate(-2 - day), { note: tag });
    const performance = await api.as(session).get(PERFORMANCE).set('Cache-Control', 'no-cache').expect(200);
    return { session, habitIds, performance: performance.text };
  }

  it('gives every requester only their own data across concurrent rounds of identical URLs', async () => {
    expect(new Set(owners.map((owner) => owner.performance)).size).toBe(USERS);
    const random = seededRandom(7);
    const foreign: string[] = [];
    const outcomes = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round += 1) {
      const requests = owners.flatMap((owner) => PATHS.map((path) => ({ owner, path })));
      // Tokens swapped: the same URLs in a different interleaving of users every round.
      requests.sort(() => random() - 0.5);
      const mutator = owners[round % USERS];
      // Changes a note (records) but not what is done (analytics), so the reports stay per-owner constants.
      const mutation = api.as(mutator.session).put(`/api/habits/${mutator.habitIds[0]}/records/${utcDate(-2)}`, {
        note: `u${mutator.session.userId} round ${round}`,
      });
      const [responses] = await Promise.all([
        Promise.all(requests.map(({ owner, path }) => api.as(owner.session).get(path).then((response) => ({ owner, path, response })))),
        mutation.then((response) => expect([200, 201]).toContain(response.status)),
      ]);
      for (const { owner, path, response } of responses) {
        expect(response.status).toBe(200);
        const cache = String(response.headers['x-cache']);
        outcomes.set(cache, (outcomes.get(cache) ?? 0) + 1);
        const where = `round ${round}: user ${owner.session.userId} from ${path} (${cache})`;
        if (path === PERFORMANCE) {
          if (response.text !== owner.performance) foreign.push(`${where} got another report`);
          continue;
        }
        const marks = ownerMarks(response.body);
        if (marks.length === 0) foreign.push(`${where} got no data of theirs`);
        for (const mark of marks) if (mark !== `u${owner.session.userId}`) foreign.push(`${where} got ${mark}`);
      }
    }
    expect(foreign).toEqual([]);
    expect(outcomes.get('HIT')).toBeGreaterThan(USERS * PATHS.length);
    expect(outcomes.get('MISS')).toBeGreaterThan(0);
  });

  it('answers 404 for another user\'s habit even when its owner has it cached', async () => {
    const [owner, other] = owners;
    const path = `/api/habits/${owner.habitIds[0]}`;
    await api.as(owner.session).get(path).expect(200);
    const cached = await api.as(owner.session).get(path).expect(200);
    expect(cached.headers['x-cache']).toBe('HIT');
    const response = await api.as(other.session).get(path);
    expect(response.status).toBe(404);
    expect(response.headers['x-cache']).toBeUndefined();
  });
});

/** The `u<id>` marks in a response: names, notes and habit names embed their owner's id. */
function ownerMarks(body: unknown): string[] {
  return [...JSON.stringify(body).matchAll(/\bu(\d+)\b/g)].map((match) => `u${match[1]}`);
}
