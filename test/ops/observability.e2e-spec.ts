import { DataSource } from 'typeorm';
import { User } from '../../src/users/user.entity';
import { ApiClient, Session } from '../support/api-client';
import { RedisServer } from '../support/redis-server';
import { privateRedisUrl, startTestApp, TestApp } from '../support/test-app';
import { LogCapture } from './ops-support';

const PASSWORD = 'a very secret passphrase 42';

/** The value of one sample of the Prometheus text, e.g. `metric(text, 'cache_requests_total', { group: 'habits', outcome: 'hit' })`. */
function metric(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(name)) continue;
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe('metrics, logs and headers', () => {
  const logs = new LogCapture();
  let testApp: TestApp;
  let api: ApiClient;
  let session: Session;

  beforeAll(async () => {
    testApp = await startTestApp({
      redisUrl: await privateRedisUrl(14),
      env: { LOG_LEVEL: 'info', CORS_ORIGINS: 'https://app.example.test' },
      logDestination: logs,
    });
    api = new ApiClient(testApp.app);
    session = await api.register({ password: PASSWORD });
  });

  afterAll(() => testApp.close());

  const scrape = async () => {
    const response = await api.http.get('/metrics');
    expect(response.status).toBe(200);
    return response.text;
  };

  describe('GET /metrics', () => {
    it('answers Prometheus text without a token, outside /api', async () => {
      const response = await api.http.get('/metrics');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(response.text).toContain('# TYPE http_request_duration_seconds histogram');
      expect((await api.http.get('/api/metrics')).status).toBe(404);
    });

    it('counts requests by route pattern and status, never by raw URL', async () => {
      const labels = { method: 'GET', route: '/api/habits/:id', status_code: '404' };
      const before = metric(await scrape(), 'http_request_duration_seconds_count', labels) ?? 0;
      await api.as(session).get('/api/habits/424242');
      await api.as(session).get('/api/habits/434343');
      const text = await scrape();
      expect(metric(text, 'http_request_duration_seconds_count', labels)).toBe(before + 2);
      expect(metric(text, 'http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(before + 2);
      expect(text).not.toContain('424242');
      await api.http.get('/no/such/route/123');
      expect(metric(await scrape(), 'http_request_duration_seconds_count', { route: 'unmatched', status_code: '404' })).toBeGreaterThanOrEqual(1);
    });

    it('moves the cache counters by group as requests hit, miss, bypass and invalidate', async () => {
      const read = (text: string, outcome: string) => metric(text, 'cache_requests_total', { group: 'categories', outcome }) ?? 0;
      const before = await scrape();
      await api.as(session).get('/api/categories');
      await api.as(session).get('/api/categories');
      await api.as(session).get('/api/categories').set('Cache-Control', 'no-cache');
      await api.createCategory(session, { name: 'Counted' });
      const after = await scrape();
      expect(read(after, 'miss') - read(before, 'miss')).toBe(1);
      expect(read(after, 'hit') - read(before, 'hit')).toBe(1);
      expect(read(after, 'bypass') - read(before, 'bypass')).toBe(1);
      expect(metric(after, 'cache_invalidations_total')! - metric(before, 'cache_invalidations_total')!).toBe(1);
      expect(metric(after, 'cache_errors_total')).toBe(0);
      expect(metric(after, 'cache_requests_total', { group: 'analytics', outcome: 'hit' })).toBe(0);
    });

    it('reports the circuit breaker, Redis, the database and the rate-limit store', async () => {
      const text = await scrape();
      expect(metric(text, 'cache_circuit_breaker_state', { state: 'closed' })).toBe(1);
      expect(metric(text, 'cache_circuit_breaker_state', { state: 'open' })).toBe(0);
      expect(metric(text, 'redis_up')).toBe(1);
      expect(metric(text, 'database_up')).toBe(1);
      expect(metric(text, 'rate_limit_shared')).toBe(1);
      expect(metric(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    });
  });

  describe('logs', () => {
    it('writes one JSON line per request: request id, route, status, duration, user id, cache status', async () => {
      await api.as(session).get('/api/habits').set('X-Request-Id', 'trace-me-1');
      await api.as(session).get('/api/habits').set('X-Request-Id', 'trace-me-2');
      const lines = logs.requests.filter((line) => String(line.requestId).startsWith('trace-me-'));
      expect(lines).toEqual([
        expect.objectContaining({ level: 'info', requestId: 'trace-me-1', method: 'GET', route: '/api/habits', status: 200, userId: session.userId, cache: 'MISS' }),
        expect.objectContaining({ requestId: 'trace-me-2', status: 200, cache: 'HIT' }),
      ]);
      expect(typeof lines[0].durationMs).toBe('number');
      expect(typeof lines[0].time).toBe('string');
    });

    it('logs the request id it generated and sent back', async () => {
      const response = await api.http.get('/api/habits');
      const requestId = response.headers['x-request-id'];
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(logs.requests.find((line) => line.requestId === requestId)).toMatchObject({ status: 401, userId: null, route: '/api/habits' });
    });

    it('never writes a password, a token or a password hash', async () => {
      const token = await api.login(session.email, PASSWORD);
      await api.http.post('/api/auth/login').send({ email: session.email, password: `${PASSWORD}-wrong` });
      await api.as(token).patch('/api/auth/me', { displayName: 'Logged' });
      await api.as(token).post('/api/auth/logout');
      await api.as(token).get('/api/auth/me');
      await api.http.post('/api/auth/register').send({ email: 'second@example.test', password: PASSWORD, extra: PASSWORD });
      const { passwordHash: hash } = await testApp.app.get(DataSource).getRepository(User).findOneByOrFail({ id: session.userId });
      const text = logs.text;
      expect(text.length).toBeGreaterThan(1000);
      for (const secret of [PASSWORD, token, session.token, hash, hash.split('$').at(-1)!, 'scrypt$', 'Bearer ']) expect(text).not.toContain(secret);
    });
  });

  describe('headers', () => {
    it("sets helmet's security headers on every answer, errors and unknown routes included", async () => {
      const answers = [
        await api.http.get('/health'),
        await api.as(session).get('/api/categories'),
        await api.http.get('/api/habits'),
        await api.http.get('/no/such/route'),
        await api.http.get('/metrics'),
      ];
      for (const response of answers) {
        expect(response.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'strict-transport-security': expect.stringContaining('max-age='),
          'content-security-policy': "default-src 'none';frame-ancestors 'none'",
          'referrer-policy': 'no-referrer',
        });
        expect(response.headers['x-powered-by']).toBeUndefined();
      }
    });

    it("gives the Swagger UI pages helmet's defaults, with what Swagger UI loads allowed", async () => {
      const page = await api.http.get('/docs');
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    });

    it('allows only the origins of CORS_ORIGINS', async () => {
      const allowed = await api.http.options('/api/habits').set('Origin', 'https://app.example.test').set('Access-Control-Request-Method', 'GET');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.test');
      const other = await api.http.options('/api/habits').set('Origin', 'https://evil.example.test').set('Access-Control-Request-Method', 'GET');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const simple = await api.as(session).get('/api/categories').set('Origin', 'https://evil.example.test');
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});

describe('logs while Redis hangs', () => {
  const logs = new LogCapture();
  let redis: RedisServer;
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    redis = await RedisServer.start();
    testApp = await startTestApp({ redisUrl: redis.url, env: { LOG_LEVEL: 'warn' }, logDestination: logs });
    api = new ApiClient(testApp.app);
  });

  afterAll(async () => {
    redis.resume();
    await testApp.close();
    await redis.stop();
  });

  it("carry the request's id on a warning logged while it is handled", async () => {
    const session = await api.register();
    redis.freeze();
    try {
      // The third failed cache operation opens the circuit, which is logged once.
      for (const attempt of [1, 2, 3]) {
        const response = await api.as(session).get('/api/categories').set('X-Request-Id', `while-redis-hangs-${attempt}`);
        expect(response.status).toBe(200);
      }
    } finally {
      redis.resume();
    }
    const warning = logs.lines.find((line) => line.context === 'CacheStore');
    expect(warning).toMatchObject({ level: 'warn', requestId: expect.stringMatching(/^while-redis-hangs-\d$/) });
    expect(String(warning?.msg)).toMatch(/serving from the database/);
  });
});

describe('with METRICS_ENABLED=false and LOG_LEVEL=warn', () => {
  const logs = new LogCapture();
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    testApp = await startTestApp({ env: { METRICS_ENABLED: 'false', LOG_LEVEL: 'warn' }, logDestination: logs });
    api = new ApiClient(testApp.app);
  });

  afterAll(() => testApp.close());

  it('answers 404 on /metrics and writes no request lines', async () => {
    const response = await api.http.get('/metrics');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    await api.register();
    expect(logs.requests).toEqual([]);
  });
});
