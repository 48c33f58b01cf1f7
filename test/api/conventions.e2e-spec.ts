import { todayIn } from '../../src/common/dates/calendar-date';
import { ApiClient, Session } from '../support/api-client';
import { ApiSuite, DATABASES, expectBadRequest, expectError, startApiSuite } from './api-suite';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every route of API.md but the health probes and metrics, as OpenAPI writes them. */
const API_ROUTES: [string, string][] = [
  ['post', '/api/auth/register'],
  ['post', '/api/auth/login'],
  ['post', '/api/auth/logout'],
  ['post', '/api/auth/logout-all'],
  ['get', '/api/auth/me'],
  ['patch', '/api/auth/me'],
  ['get', '/api/categories'],
  ['post', '/api/categories'],
  ['patch', '/api/categories/{id}'],
  ['delete', '/api/categories/{id}'],
  ['get', '/api/habits'],
  ['get', '/api/habits/{id}'],
  ['post', '/api/habits'],
  ['patch', '/api/habits/{id}'],
  ['delete', '/api/habits/{id}'],
  ['put', '/api/habits/{habitId}/records/{date}'],
  ['delete', '/api/habits/{habitId}/records/{date}'],
  ['get', '/api/records'],
  ['get', '/api/analytics/performance'],
  ['get', '/api/analytics/compliance'],
  ['get', '/api/admin/cache/stats'],
  ['delete', '/api/admin/cache/users/{userId}'],
  ['post', '/api/admin/cache/flush'],
];

describe.each(DATABASES)('conventions, health, docs and admin on %s', (database) => {
  let suite: ApiSuite;
  let api: ApiClient;
  let session: Session;

  beforeAll(async () => {
    suite = await startApiSuite(database, 13);
    api = suite.api;
    session = await api.register();
  });

  afterAll(() => suite.close());

  describe('errors', () => {
    it('answer {statusCode, error, message} for 400, 401, 403, 404 and 409, without a stack trace', async () => {
      const invalid = await api.as(session).post('/api/habits', { name: '', schedule: { type: 'weekly' } });
      expectBadRequest(invalid, 'name', 'schedule');
      expect(invalid.body.error).toBe('Bad Request');
      expect(Array.isArray(invalid.body.message)).toBe(true);
      const unauthorized = await api.http.get('/api/habits');
      expectError(unauthorized, 401);
      expect(unauthorized.body.error).toBe('Unauthorized');
      const forbidden = await api.as(session).get('/api/admin/cache/stats');
      expectError(forbidden, 403);
      expect(forbidden.body.error).toBe('Forbidden');
      const notFound = await api.as(session).get('/api/habits/424242');
      expectError(notFound, 404);
      expect(notFound.body.error).toBe('Not Found');
      await api.createCategory(session, { name: 'Twice' });
      const conflict = await api.as(session).post('/api/categories', { name: 'Twice' });
      expectError(conflict, 409);
      expect(conflict.body.error).toBe('Conflict');
    });

    it('answer 413 to a body over 100 KB, on public and authenticated routes alike', async () => {
      const big = { name: 'Big', description: 'x'.repeat(101 * 1024), schedule: { type: 'daily' } };
      const authenticated = await api.as(session).post('/api/habits', big);
      expectError(authenticated, 413);
      const anonymous = await api.http.post('/api/auth/register').send({ email: 'big@example.test', password: 'p'.repeat(110 * 1024) });
      expectError(anonymous, 413);
      expect((await api.as(session).get('/api/habits')).body).toEqual([]);
    });

    it('let a body just under 100 KB through to validation (the limit is on size alone)', async () => {
      const response = await api.as(session).patch('/api/auth/me', { displayName: 'Near the limit', padding: 'x'.repeat(99 * 1024) });
      expectBadRequest(response, 'padding');
    });

    it('answer 400 to malformed JSON', async () => {
      const response = await api
        .as(session)
        .post('/api/categories')
        .set('Content-Type', 'application/json')
        .send('{"name": "Broken",');
      expectError(response, 400);
      const anonymous = await api.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{email');
      expectError(anonymous, 400);
    });

    it('answer a 4xx error body, not a 500, to a body that is not JSON or not an object', async () => {
      const text = await api.as(session).post('/api/categories').set('Content-Type', 'text/plain').send('name=Plain');
      expect(text.status).toBeGreaterThanOrEqual(400);
      expect(text.status).toBeLessThan(500);
      expectError(text, text.status);
      const array = await api.as(session).post('/api/categories').set('Content-Type', 'application/json').send('[1,2]');
      expectError(array, 400);
      const scalar = await api.as(session).post('/api/categories').set('Content-Type', 'application/json').send('"name"');
      expectError(scalar, 400);
      const nothing = await api.as(session).post('/api/categories');
      expectBadRequest(nothing, 'name');
    });

    it('answer 404 to unknown routes and methods, inside and outside /api', async () => {
      expectError(await api.as(session).get('/api/nothing-here'), 404);
      expectError(await api.http.get('/api/nothing-here'), 404);
      expectError(await api.http.get('/nothing-here'), 404);
      expectError(await api.as(session).put('/api/categories', { name: 'x' }), 404);
      expectError(await api.as(session).get('/api/habits/1/records'), 404);
    });
  });

  describe('headers', () => {
    it('echo the client’s X-Request-Id, or generate one, on every response', async () => {
      const given = await api.as(session).get('/api/auth/me').set('X-Request-Id', 'client-req-42');
      expect(given.headers['x-request-id']).toBe('client-req-42');
      const generated = await api.as(session).get('/api/auth/me');
      expect(generated.headers['x-request-id']).toMatch(UUID);
      const other = await api.as(session).get('/api/auth/me');
      expect(other.headers['x-request-id']).not.toBe(generated.headers['x-request-id']);
      for (const response of [
        await api.http.get('/health').set('X-Request-Id', 'probe-1'),
        await api.http.get('/api/habits').set('X-Request-Id', 'probe-1'),
        await api.http.get('/nothing-here').set('X-Request-Id', 'probe-1'),
        await api.http.post('/api/auth/login').set('X-Request-Id', 'probe-1').send({ email: 'a@b.test', password: 'wrong password' }),
      ]) {
        expect(response.headers['x-request-id']).toBe('probe-1');
      }
      expect((await api.http.get('/health')).headers['x-request-id']).toMatch(UUID);
    });

    it('mark cached 200s private, no-cache, every other authenticated response private, no-store, all varying by Authorization', async () => {
      const habit = await api.createHabit(session, { name: 'Headers' });
      const today = todayIn('UTC');
      const responses = [
        await api.as(session).get('/api/auth/me'),
        await api.as(session).get('/api/categories'),
        await api.as(session).get('/api/categories'),
        await api.as(session).get('/api/habits'),
        await api.as(session).get(`/api/habits/${habit.id as number}`),
        await api.as(session).put(`/api/habits/${habit.id as number}/records/${today}`, {}),
        await api.as(session).get('/api/records'),
        await api.as(session).get('/api/analytics/performance'),
        await api.as(session).get('/api/analytics/compliance'),
        await api.as(session).patch(`/api/habits/${habit.id as number}`, { name: 'Headers 2' }),
        await api.as(session).delete(`/api/habits/${habit.id as number}/records/${today}`),
        await api.as(session).get('/api/habits/999999'),
        await api.as(session).post('/api/habits', {}),
      ];
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 201, 200, 200, 200, 200, 204, 404, 400]);
      expect(responses[2].headers['x-cache']).toBe('HIT');
      const cachedRoutes = new Set([1, 2, 3, 4, 6, 7, 8]);
      responses.forEach((response, index) => {
        const expected = cachedRoutes.has(index) ? 'private, no-cache' : 'private, no-store';
        expect([index, response.headers['cache-control']]).toEqual([index, expected]);
        expect(response.headers.vary).toMatch(/\bAuthorization\b/i);
      });
    });

    it('answer X-Cache on every cached route, and only there', async () => {
      // A category write and a habit write between them drop every group's cached answers.
      await api.createCategory(session, { name: 'Cached category' });
      const habit = await api.createHabit(session, { name: 'Cached' });
      for (const path of [
        '/api/categories',
        '/api/habits',
        `/api/habits/${habit.id as number}`,
        '/api/records',
        '/api/analytics/performance',
        '/api/analytics/compliance',
      ]) {
        const first = await api.as(session).get(path);
        const second = await api.as(session).get(path);
        expect([path, first.status, first.headers['x-cache']]).toEqual([path, 200, 'MISS']);
        expect([path, second.headers['x-cache']]).toEqual([path, 'HIT']);
        expect(second.text).toBe(first.text);
        expect((await api.as(session).get(path).set('Cache-Control', 'no-cache')).headers['x-cache']).toBe('BYPASS');
      }
      expect((await api.as(session).get('/api/auth/me')).headers['x-cache']).toBeUndefined();
      expect((await api.as(session).patch(`/api/habits/${habit.id as number}`, { name: 'Cached 2' })).headers['x-cache']).toBeUndefined();
    });
  });

  describe('health', () => {
    it('GET /health answers 200 {status: "ok"} without a token', async () => {
      const response = await api.http.get('/health');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
    });

    it('GET /health/ready answers 200 with the database and Redis up', async () => {
      const response = await api.http.get('/health/ready');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ok', checks: { database: { status: 'up' }, redis: { status: 'up' } } });
      expect(typeof response.body.checks.redis.latencyMs).toBe('number');
    });

    it('is not under /api', async () => {
      expectError(await api.http.get('/api/health'), 404);
    });
  });

  describe('OpenAPI', () => {
    it('serves the Swagger UI as HTML at /docs', async () => {
      const response = await api.http.get('/docs').redirects(2);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.text).toMatch(/swagger/i);
    });

    it('serves the OpenAPI document at /docs-json with every route of the contract', async () => {
      const response = await api.http.get('/docs-json');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/application\/json/);
      expect(response.body.openapi).toMatch(/^3\./);
      const paths = response.body.paths as Record<string, Record<string, unknown>>;
      const missing = API_ROUTES.filter(([method, path]) => !paths[path]?.[method]);
      expect(missing).toEqual([]);
      expect(paths['/health']?.get).toBeDefined();
      expect(paths['/health/ready']?.get).toBeDefined();
    });

    it('documents every route the guard authenticates with the bearer scheme, and only those (one @Public sets both)', async () => {
      const paths = (await api.http.get('/docs-json')).body.paths as Record<string, Record<string, { security?: unknown[] }>>;
      const disagreements: string[] = [];
      for (const [path, item] of Object.entries(paths)) {
        for (const [method, operation] of Object.entries(item)) {
          const url = path.replace(/\{[^}]+\}/g, '1');
          const status = (await (api.http as unknown as Record<string, (url: string) => { send(body: object): Promise<{ status: number }> }>)[method](url).send({})).status;
          const required = JSON.stringify(operation.security) === JSON.stringify([{ bearer: [] }]);
          const open = JSON.stringify(operation.security) === '[]';
          // The change feed authenticates by itself (bearer header or ticket): 401 without either, too.
          if (required && status !== 401) disagreements.push(`${method} ${path}: documented as authenticated, answered ${status} without a token`);
          if (open && status === 401) disagreements.push(`${method} ${path}: documented as public, answered 401`);
          if (!required && !open) disagreements.push(`${method} ${path}: security ${JSON.stringify(operation.security)}`);
        }
      }
      expect(disagreements).toEqual([]);
    });
  });

  describe('admin routes', () => {
    let admin: Session;

    beforeAll(async () => {
      admin = await api.register({ email: 'admin@example.test' });
    });

    it('answer 401 without a token', async () => {
      expectError(await api.http.get('/api/admin/cache/stats'), 401);
      expectError(await api.http.delete('/api/admin/cache/users/1'), 401);
      expectError(await api.http.post('/api/admin/cache/flush').send({ confirm: true }), 401);
    });

    it('answer 403 to a user who is not an admin', async () => {
      expectError(await api.as(session).get('/api/admin/cache/stats'), 403);
      expectError(await api.as(session).delete(`/api/admin/cache/users/${session.userId}`), 403);
      expectError(await api.as(session).post('/api/admin/cache/flush', { confirm: true }), 403);
    });

    it('GET stats answers 200 with the cache figures to an admin', async () => {
      const response = await api.as(admin).get('/api/admin/cache/stats');
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(
        ['connected', 'errors', 'hitRate', 'hits', 'invalidations', 'keys', 'memoryBytes', 'misses', 'store', 'ttlSeconds'].sort(),
      );
      expect(response.body).toMatchObject({ store: 'redis', connected: true });
      expect(response.body.ttlSeconds).toEqual({ analytics: 3600, categories: 86400, habits: 900, records: 900 });
    });

    it('DELETE users/:userId answers 200 {deleted} to an admin, 404 for a non-numeric id', async () => {
      await api.as(session).get('/api/categories').expect(200);
      const response = await api.as(admin).delete(`/api/admin/cache/users/${session.userId}`);
      expect(response.status).toBe(200);
      expect(Object.keys(response.body)).toEqual(['deleted']);
      expect(typeof response.body.deleted).toBe('number');
      expectError(await api.as(admin).delete('/api/admin/cache/users/abc'), 404);
    });

    it('POST flush answers 200 {deleted} with confirm: true, 400 without it', async () => {
      const response = await api.as(admin).post('/api/admin/cache/flush', { confirm: true });
      expect(response.status).toBe(200);
      expect(Object.keys(response.body)).toEqual(['deleted']);
      expect(typeof response.body.deleted).toBe('number');
      expectBadRequest(await api.as(admin).post('/api/admin/cache/flush', {}), 'confirm');
      expectBadRequest(await api.as(admin).post('/api/admin/cache/flush', { confirm: 'true' }), 'confirm');
      expectBadRequest(await api.as(admin).post('/api/admin/cache/flush', { confirm: false }), 'confirm');
    });
  });
});
