import { ApiClient } from '../support/api-client';
import { RedisServer } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';

/** API.md § Settings: REDIS_PASSWORD, any characters, no URL-encoding; it wins over a password in REDIS_URL. */
const PASSWORD = 'p@ss:w/rd#1';

describe('REDIS_PASSWORD', () => {
  let redis: RedisServer;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    redis = await RedisServer.start(['--requirepass', PASSWORD]);
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await redis.stop();
  });

  async function cachedTwice(env: Record<string, string>): Promise<{ caches: string[]; redis: unknown }> {
    const testApp = await startTestApp({ env });
    apps.push(testApp);
    const api = new ApiClient(testApp.app);
    const session = await api.register();
    const first = await api.as(session).get('/api/categories').expect(200);
    const second = await api.as(session).get('/api/categories').expect(200);
    const ready = await api.http.get('/health/ready').expect(200);
    return { caches: [first.headers['x-cache'], second.headers['x-cache']], redis: ready.body.checks.redis.status };
  }

  it('connects with a password full of URL delimiters given on its own, and caches', async () => {
    expect(await cachedTwice({ REDIS_URL: `${redis.url}/1`, REDIS_PASSWORD: PASSWORD })).toEqual({ caches: ['MISS', 'HIT'], redis: 'up' });
  });

  it('lets REDIS_PASSWORD win over a wrong password in REDIS_URL', async () => {
    // Each case has a database of its own: every app here has a fresh SQLite file, so user ids repeat.
    const url = `redis://:wrong@127.0.0.1:${redis.port}/2`;
    expect(await cachedTwice({ REDIS_URL: url, REDIS_PASSWORD: PASSWORD })).toEqual({ caches: ['MISS', 'HIT'], redis: 'up' });
  });

  it('without it, a password-protected Redis is reported down and the API answers uncached', async () => {
    expect(await cachedTwice({ REDIS_URL: `${redis.url}/3` })).toEqual({ caches: ['BYPASS', 'BYPASS'], redis: 'down' });
  });
});
