import { ApiClient, Session } from '../support/api-client';
import { RedisServer } from '../support/redis-server';
import { ManualClock, privateRedisUrl, startTestApp, TestApp } from '../support/test-app';
import { FeedInstance, startFeedInstance } from '../events/feed-support';
import { isChange, isEnd, SseStream } from '../events/sse-client';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { signToken, tokenClaims } from '../support/jwt';

const PASSWORD = 'correct horse battery';
const DAY_MS = 86_400_000;
const BAD_TOKEN = 'Missing, invalid or expired access token';

interface CreatedToken {
  id: number;
  name: string;
  scope: 'read' | 'write';
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  secret: string;
}

async function until<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(['sqlite', 'postgres'] as const)('personal access tokens on two instances sharing Redis and %s', (kind) => {
  let redis: RedisServer;
  let database: TestDatabase;
  let clock: ManualClock;
  let a: TestApp;
  let b: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    redis = await RedisServer.start();
    database = await createTestDatabase(kind);
    clock = new ManualClock();
    a = await startTestApp({ database, redisUrl: redis.url, clock });
    b = await startTestApp({ database, redisUrl: redis.url, clock });
    api = new ApiClient(a.app);
  });

  afterAll(async () => {
    redis.resume();
    await a.close();
    await b.close();
    await database.drop();
    await redis.stop();
  });

  const on = (app: TestApp) => new ApiClient(app.app);
  const status = async (app: TestApp, secret: string, path = '/api/habits') => (await on(app).as(secret).get(path)).status;

  async function createToken(session: Session, body: Record<string, unknown> = {}): Promise<CreatedToken> {
    const response = await api.as(session).post('/api/auth/tokens', { name: 'Home Assistant', scope: 'write', ...body });
    expect(response.status).toBe(201);
    return response.body as CreatedToken;
  }

  /** A token both instances have accepted (and remembered) already. */
  async function tokenSeenByBoth(session: Session, scope: 'read' | 'write' = 'write'): Promise<CreatedToken> {
    const token = await createToken(session, { scope });
    expect(await status(a, token.secret)).toBe(200);
    expect(await status(b, token.secret)).toBe(200);
    return token;
  }

  describe('creating, listing and revoking', () => {
    it('shows the secret once (hat_ and 43+ base64url characters) and lists tokens without it, newest first', async () => {
      const session = await api.register();
      const first = await createToken(session, { name: 'Stream Deck', scope: 'read', expiresInDays: 30 });
      expect(first).toEqual({
        id: expect.any(Number),
        name: 'Stream Deck',
        scope: 'read',
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
        lastUsedAt: null,
        secret: expect.stringMatching(/^hat_[A-Za-z0-9_-]{43,}$/),
      });
      expect(Date.parse(first.expiresAt!) - Date.parse(first.createdAt)).toBe(30 * DAY_MS);
      const second = await createToken(session, { name: 'Dashboard' });
      expect(second.expiresAt).toBeNull();
      const list = await api.as(session).get('/api/auth/tokens');
      expect(list.status).toBe(200);
      expect(list.body.map((token: CreatedToken) => token.id)).toEqual([second.id, first.id]);
      expect(JSON.stringify(list.body)).not.toContain('hat_');
      expect(Object.keys(list.body[0]).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'scope']);
    });

    it.each([
      [{ name: '', scope: 'read' }, 'name'],
      [{ name: 'x'.repeat(51), scope: 'read' }, 'name'],
      [{ scope: 'read' }, 'name'],
      [{ name: 'n', scope: 'admin' }, 'scope'],
      [{ name: 'n' }, 'scope'],
      [{ name: 'n', scope: 'write', expiresInDays: 0 }, 'expiresInDays'],
      [{ name: 'n', scope: 'write', expiresInDays: 367 }, 'expiresInDays'],
      [{ name: 'n', scope: 'write', expiresInDays: 1.5 }, 'expiresInDays'],
      [{ name: 'n', scope: 'write', owner: 1 }, 'owner'],
    ])('answers 400 naming the field for %j, and makes nothing', async (body, field) => {
      const session = await api.register();
      const response = await api.as(session).post('/api/auth/tokens', body);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.message)).toContain(field);
      expect((await api.as(session).get('/api/auth/tokens')).body).toEqual([]);
    });

    it('allows 20 live tokens and answers 409 for the 21st, even when asked for at once', async () => {
      const session = await api.register();
      for (let index = 0; index < 18; index += 1) await createToken(session, { name: `t${index}` });
      const racing = await Promise.all([a, b, a, b].map((app) => on(app).as(session).post('/api/auth/tokens', { name: 'race', scope: 'read' })));
      expect(racing.map((response) => response.status).sort()).toEqual([201, 201, 409, 409]);
      expect((await api.as(session).get('/api/auth/tokens')).body).toHaveLength(20);
      const refused = await api.as(session).post('/api/auth/tokens', { name: 'one more', scope: 'read' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    });

    it('revokes with 204, then 404; another user cannot revoke or see it', async () => {
      const owner = await api.register();
      const other = await api.register();
      const token = await createToken(owner);
      expect((await api.as(other).delete(`/api/auth/tokens/${token.id}`)).status).toBe(404);
      expect((await api.as(other).get('/api/auth/tokens')).body).toEqual([]);
      expect(await status(a, token.secret)).toBe(200);
      expect((await api.as(owner).delete(`/api/auth/tokens/${token.id}`)).status).toBe(204);
      expect((await api.as(owner).delete(`/api/auth/tokens/${token.id}`)).status).toBe(404);
      expect((await api.as(owner).delete('/api/auth/tokens/abc')).status).toBe(404);
      expect(await status(a, token.secret)).toBe(401);
    });
  });

  describe('what a token may do', () => {
    it('acts as its user: a write token creates, changes and deletes; the data is the user\'s', async () => {
      const session = await api.register();
      const token = await createToken(session, { scope: 'write' });
      const created = await api.as(token.secret).post('/api/habits', { name: 'Stretch', schedule: { type: 'daily' } });
      expect(created.status).toBe(201);
      const today = new Date(clock.now()).toISOString().slice(0, 10);
      expect((await api.as(token.secret).put(`/api/habits/${created.body.id}/records/${today}`, {})).status).toBe(201);
      expect((await api.as(session).get(`/api/records?habitId=${created.body.id}`)).body).toHaveLength(1);
      expect((await api.as(token.secret).patch(`/api/habits/${created.body.id}`, { name: 'Stretch more' })).status).toBe(200);
      expect((await api.as(token.secret).delete(`/api/habits/${created.body.id}`)).status).toBe(204);
      expect((await api.as(session).get('/api/habits')).body).toEqual([]);
    });

    it('with scope read: GET answers, every other method is a 403 that changes nothing', async () => {
      const session = await api.register();
      const habit = await api.createHabit(session);
      const habitId = habit.id as number;
      const token = await createToken(session, { scope: 'read' });
      expect((await api.as(token.secret).get('/api/habits')).status).toBe(200);
      expect((await api.http.head('/api/habits').set('Authorization', `Bearer ${token.secret}`)).status).toBe(200);
      const attempts = [
        api.as(token.secret).post('/api/habits', { name: 'No', schedule: { type: 'daily' } }),
        api.as(token.secret).patch(`/api/habits/${habitId}`, { name: 'No' }),
        api.as(token.secret).put(`/api/habits/${habitId}/records/${new Date().toISOString().slice(0, 10)}`, {}),
        api.as(token.secret).delete(`/api/habits/${habitId}`),
        api.as(token.secret).post('/api/categories', { name: 'No' }),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      }
      const habits = (await api.as(session).get('/api/habits')).body;
      expect(habits).toHaveLength(1);
      expect(habits[0].name).toBe(habit.name);
      expect((await api.as(session).get('/api/categories')).body).toEqual([]);
    });

    it.each(['read', 'write'] as const)('with scope %s: 403 on every /api/auth route, and nothing ends', async (scope) => {
      const session = await api.register();
      const token = await createToken(session, { scope });
      const as = api.as(token.secret);
      const attempts = [
        as.get('/api/auth/me'),
        as.patch('/api/auth/me', { displayName: 'Mallory' }),
        as.get('/api/auth/tokens'),
        as.post('/api/auth/tokens', { name: 'minted', scope: 'write' }),
        as.delete(`/api/auth/tokens/${token.id}`),
        as.get('/api/auth/sessions'),
        as.delete(`/api/auth/sessions/${session.sessionId}`),
        as.post('/api/auth/logout'),
        as.post('/api/auth/logout-all'),
        as.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long password' }),
        api.http.delete('/api/auth/me').set('Authorization', `Bearer ${token.secret}`).send({ password: PASSWORD }),
      ];
      for (const response of await Promise.all(attempts)) expect(response.status).toBe(403);
      expect((await api.as(session).get('/api/auth/me')).status).toBe(200);
      expect((await api.as(session).get('/api/auth/tokens')).body).toHaveLength(1);
      expect(await status(a, token.secret)).toBe(200);
      expect((await api.as(session).get('/api/auth/me')).body.displayName).toBeNull();
    });

    it('answers 401 with the message of a bad JWT to another prefix, a wrong length or an unknown token', async () => {
      const session = await api.register();
      const token = await createToken(session);
      const body = token.secret.slice(4);
      const forged = signToken(tokenClaims(session.userId), { secret: 'another-secret-another-secret-another-1' });
      const jwt = await api.as(forged).get('/api/habits');
      expect(jwt.status).toBe(401);
      for (const secret of [`hut_${body}`, `hat_${body.slice(0, 42)}`, `hat_${body}x`.slice(0, 4 + 130), `hat_${'A'.repeat(43)}`, `HAT_${body}`]) {
        const response = await api.as(secret).get('/api/habits');
        expect(response.status).toBe(401);
        expect(response.body).toEqual(jwt.body);
        expect(response.body.message).toBe(BAD_TOKEN);
      }
    });

    it('serves a token and a session of the user from the same cached entry', async () => {
      const session = await api.register();
      await api.createHabit(session, { name: 'Shared entry' });
      const token = await createToken(session, { scope: 'read' });
      const miss = await on(a).as(session).get('/api/habits');
      expect(miss.headers['x-cache']).toBe('MISS');
      const hit = await on(b).as(token.secret).get('/api/habits');
      expect(hit.headers['x-cache']).toBe('HIT');
      expect(hit.text).toBe(miss.text);
      expect(hit.headers.etag).toBe(miss.headers.etag);
      const revalidated = await on(a).as(token.secret).get('/api/habits').set('If-None-Match', miss.headers.etag);
      expect(revalidated.status).toBe(304);
      await api.as(session).post('/api/habits', { name: 'Another', schedule: { type: 'daily' } });
      const fresh = await on(b).as(token.secret).get('/api/habits');
      expect(fresh.headers['x-cache']).toBe('MISS');
      expect(fresh.body).toHaveLength(2);
    });

    it('shows lastUsedAt within 60 s of the last use, on whichever instance it was used', async () => {
      const session = await api.register();
      const token = await createToken(session);
      const usedAt = clock.now();
      expect(await status(b, token.secret)).toBe(200);
      const listed = await until(async () => {
        const list = (await on(a).as(session).get('/api/auth/tokens')).body as CreatedToken[];
        return list[0].lastUsedAt !== null && list[0];
      });
      expect(Math.abs(Date.parse(listed.lastUsedAt!) - usedAt)).toBeLessThan(60_000);
      clock.advance(5 * 60_000);
      const laterUse = clock.now();
      expect(await status(a, token.secret)).toBe(200);
      const relisted = await until(async () => {
        const list = (await on(b).as(session).get('/api/auth/tokens')).body as CreatedToken[];
        return Date.parse(list[0].lastUsedAt!) > usedAt + 60_000 && list[0];
      });
      expect(Math.abs(Date.parse(relisted.lastUsedAt!) - laterUse)).toBeLessThan(60_000);
    });

    it('ends at expiresAt on both instances, and is no longer listed', async () => {
      const session = await api.register();
      const token = await createToken(session, { expiresInDays: 1 });
      const lasting = await tokenSeenByBoth(session);
      expect(await status(a, token.secret)).toBe(200);
      expect(await status(b, token.secret)).toBe(200);
      clock.advance(DAY_MS + 1000);
      try {
        expect(await status(a, token.secret)).toBe(401);
        expect(await status(b, token.secret)).toBe(401);
        expect(await status(b, lasting.secret)).toBe(200);
        const listed = (await api.as(await api.login(session.email, PASSWORD)).get('/api/auth/tokens')).body as CreatedToken[];
        expect(listed.map((item) => item.id)).toEqual([lasting.id]);
      } finally {
        clock.advance(-(DAY_MS + 1000));
      }
    });

    it('outlives logout-all and a password change, and ends with the account', async () => {
      const session = await api.register();
      const token = await tokenSeenByBoth(session);
      expect((await api.as(session).post('/api/auth/logout-all')).status).toBe(204);
      expect(await status(b, token.secret)).toBe(200);
      const second = await api.login(session.email, PASSWORD);
      const changed = await api.as(second).post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a brand new password' });
      expect(changed.status).toBe(204);
      expect(await status(a, token.secret)).toBe(200);
      const deleted = await api.http.delete('/api/auth/me').set('Authorization', `Bearer ${second}`).send({ password: 'a brand new password' });
      expect(deleted.status).toBe(204);
      expect(await status(a, token.secret)).toBe(401);
      expect(await status(b, token.secret)).toBe(401);
    });
  });

  describe('revocation, whatever Redis does', () => {
    it('refuses on B a token revoked on A, and keeps the user\'s other tokens and sessions', async () => {
      const session = await api.register();
      const revoked = await tokenSeenByBoth(session);
      const kept = await tokenSeenByBoth(session, 'read');
      expect((await on(a).as(session).delete(`/api/auth/tokens/${revoked.id}`)).status).toBe(204);
      expect(await status(b, revoked.secret)).toBe(401);
      expect(await status(a, revoked.secret)).toBe(401);
      expect(await status(b, kept.secret)).toBe(200);
      expect((await on(b).as(session).get('/api/habits')).status).toBe(200);
    });

    it('refuses a token revoked while Redis is frozen, on both instances', async () => {
      const session = await api.register();
      const token = await tokenSeenByBoth(session);
      redis.freeze();
      try {
        expect((await on(a).as(session).delete(`/api/auth/tokens/${token.id}`)).status).toBe(204);
        expect(await status(b, token.secret)).toBe(401);
        expect(await status(a, token.secret)).toBe(401);
      } finally {
        redis.resume();
      }
      expect(await status(b, token.secret)).toBe(401);
    });

    it('refuses a token revoked while Redis is stopped, and after it restarts empty', async () => {
      const session = await api.register();
      const token = await tokenSeenByBoth(session);
      const kept = await tokenSeenByBoth(session);
      await redis.stop();
      try {
        expect((await on(b).as(session).delete(`/api/auth/tokens/${token.id}`)).status).toBe(204);
        expect(await status(a, token.secret)).toBe(401);
        expect(await status(b, token.secret)).toBe(401);
        expect(await status(a, kept.secret)).toBe(200);
      } finally {
        await redis.start();
      }
      for (const app of [a, b]) {
        expect(await status(app, token.secret)).toBe(401);
        expect(await status(app, kept.secret)).toBe(200);
      }
    });
  });
});

describe('personal access tokens and the per-user rate limit', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_USER: '10' } });
  });

  afterAll(async () => {
    await app.close();
  });

  it('counts a token\'s requests and the sessions\' against one limit per user', async () => {
    const api = new ApiClient(app.app);
    const session = await api.register();
    const token = (await api.as(session).post('/api/auth/tokens', { name: 'script', scope: 'read' })).body.secret as string;
    const other = await api.register();
    let answered = 0;
    for (let index = 0; index < 40; index += 1) {
      const response = await api.as(index % 2 === 0 ? token : session).get('/api/categories');
      if (response.status === 429) break;
      expect(response.status).toBe(200);
      answered += 1;
    }
    // Alternating token and session: counted apart, each would have answered 10.
    expect(answered).toBeGreaterThanOrEqual(5);
    expect(answered).toBeLessThanOrEqual(10);
    expect((await api.as(token).get('/api/categories')).status).toBe(429);
    expect((await api.as(session).get('/api/categories')).status).toBe(429);
    expect((await api.as(other).get('/api/categories')).status).toBe(200);
  });
});

describe('personal access tokens and the change feed', () => {
  let a: FeedInstance;
  let b: FeedInstance;
  let database: TestDatabase;
  const streams: SseStream[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const redisUrl = await privateRedisUrl(14);
    a = await startFeedInstance(database, redisUrl);
    b = await startFeedInstance(database, redisUrl);
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await a.testApp.close();
    await b.testApp.close();
    await database.drop();
  });

  async function open(instance: FeedInstance, options: { token?: string; ticket?: string }): Promise<SseStream> {
    const stream = await SseStream.open(instance.port, options);
    streams.push(stream);
    return stream;
  }

  it('opens the feed with a token (directly, or through a ticket of a write token) and ends it when the token is revoked', async () => {
    const session = await a.api.register();
    const read = (await a.api.as(session).post('/api/auth/tokens', { name: 'dashboard', scope: 'read' })).body as { id: number; secret: string };
    const write = (await a.api.as(session).post('/api/auth/tokens', { name: 'script', scope: 'write' })).body as { id: number; secret: string };
    const direct = await open(a, { token: read.secret });
    expect(direct.status).toBe(200);
    expect((await a.api.as(read.secret).post('/api/events/ticket')).status).toBe(403);
    const ticket = await b.api.as(write.secret).post('/api/events/ticket');
    expect(ticket.status).toBe(201);
    const viaTicket = await open(b, { ticket: ticket.body.ticket as string });
    expect(viaTicket.status).toBe(200);
    expect((await b.api.as(write.secret).post('/api/categories', { name: 'Seen' })).status).toBe(201);
    await direct.next(isChange, 5000);
    await viaTicket.next(isChange, 5000);
    expect((await b.api.as(session).delete(`/api/auth/tokens/${read.id}`)).status).toBe(204);
    expect((await direct.next(isEnd, 5000)).data).toEqual({ reason: 'revoked' });
    expect((await open(a, { token: read.secret })).status).toBe(401);
    expect(viaTicket.events.some(isEnd)).toBe(false);
  });
});
