import { DataSource, EntitySubscriberInterface } from 'typeorm';
import type { Response } from 'supertest';
import { ApiClient, Session } from '../support/api-client';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { privateRedisUrl, startTestApp, TestApp } from '../support/test-app';
import { cleanUp, SUITE_TIMEOUT_MS, utcDate } from './cache-support';

jest.setTimeout(SUITE_TIMEOUT_MS);

const REDIS_INDEX = 7;

/** Counts every SQL statement the real DataSource runs (a TypeORM subscriber: nothing is mocked). */
function countQueries(dataSource: DataSource): { readonly count: number; stop(): void } {
  let count = 0;
  const subscriber: EntitySubscriberInterface = { beforeQuery: () => void (count += 1) };
  dataSource.subscribers.push(subscriber);
  return {
    get count() {
      return count;
    },
    stop: () => void dataSource.subscribers.splice(dataSource.subscribers.indexOf(subscriber), 1),
  };
}

const etag = (response: Response) => response.headers.etag;

/** API.md § Conditional requests, on two instances sharing a database and Redis. */
describe.each(['sqlite', 'postgres'] as const)('conditional requests on %s', (kind) => {
  let database: TestDatabase;
  let apps: TestApp[];
  let a: ApiClient;
  let b: ApiClient;

  beforeAll(async () => {
    const redisUrl = await privateRedisUrl(REDIS_INDEX);
    database = await createTestDatabase(kind);
    apps = [await startTestApp({ database, redisUrl }), await startTestApp({ database, redisUrl })];
    [a, b] = apps.map((testApp) => new ApiClient(testApp.app));
  });

  afterAll(() =>
    cleanUp(
      ...(apps ?? []).map((testApp) => () => testApp.close()),
      () => database?.drop(),
    ),
  );

  async function userWithData(): Promise<{ session: Session; paths: string[] }> {
    const session = await a.register();
    const category = await a.createCategory(session, { name: 'Health' });
    const habit = await a.createHabit(session, { name: 'Walk', categoryId: category.id, startDate: utcDate(-40) });
    await a.putRecord(session, habit.id as number, utcDate(-2));
    const id = habit.id as number;
    const paths = ['/api/categories', '/api/habits', `/api/habits/${id}`, '/api/records', '/api/analytics/performance', '/api/analytics/compliance'];
    return { session, paths };
  }

  it('answers 304 with no body and the same headers on every cached route, on either instance', async () => {
    const { session, paths } = await userWithData();
    for (const path of paths) {
      const first = await a.as(session).get(path).expect(200);
      expect([path, etag(first), first.headers['cache-control'], first.headers['x-cache']]).toEqual([path, expect.stringMatching(/^"[\w-]+"$/), 'private, no-cache', 'MISS']);
      for (const client of [a, b]) {
        const revalidated = await client.as(session).get(path).set('If-None-Match', etag(first));
        expect([path, revalidated.status, revalidated.text, revalidated.headers['content-length']]).toEqual([path, 304, '', undefined]);
        expect(etag(revalidated)).toBe(etag(first));
        expect(revalidated.headers['cache-control']).toBe('private, no-cache');
        expect(revalidated.headers.vary).toBe('Authorization');
        expect(revalidated.headers['x-cache']).toBe('HIT');
      }
      const hit = await b.as(session).get(path).expect(200);
      expect([hit.headers['x-cache'], hit.text, etag(hit)]).toEqual(['HIT', first.text, etag(first)]);
    }
  });

  it('serves a 304 from a valid entry without running the handler or reading the database', async () => {
    const { session, paths } = await userWithData();
    const dataSource = apps[0].app.get(DataSource);
    for (const path of paths) {
      const first = await a.as(session).get(path).expect(200);
      await a.as(session).get(path).expect(200); // the instance now remembers the session, as for any active client
      const counter = countQueries(dataSource);
      try {
        const revalidated = await a.as(session).get(path).set('If-None-Match', etag(first));
        expect([path, revalidated.status, counter.count]).toEqual([path, 304, 0]);
      } finally {
        counter.stop();
      }
      // The counter does see the queries of a request that reads the database.
      const counting = countQueries(dataSource);
      await a.as(session).get(path).set('Cache-Control', 'no-cache').expect(200);
      counting.stop();
      expect(counting.count).toBeGreaterThan(0);
    }
  });

  it('answers 200 with the new body to an old ETag after a write on the other instance', async () => {
    const session = await a.register();
    await a.createCategory(session, { name: 'Before' });
    const old = await a.as(session).get('/api/categories').expect(200);
    await a.as(session).get('/api/categories').set('If-None-Match', etag(old)).expect(304);
    await b.as(session).post('/api/categories', { name: 'After' }).expect(201);
    const fresh = await a.as(session).get('/api/categories').set('If-None-Match', etag(old)).expect(200);
    expect(fresh.body.map((category: { name: string }) => category.name)).toEqual(['Before', 'After']);
    expect(etag(fresh)).not.toBe(etag(old));
    await b.as(session).get('/api/categories').set('If-None-Match', etag(fresh)).expect(304);
  });

  it('matches a list, a weak form and *, and ignores a malformed If-None-Match', async () => {
    const { session, paths } = await userWithData();
    const first = await a.as(session).get(paths[0]).expect(200);
    const tag = etag(first);
    for (const header of [`"nope", ${tag}`, `W/${tag}`, '*']) {
      expect([header, (await a.as(session).get(paths[0]).set('If-None-Match', header)).status]).toEqual([header, 304]);
    }
    for (const header of ['"nope"', tag.slice(1, -1), `${tag}, not-a-tag`, '']) {
      const response = await a.as(session).get(paths[0]).set('If-None-Match', header);
      expect([header, response.status, response.text]).toEqual([header, 200, first.text]);
    }
  });

  it('gives MISS and BYPASS answers an ETag too, and honours If-None-Match on them', async () => {
    const { session, paths } = await userWithData();
    const miss = await a.as(session).get(paths[1]).expect(200);
    const bypass = await a.as(session).get(paths[1]).set('Cache-Control', 'no-cache').expect(200);
    expect([miss.headers['x-cache'], bypass.headers['x-cache']]).toEqual(['MISS', 'BYPASS']);
    expect(etag(bypass)).toBe(etag(miss));
  });

  it('serves a conditional GET from the cache even with Cache-Control: no-cache, as fetch sends it (v3)', async () => {
    const { session, paths } = await userWithData();
    const miss = await a.as(session).get(paths[1]).expect(200);
    const revalidated = await a.as(session).get(paths[1]).set('Cache-Control', 'no-cache').set('If-None-Match', etag(miss));
    expect([revalidated.status, revalidated.headers['x-cache'], etag(revalidated)]).toEqual([304, 'HIT', etag(miss)]);
    const stale = await a.as(session).get(paths[1]).set('Cache-Control', 'no-cache').set('If-None-Match', '"not-current"');
    expect([stale.status, stale.headers['x-cache'], stale.text]).toEqual([200, 'HIT', miss.text]);
  });

  it('answers a conditional GET with no-cache from fresh data right after a write', async () => {
    const { session } = await userWithData();
    const before = await a.as(session).get('/api/categories').expect(200);
    await a.as(session).post('/api/categories', { name: 'Fresh' }).expect(201);
    const after = await a.as(session).get('/api/categories').set('Cache-Control', 'no-cache').set('If-None-Match', etag(before));
    expect(after.status).toBe(200);
    expect(after.text).toContain('Fresh');
  });

  it("never confirms another user's ETag", async () => {
    const owner = await userWithData();
    const other = await userWithData();
    const ownerList = await a.as(owner.session).get('/api/categories').expect(200);
    const otherList = await a.as(other.session).get('/api/categories').expect(200);
    // Same names, different ids and timestamps: different bodies, different tags.
    expect(etag(otherList)).not.toBe(etag(ownerList));
    await a.as(other.session).get('/api/categories').set('If-None-Match', etag(ownerList)).expect(200);
  });
});
