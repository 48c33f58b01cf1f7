import { loadAppConfig } from '../../src/config/load-app-config';
import { ApiClient } from '../support/api-client';
import { signToken, tokenClaims } from '../support/jwt';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

const LONG_SECRET = 'a-production-secret-of-32-chars!';

describe('settings checked at start-up', () => {
  it('gives every limit and operations setting its documented default', () => {
    const config = loadAppConfig({});
    expect(config.rateLimit).toEqual({
      loginPerEmail: 5,
      loginPerIp: 30,
      loginWindowSeconds: 900,
      registerPerIp: 20,
      registerWindowSeconds: 3600,
      perUser: 6000,
      windowSeconds: 60,
    });
    expect(config).toMatchObject({ metricsEnabled: true, logLevel: 'info', shutdownGraceMs: 10000, trustProxyHops: 0, corsOrigins: [] });
  });

  it.each([
    ['CACHE_TTL_HABITS', 'abc'],
    ['CACHE_TTL_ANALYTICS', '-5'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://db/habits'],
    ['REDIS_URL', 'http://cache:6379'],
    ['CACHE_ENABLED', 'maybe'],
    ['JWT_EXPIRES_IN', 'forever'],
    ['RATE_LIMIT_LOGIN_PER_EMAIL', '0'],
    ['RATE_LIMIT_LOGIN_PER_IP', 'many'],
    ['RATE_LIMIT_LOGIN_WINDOW_SECONDS', '1.5'],
    ['RATE_LIMIT_REGISTER_PER_IP', '-1'],
    ['RATE_LIMIT_REGISTER_WINDOW_SECONDS', '1h'],
    ['RATE_LIMIT_PER_USER', 'Infinity'],
    ['RATE_LIMIT_WINDOW_SECONDS', '0'],
    ['METRICS_ENABLED', 'sometimes'],
    ['LOG_LEVEL', 'loud'],
    ['SHUTDOWN_GRACE_MS', '-1'],
    ['TRUST_PROXY_HOPS', 'all'],
    ['NODE_ENV', 'staging'],
    ['PUBLIC_URL', 'habits.example.org'],
    ['PUBLIC_URL', 'ftp://habits.example.org'],
    ['PUBLIC_URL', 'https://habits.example.org/app'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadAppConfig({ [name]: value })).toThrow(name);
  });

  it('reads a Redis Cluster or Sentinel, and refuses a combination that names both or half of one', () => {
    const cluster = loadAppConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, 10.0.0.2:7001', REDIS_PASSWORD: 'p@ss:w/rd#1' });
    expect(cluster.redisTopology).toEqual({ kind: 'cluster', nodes: [{ host: '10.0.0.1', port: 7000 }, { host: '10.0.0.2', port: 7001 }] });
    expect(cluster.redisUrl).toBe('redis://10.0.0.1:7000');
    expect(cluster.redisPassword).toBe('p@ss:w/rd#1');
    const sentinel = loadAppConfig({ REDIS_URL: 'rediss://app@cache', REDIS_SENTINELS: 's1:26379,s2:26379', REDIS_SENTINEL_MASTER: 'habits' });
    expect(sentinel.redisTopology).toEqual({ kind: 'sentinel', sentinels: [{ host: 's1', port: 26379 }, { host: 's2', port: 26379 }], masterName: 'habits' });
    expect(loadAppConfig({ REDIS_URL: 'redis://cache:6379' }).redisTopology).toEqual({ kind: 'single' });
    expect(() => loadAppConfig({ REDIS_CLUSTER_NODES: 'a:1', REDIS_SENTINELS: 'b:2', REDIS_SENTINEL_MASTER: 'm' })).toThrow(/REDIS_CLUSTER_NODES: cannot be combined with REDIS_SENTINELS/);
    expect(() => loadAppConfig({ REDIS_SENTINELS: 'b:2' })).toThrow(/REDIS_SENTINEL_MASTER: is required with REDIS_SENTINELS/);
    expect(() => loadAppConfig({ REDIS_SENTINEL_MASTER: 'habits' })).toThrow(/REDIS_SENTINELS: is required with REDIS_SENTINEL_MASTER/);
    expect(() => loadAppConfig({ REDIS_CLUSTER_NODES: 'a:1,b' })).toThrow(/REDIS_CLUSTER_NODES: expected host:port/);
    expect(() => loadAppConfig({ REDIS_CLUSTER_NODES: 'a:70000' })).toThrow(/REDIS_CLUSTER_NODES/);
  });

  it('takes REDIS_PASSWORD as it is (any characters) and refuses it without REDIS_URL', () => {
    expect(() => loadAppConfig({ REDIS_PASSWORD: 'p@ss:w/rd#1' })).toThrow(/REDIS_PASSWORD: is set, but REDIS_URL is not/);
    expect(loadAppConfig({ REDIS_URL: 'redis://cache:6379/0', REDIS_PASSWORD: ' p@ss:w/rd#1 ' }).redisPassword).toBe(' p@ss:w/rd#1 ');
  });

  it('reads PUBLIC_URL as an origin (null when unset)', () => {
    expect(loadAppConfig({}).publicUrl).toBeNull();
    expect(loadAppConfig({ PUBLIC_URL: 'https://Habits.Example.org/' }).publicUrl).toBe('https://habits.example.org');
    expect(loadAppConfig({ PUBLIC_URL: 'http://127.0.0.1:8080' }).publicUrl).toBe('http://127.0.0.1:8080');
  });

  it('names every bad setting at once', () => {
    expect(() => loadAppConfig({ PORT: 'x', LOG_LEVEL: 'loud', RATE_LIMIT_PER_USER: '0' })).toThrow(/PORT[\s\S]*RATE_LIMIT_PER_USER[\s\S]*LOG_LEVEL/);
  });

  it('requires a JWT_SECRET of at least 32 characters in production', () => {
    const production = { NODE_ENV: 'production' };
    expect(() => loadAppConfig(production)).toThrow(/JWT_SECRET: is required when NODE_ENV=production/);
    expect(() => loadAppConfig({ ...production, JWT_SECRET: '   ' })).toThrow(/JWT_SECRET: is required/);
    expect(() => loadAppConfig({ ...production, JWT_SECRET: 'x'.repeat(31) })).toThrow(/JWT_SECRET: must be at least 32 characters/);
    expect(loadAppConfig({ ...production, JWT_SECRET: LONG_SECRET }).jwt.secret).toBe(LONG_SECRET);
    expect(loadAppConfig({}).jwt.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('stops the application from starting on a bad setting, naming it', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      await expect(startTestApp({ database, env: { CACHE_TTL_HABITS: 'abc' } })).rejects.toThrow(/CACHE_TTL_HABITS/);
      await expect(startTestApp({ database, env: { NODE_ENV: 'production', JWT_SECRET: '' } })).rejects.toThrow(/JWT_SECRET/);
      await expect(startTestApp({ database, env: { NODE_ENV: 'production', JWT_SECRET: 'short' } })).rejects.toThrow(/JWT_SECRET: must be at least 32/);
    } finally {
      await database.drop();
    }
  });
});

describe('access tokens', () => {
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    api = new ApiClient(testApp.app);
  });

  afterAll(() => testApp.close());

  it('are HS256 tokens with sub, sid, jti, iat and exp, and each is required', async () => {
    const session = await api.register();
    const [header, payload] = session.token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
    expect(header.alg).toBe('HS256');
    expect(Object.keys(payload)).toEqual(expect.arrayContaining(['sub', 'sid', 'jti', 'iat', 'exp']));
    expect(payload.sid).toBe(session.sessionId);
    const sid = session.sessionId;
    expect((await api.as(signToken(tokenClaims(session.userId, { sid }))).get('/api/auth/me')).status).toBe(200);
    for (const claim of ['sub', 'sid', 'jti', 'iat', 'exp']) {
      const response = await api.as(signToken(tokenClaims(session.userId, { sid, [claim]: undefined }))).get('/api/auth/me');
      expect({ claim, status: response.status }).toEqual({ claim, status: 401 });
    }
    for (const alg of ['HS512', 'none'] as const) {
      expect((await api.as(signToken(tokenClaims(session.userId, { sid }), { alg })).get('/api/auth/me')).status).toBe(401);
    }
  });
});
