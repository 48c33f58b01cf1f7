import request from 'supertest';
import { ApiClient, Session } from '../support/api-client';
import { RedisServer } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** Every answer about a token must come within this, whatever Redis does (deadlines of 100 ms, then the database). */
const BOUND_MS = 1500;

describe.each(['sqlite', 'postgres'] as const)('revocation on two instances sharing Redis and %s', (kind) => {
  let redis: RedisServer;
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    redis = await RedisServer.start();
    database = await createTestDatabase(kind);
    a = await startTestApp({ database, redisUrl: redis.url });
    b = await startTestApp({ database, redisUrl: redis.url });
    api = new ApiClient(a.app);
  });

  afterAll(async () => {
    redis.resume();
    await a.close();
    await b.close();
    await database.drop();
    await redis.stop();
  });

  /** GET /api/auth/me with `token` on `app`: its status, and that it answered within BOUND_MS. */
  async function me(app: TestApp, token: string): Promise<number> {
    const started = performance.now();
    const response = await request(app.app.getHttpServer()).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    return response.status;
  }

  async function post(app: TestApp, path: string, token: string): Promise<number> {
    return (await request(app.app.getHttpServer()).post(path).set('Authorization', `Bearer ${token}`)).status;
  }

  /** A session that both instances have accepted (and remembered) already. */
  async function sessionSeenByBoth(): Promise<Session> {
    const session = await api.register();
    expect(await me(a, session.token)).toBe(200);
    expect(await me(b, session.token)).toBe(200);
    return session;
  }

  it('refuses on B a token logged out on A, and keeps the other sessions of the user', async () => {
    const session = await sessionSeenByBoth();
    const second = await api.login(session.email, 'correct horse battery');
    expect(await post(a, '/api/auth/logout', session.token)).toBe(204);
    expect(await me(b, session.token)).toBe(401);
    expect(await me(a, session.token)).toBe(401);
    expect(await me(b, second)).toBe(200);
  });

  it('refuses a token logged out while Redis is frozen, within a bounded time, on both instances', async () => {
    const session = await sessionSeenByBoth();
    redis.freeze();
    try {
      expect(await post(a, '/api/auth/logout', session.token)).toBe(204);
      expect(await me(b, session.token)).toBe(401);
      expect(await me(a, session.token)).toBe(401);
    } finally {
      redis.resume();
    }
    expect(await me(b, session.token)).toBe(401);
  });

  it('refuses a token logged out before Redis froze, while it is frozen', async () => {
    const session = await sessionSeenByBoth();
    expect(await post(b, '/api/auth/logout', session.token)).toBe(204);
    redis.freeze();
    try {
      expect(await me(a, session.token)).toBe(401);
      expect(await me(b, session.token)).toBe(401);
    } finally {
      redis.resume();
    }
  });

  it('refuses a logged-out token after Redis restarts empty, and still accepts the others', async () => {
    const loggedOut = await sessionSeenByBoth();
    const kept = await sessionSeenByBoth();
    expect(await post(a, '/api/auth/logout', loggedOut.token)).toBe(204);
    const userKeys = (await redis.command('KEYS', '{u:*')) as string[];
    expect(userKeys.length).toBeGreaterThan(0);
    await redis.stop();
    expect(await me(b, loggedOut.token)).toBe(401);
    await redis.start();
    // What the test is about: every key the instances had written for these users is gone (the
    // instances' background work, such as the epoch repair or rate-limit flushes, may write others).
    expect(await redis.command('EXISTS', ...userKeys)).toBe(0);
    for (const app of [a, b]) {
      expect(await me(app, loggedOut.token)).toBe(401);
      expect(await me(app, kept.token)).toBe(200);
    }
  });

  it('logout-all refuses every earlier token of the user on every instance, also while Redis is frozen', async () => {
    const session = await sessionSeenByBoth();
    const second = await api.login(session.email, 'correct horse battery');
    expect(await me(a, second)).toBe(200);
    redis.freeze();
    try {
      expect(await post(b, '/api/auth/logout-all', session.token)).toBe(204);
      for (const app of [a, b]) {
        expect(await me(app, session.token)).toBe(401);
        expect(await me(app, second)).toBe(401);
      }
    } finally {
      redis.resume();
    }
    const fresh = await api.login(session.email, 'correct horse battery');
    expect(await me(b, fresh)).toBe(200);
    expect(await me(a, second)).toBe(401);
  });
});
