import { DataSource } from 'typeorm';
import { ApiClient, Session } from '../support/api-client';
import { expectError } from '../api/api-suite';
import { rateLimitsShared } from '../support/rate-limits-shared';
import { http, meStatus, PASSWORD, refresh, startTwoInstances, TwoInstances } from './sessions-support';

const NEW_PASSWORD = 'another horse battery';
/** Failed attempts allowed per (address, email) in this suite: low, so the 429 is reached quickly. */
const LOGIN_LIMIT = 6;

describe.each(['sqlite', 'postgres'] as const)('password change and account deletion on two instances sharing %s', (kind) => {
  let env: TwoInstances;
  let api: ApiClient;

  beforeAll(async () => {
    env = await startTwoInstances(kind, { RATE_LIMIT_LOGIN_PER_EMAIL: String(LOGIN_LIMIT) });
    api = new ApiClient(env.a.app);
  });

  afterAll(() => env.close());

  const changePassword = (token: string, body: Record<string, unknown>) =>
    http(env.b).post('/api/auth/password').set('Authorization', `Bearer ${token}`).send(body);
  const deleteAccount = (token: string, body: Record<string, unknown>) =>
    http(env.a).delete('/api/auth/me').set('Authorization', `Bearer ${token}`).send(body);
  const login = (email: string, password: string) => http(env.a).post('/api/auth/login').send({ email, password });

  async function twoSessionsSeenByBoth(): Promise<[Session, Awaited<ReturnType<ApiClient['loginPair']>>]> {
    const session = await api.register();
    const other = await api.loginPair(session.email, PASSWORD);
    for (const app of [env.a, env.b]) {
      expect(await meStatus(app, session.token)).toBe(200);
      expect(await meStatus(app, other.accessToken)).toBe(200);
    }
    return [session, other];
  }

  describe('POST /api/auth/password', () => {
    it('changes the password, ends every other session on both instances and keeps this one', async () => {
      const [session, other] = await twoSessionsSeenByBoth();
      const response = await changePassword(session.token, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expect(response.status).toBe(204);
      for (const app of [env.a, env.b]) {
        expect(await meStatus(app, other.accessToken)).toBe(401);
        expect(await meStatus(app, session.token)).toBe(200);
      }
      expectError(await refresh(env.a, other.refreshToken), 401);
      expect((await refresh(env.b, session.refreshToken)).status).toBe(200);
      expectError(await login(session.email, PASSWORD), 401);
      expect((await login(session.email, NEW_PASSWORD)).status).toBe(200);
    });

    it('ends the other sessions on both instances also while Redis is frozen', async () => {
      const [session, other] = await twoSessionsSeenByBoth();
      env.redis.freeze();
      try {
        expect((await changePassword(session.token, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(204);
        for (const app of [env.a, env.b]) expect(await meStatus(app, other.accessToken)).toBe(401);
      } finally {
        env.redis.resume();
      }
      // The next cases count failed attempts across both instances: Redis must be shared again.
      await rateLimitsShared([env.a, env.b]);
      for (const app of [env.a, env.b]) {
        expect(await meStatus(app, other.accessToken)).toBe(401);
        expect(await meStatus(app, session.token)).toBe(200);
      }
    });

    it('answers 403 for a wrong current password and changes nothing; 400 for a bad new password', async () => {
      const [session, other] = await twoSessionsSeenByBoth();
      expectError(await changePassword(session.token, { currentPassword: 'not the password', newPassword: NEW_PASSWORD }), 403);
      expectError(await changePassword(session.token, { currentPassword: PASSWORD, newPassword: 'short' }), 400);
      expectError(await changePassword(session.token, { currentPassword: PASSWORD }), 400);
      expectError(await changePassword(session.token, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, extra: 1 }), 400);
      expect(await meStatus(env.a, other.accessToken)).toBe(200);
      expect((await login(session.email, PASSWORD)).status).toBe(200);
    });

    it('counts wrong current passwords with the failed logins of that account: 429 with Retry-After, even with the right one', async () => {
      const session = await api.register();
      for (let i = 0; i < LOGIN_LIMIT - 1; i++) {
        expectError(await changePassword(session.token, { currentPassword: `wrong ${i}`, newPassword: NEW_PASSWORD }), 403);
      }
      expectError(await login(session.email, 'also wrong'), 401);
      const limited = await changePassword(session.token, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expectError(limited, 429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expectError(await login(session.email, PASSWORD), 429);
    });
  });

  describe('DELETE /api/auth/me', () => {
    it('deletes the account and all its data, ends every session on both instances, and frees the email', async () => {
      const [session, other] = await twoSessionsSeenByBoth();
      const category = await api.createCategory(session);
      const habit = await api.createHabit(session, { categoryId: category.id });
      const today = new Date().toISOString().slice(0, 10);
      await api.putRecord(session, habit.id as number, today);
      const response = await deleteAccount(session.token, { password: PASSWORD });
      expect(response.status).toBe(204);
      expect(([] as string[]).concat(response.headers['set-cookie'] ?? []).some((c) => c.startsWith('__Host-refresh=;'))).toBe(true);
      for (const app of [env.a, env.b]) {
        expect(await meStatus(app, session.token)).toBe(401);
        expect(await meStatus(app, other.accessToken)).toBe(401);
      }
      expectError(await refresh(env.b, other.refreshToken), 401);
      expectError(await login(session.email, PASSWORD), 401);
      const dataSource = env.a.app.get(DataSource);
      for (const [table, column] of [['users', 'id'], ['categories', 'user_id'], ['habits', 'user_id'], ['habit_records', 'user_id'], ['sessions', 'user_id']]) {
        const row = await dataSource.createQueryBuilder().select('COUNT(*)', 'n').from(table, 't').where(`t.${column} = :id`, { id: session.userId }).getRawOne<{ n: string | number }>();
        expect({ table, rows: Number(row!.n) }).toEqual({ table, rows: 0 });
      }
      const again = await http(env.b).post('/api/auth/register').send({ email: session.email.toUpperCase(), password: NEW_PASSWORD });
      expect(again.status).toBe(201);
      expect(again.body.id).not.toBe(session.userId);
      const fresh = await api.login(session.email, NEW_PASSWORD);
      for (const path of ['/api/categories', '/api/habits', `/api/records?from=${today}&to=${today}`]) {
        const list = await api.as(fresh).get(path);
        expect({ path, body: list.body as unknown }).toEqual({ path, body: [] });
      }
    });

    it('never serves a cached response of the deleted user again, on either instance', async () => {
      const session = await api.register();
      await api.createHabit(session, { name: 'Secret habit' });
      for (const app of [env.a, env.b]) {
        const miss = await http(app).get('/api/habits').set('Authorization', `Bearer ${session.token}`);
        const hit = await http(app).get('/api/habits').set('Authorization', `Bearer ${session.token}`);
        expect(hit.headers['x-cache']).toBe('HIT');
        expect(miss.text).toContain('Secret habit');
      }
      const keysBefore = (await env.redis.command('KEYS', `{u:${session.userId}}:habits:*`)) as string[];
      expect(keysBefore.length).toBeGreaterThan(0);
      expect((await deleteAccount(session.token, { password: PASSWORD })).status).toBe(204);
      expect(await env.redis.command('KEYS', `{u:${session.userId}}:habits:*`)).toEqual([]);
      for (const app of [env.a, env.b]) {
        const response = await http(app).get('/api/habits').set('Authorization', `Bearer ${session.token}`);
        expectError(response, 401);
        expect(response.text).not.toContain('Secret habit');
      }
    });

    it('answers 403 for a wrong password and 400 without one, and deletes nothing', async () => {
      const session = await api.register();
      await api.createHabit(session, { name: 'Kept' });
      expectError(await deleteAccount(session.token, { password: 'not the password' }), 403);
      expectError(await deleteAccount(session.token, {}), 400);
      const habits = await api.as(session).get('/api/habits');
      expect(habits.body).toHaveLength(1);
      expect(await meStatus(env.b, session.token)).toBe(200);
    });
  });
});
