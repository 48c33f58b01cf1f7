import { ApiClient } from './support/api-client';
import { privateRedisUrl, startTestApp, TestApp } from './support/test-app';

describe.each(['sqlite', 'postgres'] as const)('smoke on %s with Redis', (database) => {
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    testApp = await startTestApp({ database, redisUrl: await privateRedisUrl(15) });
    api = new ApiClient(testApp.app);
  });

  afterAll(() => testApp.close());

  it('serves a cached list and a fresh one right after a category is created', async () => {
    const session = await api.register();
    const first = await api.as(session).get('/api/categories');
    expect(first.status).toBe(200);
    expect(first.headers['x-cache']).toBe('MISS');
    const second = await api.as(session).get('/api/categories');
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.text).toBe(first.text);
    await api.createCategory(session, { name: 'Health' });
    const third = await api.as(session).get('/api/categories');
    expect(third.headers['x-cache']).toBe('MISS');
    expect(third.body.map((category: { name: string }) => category.name)).toEqual(['Health']);
  });
});
