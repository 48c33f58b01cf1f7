import request, { Response } from 'supertest';
import { ApiClient } from '../support/api-client';
import { rateLimitsShared } from '../support/rate-limits-shared';
import { RedisServer } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { freshAddress, sleep } from './ops-support';

/** Tight limits so that the suite is fast; each test uses client addresses of its own (X-Forwarded-For behind one trusted proxy). */
const LIMITS = {
  RATE_LIMIT_LOGIN_PER_EMAIL: '5',
  RATE_LIMIT_LOGIN_PER_IP: '12',
  RATE_LIMIT_REGISTER_PER_IP: '3',
  RATE_LIMIT_PER_USER: '30',
  TRUST_PROXY_HOPS: '1',
};
const PASSWORD = 'correct horse battery';
/** Longer than two batches of the shared per-user counters (100 ms each). */
const SYNC_WAIT_MS = 300;

describe('rate limits on two instances sharing Redis', () => {
  let redis: RedisServer;
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    redis = await RedisServer.start();
    database = await createTestDatabase('sqlite');
    a = await startTestApp({ database, redisUrl: redis.url, env: LIMITS });
    b = await startTestApp({ database, redisUrl: redis.url, env: LIMITS });
  });

  afterAll(async () => {
    await a.close();
    await b.close();
    await database.drop();
    await redis.stop();
  });

  const post = (app: TestApp, path: string, body: object, from: string) =>
    request(app.app.getHttpServer()).post(path).set('X-Forwarded-For', from).send(body);
  const login = (app: TestApp, email: string, password: string, from: string) => post(app, '/api/auth/login', { email, password }, from);
  const get = (app: TestApp, path: string, token: string) => request(app.app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);

  async function registerUser(): Promise<{ email: string; token: string }> {
    const email = `limited-${Math.random().toString(36).slice(2)}@example.test`;
    const from = freshAddress();
    expect((await post(a, '/api/auth/register', { email, password: PASSWORD }, from)).status).toBe(201);
    const response = await login(a, email, PASSWORD, from);
    expect(response.status).toBe(200);
    return { email, token: response.body.accessToken as string };
  }

  function expectTooMany(response: Response, limit: number, windowSeconds: number): void {
    expect(response.status).toBe(429);
    expect(response.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    const retryAfter = Number(response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
    expect(response.headers['x-ratelimit-limit']).toBe(String(limit));
    expect(response.headers['x-ratelimit-remaining']).toBe('0');
  }

  describe('with Redis up', () => {
    it('answers the 6th failed login for one email from one address with 429 and Retry-After, on either instance', async () => {
      const { email } = await registerUser();
      const attacker = freshAddress();
      for (const app of [a, b, a, b, a]) expect((await login(app, email, 'wrong password', attacker)).status).toBe(401);
      expectTooMany(await login(b, email, 'wrong password', attacker), 5, 900);
      expectTooMany(await login(a, email, 'wrong password', attacker), 5, 900);
      // Even the right password, from there: a guess that succeeds must not be told apart.
      expectTooMany(await login(a, email.toUpperCase(), PASSWORD, attacker), 5, 900);
      // The owner, from elsewhere, is not locked out.
      expect((await login(b, email, PASSWORD, freshAddress())).status).toBe(200);
    });

    it('counts only failed logins: successful ones give their attempt back', async () => {
      const { email } = await registerUser();
      const from = freshAddress();
      for (let attempt = 0; attempt < 8; attempt += 1) expect((await login(attempt % 2 ? a : b, email, PASSWORD, from)).status).toBe(200);
      for (let attempt = 0; attempt < 5; attempt += 1) expect((await login(a, email, 'nope nope', from)).status).toBe(401);
      expectTooMany(await login(b, email, 'nope nope', from), 5, 900);
    });

    it('lets concurrent guesses past the limit no more than the limit allows', async () => {
      const { email } = await registerUser();
      const attacker = freshAddress();
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(i % 2 ? a : b, email, `guess ${i}`, attacker)));
      const statuses = answers.map((response) => response.status).sort();
      expect(statuses.filter((status) => status === 401)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(7);
    });

    it('limits failed logins per client address across emails', async () => {
      const attacker = freshAddress();
      for (let attempt = 0; attempt < 12; attempt += 1) {
        expect((await login(attempt % 2 ? a : b, `nobody-${attempt}@example.test`, 'guess guess', attacker)).status).toBe(401);
      }
      expectTooMany(await login(a, 'someone-else@example.test', 'guess guess', attacker), 12, 900);
    });

    it('limits registrations per client address, across instances', async () => {
      const from = freshAddress();
      for (const app of [a, b, a]) {
        const email = `reg-${Math.random().toString(36).slice(2)}@example.test`;
        expect((await post(app, '/api/auth/register', { email, password: PASSWORD }, from)).status).toBe(201);
      }
      expectTooMany(await post(b, '/api/auth/register', { email: 'one-more@example.test', password: PASSWORD }, from), 3, 3600);
      expect((await post(b, '/api/auth/register', { email: 'elsewhere@example.test', password: PASSWORD }, freshAddress())).status).toBe(201);
    });

    it('shares the per-user limit between instances, with the X-RateLimit headers on every answer', async () => {
      const user = await registerUser();
      const other = await registerUser();
      for (let i = 0; i < 20; i += 1) expect((await get(a, '/api/categories', user.token)).status).toBe(200);
      await sleep(SYNC_WAIT_MS);
      expect((await get(b, '/api/categories', user.token)).status).toBe(200);
      await sleep(SYNC_WAIT_MS);
      // B now knows of A's 20 requests: 9 more are allowed (22..30), the 10th is refused.
      for (let i = 0; i < 9; i += 1) {
        const response = await get(b, '/api/categories', user.token);
        expect(response.status).toBe(200);
        expect(response.headers['x-ratelimit-limit']).toBe('30');
        expect(response.headers['x-ratelimit-remaining']).toBe(String(30 - 22 - i));
        expect(Number(response.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
      }
      expectTooMany(await get(b, '/api/categories', user.token), 30, 60);
      // A reads the shared total back with the batch of its own next hit: a request or two late.
      const onA: number[] = [];
      for (let i = 0; i < 3 && onA.at(-1) !== 429; i += 1) {
        onA.push((await get(a, '/api/auth/me', user.token)).status);
        await sleep(SYNC_WAIT_MS);
      }
      expect(onA.at(-1)).toBe(429);
      // Another user from the same address has a limit of their own.
      expect((await get(a, '/api/categories', other.token)).status).toBe(200);
    });

    it('never limits health probes or metrics', async () => {
      const server = a.app.getHttpServer();
      const from = freshAddress();
      for (let i = 0; i < 40; i += 1) {
        for (const path of ['/health', '/health/ready', '/metrics']) {
          const response = await request(server).get(path).set('X-Forwarded-For', from);
          expect(response.status).toBe(200);
          expect(response.headers['x-ratelimit-limit']).toBeUndefined();
        }
      }
    });
  });

  describe('with Redis stopped', () => {
    let user: { email: string; token: string };

    beforeAll(async () => {
      user = await registerUser();
      await redis.stop();
    });

    it('still limits failed logins, per instance, and never answers 5xx', async () => {
      const attacker = freshAddress();
      for (const app of [a, b]) {
        for (let attempt = 0; attempt < 5; attempt += 1) expect((await login(app, user.email, 'wrong password', attacker)).status).toBe(401);
        expectTooMany(await login(app, user.email, 'wrong password', attacker), 5, 900);
      }
      expect((await login(a, user.email, PASSWORD, freshAddress())).status).toBe(200);
    });

    it('still limits each user, per instance', async () => {
      const fresh = (await login(a, user.email, PASSWORD, freshAddress())).body.accessToken as string;
      for (let i = 0; i < 30; i += 1) expect((await get(b, '/api/auth/me', fresh)).status).toBe(200);
      expectTooMany(await get(b, '/api/auth/me', fresh), 30, 60);
      expect((await get(a, '/api/auth/me', fresh)).status).toBe(200);
    });

    it('counts in Redis again once it is back, and keeps the failures counted while it was away', async () => {
      const duringOutage = freshAddress();
      for (const app of [a, a, b]) expect((await login(app, user.email, 'wrong password', duringOutage)).status).toBe(401);
      await redis.start();
      await rateLimitsShared([a, b]);
      const { email } = await registerUser();
      const attacker = freshAddress();
      for (const app of [a, b, a, b, a]) expect((await login(app, email, 'wrong password', attacker)).status).toBe(401);
      expectTooMany(await login(b, email, 'wrong password', attacker), 5, 900);
      // Two on a and one on b while Redis was away, handed over with the first hit of each: 3 + 2 = 5.
      for (const app of [a, b]) expect((await login(app, user.email, 'wrong password', duringOutage)).status).toBe(401);
      expectTooMany(await login(b, user.email, 'wrong password', duringOutage), 5, 900);
    });
  });
});

describe('rate limits without Redis (one instance, in-process counters)', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startTestApp({ env: { ...LIMITS, TRUST_PROXY_HOPS: '0' } });
    api = new ApiClient(app.app);
  });

  afterAll(() => app.close());

  it('ignores X-Forwarded-For unless a proxy is trusted: a client cannot pick a new address per guess', async () => {
    const session = await api.register({ password: PASSWORD });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await api.http.post('/api/auth/login').set('X-Forwarded-For', freshAddress()).send({ email: session.email, password: 'wrong password' });
      expect(response.status).toBe(401);
    }
    const blocked = await api.http.post('/api/auth/login').set('X-Forwarded-For', freshAddress()).send({ email: session.email, password: 'wrong password' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });
});
