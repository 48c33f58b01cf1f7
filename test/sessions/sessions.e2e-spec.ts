import { ApiClient, Session, TokenPair } from '../support/api-client';
import { expectError } from '../api/api-suite';
import { DAY_MS, hashOf, http, meStatus, PASSWORD, refresh, sessionRow, startTwoInstances, status, TwoInstances } from './sessions-support';

const REFRESH_TOKEN = /^[0-9a-f-]{36}\.[\w-]{43}$/;

interface SessionRowShape {
  refreshHash: string;
  previousHash: string | null;
}

describe.each(['sqlite', 'postgres'] as const)('sessions and refresh rotation on two instances sharing %s', (kind) => {
  let env: TwoInstances;
  let api: ApiClient;

  beforeAll(async () => {
    env = await startTwoInstances(kind, { CORS_ORIGINS: 'https://app.example.test' });
    api = new ApiClient(env.a.app);
  });

  afterAll(() => env.close());

  /** A new user whose first session both instances have accepted (and remembered). */
  async function seenByBoth(): Promise<Session> {
    const session = await api.register();
    expect(await meStatus(env.a, session.token)).toBe(200);
    expect(await meStatus(env.b, session.token)).toBe(200);
    return session;
  }

  async function expectSessionEnded(session: Session, ...refreshTokens: string[]): Promise<void> {
    for (const app of [env.a, env.b]) expect(await meStatus(app, session.token)).toBe(401);
    for (const token of refreshTokens) expectError(await refresh(env.b, token), 401);
    expect(await sessionRow(env.a, session.sessionId)).toBeNull();
  }

  describe('rotation', () => {
    it('spends the presented token and returns a new pair for the same session', async () => {
      const session = await seenByBoth();
      const response = await refresh(env.b, session.refreshToken);
      expect(response.status).toBe(200);
      const pair = response.body as TokenPair;
      expect(Object.keys(pair).sort()).toEqual(['accessToken', 'expiresIn', 'refreshExpiresIn', 'refreshToken', 'sessionId', 'tokenType']);
      expect(pair).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, sessionId: session.sessionId, refreshExpiresIn: 14 * 86400 });
      expect(pair.refreshToken).toMatch(REFRESH_TOKEN);
      expect(pair.refreshToken).not.toBe(session.refreshToken);
      expect(await meStatus(env.a, pair.accessToken)).toBe(200);
      expect(await meStatus(env.a, session.token)).toBe(200);
      const row = await sessionRow(env.a, session.sessionId);
      expect(row).toMatchObject({ refreshHash: hashOf(pair.refreshToken), previousHash: hashOf(session.refreshToken) });
      expect(JSON.stringify(row)).not.toContain(pair.refreshToken.split('.')[1]);
    });

    it('accepts the just-replaced token again within the grace window, and the token issued in between becomes spent', async () => {
      const session = await seenByBoth();
      const first = (await refresh(env.a, session.refreshToken)).body as TokenPair;
      env.clock.advance(9_000);
      const retried = await refresh(env.b, session.refreshToken);
      expect(retried.status).toBe(200);
      const second = retried.body as TokenPair;
      expect(second.sessionId).toBe(session.sessionId);
      expect(second.refreshToken).not.toBe(first.refreshToken);
      // The grace counts from the first use, not from the retry.
      env.clock.advance(1_500);
      expectError(await refresh(env.a, session.refreshToken), 401);
      await expectSessionEnded(session, second.refreshToken);
    });

    it('treats the token issued in between as reuse once the retry has replaced it: the whole session ends', async () => {
      const session = await seenByBoth();
      const first = (await refresh(env.a, session.refreshToken)).body as TokenPair;
      const second = (await refresh(env.b, session.refreshToken)).body as TokenPair;
      expect(await meStatus(env.b, second.accessToken)).toBe(200);
      expectError(await refresh(env.a, first.refreshToken), 401);
      await expectSessionEnded(session, second.refreshToken);
      expect(await meStatus(env.b, second.accessToken)).toBe(401);
    });

    it('ends the session on both instances when the just-replaced token comes back after the grace window', async () => {
      const session = await seenByBoth();
      const next = (await refresh(env.a, session.refreshToken)).body as TokenPair;
      expect(await meStatus(env.b, next.accessToken)).toBe(200);
      env.clock.advance(10_001);
      const reused = await refresh(env.b, session.refreshToken);
      expectError(reused, 401);
      await expectSessionEnded(session, next.refreshToken);
      expect(await meStatus(env.a, next.accessToken)).toBe(401);
    });

    it('ends the session when an older spent token is presented, and answers with the message of an unknown token', async () => {
      const session = await seenByBoth();
      const first = (await refresh(env.a, session.refreshToken)).body as TokenPair;
      env.clock.advance(11_000);
      const second = (await refresh(env.a, first.refreshToken)).body as TokenPair;
      const reused = await refresh(env.b, session.refreshToken);
      expectError(reused, 401);
      const unknown = await refresh(env.b, `${session.sessionId.replace(/^./, '0')}.${'A'.repeat(43)}`);
      expect(unknown.body).toEqual(reused.body);
      await expectSessionEnded(session, second.refreshToken);
      const metrics = (await http(env.b).get('/metrics')).text;
      expect(Number(/^auth_refresh_reuses_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
      expect(Number(/^auth_refreshes_total (\d+)$/m.exec((await http(env.a).get('/metrics')).text)?.[1])).toBeGreaterThan(0);
    });

    it('lets exactly one live token come out of concurrent refreshes of one token on two instances', async () => {
      const session = await seenByBoth();
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, i) => refresh(i % 2 === 0 ? env.a : env.b, session.refreshToken)),
      );
      // Inside the grace window every concurrent retry is answered; only one refresh token stays live.
      const ok = responses.filter((response) => response.status === 200).map((response) => response.body as TokenPair);
      expect(ok.length).toBe(responses.length);
      const row = await sessionRow(env.a, session.sessionId);
      const live = ok.filter((pair) => row!.refreshHash === hashOf(pair.refreshToken));
      expect(live).toHaveLength(1);
      expect(new Set(ok.map((pair) => pair.refreshToken)).size).toBe(ok.length);
    });

    it('answers 400 for a malformed or missing refresh token, and 401 for an unknown one', async () => {
      expectError(await refresh(env.a, 'not-a-refresh-token'), 400);
      expectError(await http(env.a).post('/api/auth/refresh').send({ refreshToken: 42 }), 400);
      expectError(await http(env.a).post('/api/auth/refresh').send({}), 400);
      expectError(await http(env.a).post('/api/auth/refresh'), 400);
      expectError(await http(env.a).post('/api/auth/refresh').send({ refreshToken: 'x', extra: 1 }), 400);
      expectError(await refresh(env.a, `00000000-0000-4000-8000-000000000000.${'b'.repeat(43)}`), 401);
    });
  });

  describe('lifetimes', () => {
    it('expires a refresh token left unused for AUTH_REFRESH_IDLE_DAYS, and a use before that renews it', async () => {
      const session = await seenByBoth();
      env.clock.advance(14 * DAY_MS - 60_000);
      const renewed = await refresh(env.a, session.refreshToken);
      expect(renewed.status).toBe(200);
      env.clock.advance(14 * DAY_MS - 60_000);
      const again = await refresh(env.b, (renewed.body as TokenPair).refreshToken);
      expect(again.status).toBe(200);
      env.clock.advance(14 * DAY_MS);
      expectError(await refresh(env.a, (again.body as TokenPair).refreshToken), 401);
      expect(await sessionRow(env.a, session.sessionId)).toBeNull();
    });

    it('ends a session AUTH_SESSION_MAX_DAYS after its login however often it is refreshed; refreshExpiresIn never goes past it', async () => {
      const session = await seenByBoth();
      let token = session.refreshToken;
      for (const [step, expectedSeconds] of [
        [10, 14 * 86400],
        [10, 10 * 86400],
        [9, 1 * 86400],
      ] as const) {
        env.clock.advance(step * DAY_MS);
        const response = await refresh(env.a, token);
        expect(response.status).toBe(200);
        // The absolute limit counts from the login, a few milliseconds back: a whole second may be lost to rounding down.
        expect(expectedSeconds - (response.body as TokenPair).refreshExpiresIn).toBeGreaterThanOrEqual(0);
        expect(expectedSeconds - (response.body as TokenPair).refreshExpiresIn).toBeLessThanOrEqual(1);
        token = (response.body as TokenPair).refreshToken;
      }
      env.clock.advance(DAY_MS);
      expectError(await refresh(env.b, token), 401);
      expect(await meStatus(env.a, session.token)).toBe(401);
      expect(await meStatus(env.b, session.token)).toBe(401);
    });
  });

  describe('ending sessions', () => {
    it('logout ends this session on both instances (access and refresh token) and keeps the others', async () => {
      const session = await seenByBoth();
      const other = await api.loginPair(session.email, PASSWORD);
      expect(await status(env.a, 'post', '/api/auth/logout', session.token)).toBe(204);
      await expectSessionEnded(session, session.refreshToken);
      expect(await meStatus(env.b, other.accessToken)).toBe(200);
      expect((await refresh(env.b, other.refreshToken)).status).toBe(200);
    });

    it('logout-all ends every session of the user on both instances', async () => {
      const session = await seenByBoth();
      const other = await api.loginPair(session.email, PASSWORD);
      const bystander = await seenByBoth();
      expect(await meStatus(env.b, other.accessToken)).toBe(200);
      expect(await status(env.b, 'post', '/api/auth/logout-all', session.token)).toBe(204);
      await expectSessionEnded(session, session.refreshToken);
      expect(await meStatus(env.a, other.accessToken)).toBe(401);
      expectError(await refresh(env.a, other.refreshToken), 401);
      expect(await meStatus(env.a, bystander.token)).toBe(200);
    });

    it('lists the live sessions, most recently used first, marking the current one', async () => {
      const session = await api.register();
      env.clock.advance(1_000);
      const phone = (await http(env.a).post('/api/auth/login').set('User-Agent', 'Phone/1.0').send({ email: session.email, password: PASSWORD })).body as TokenPair;
      env.clock.advance(1_000);
      await refresh(env.a, session.refreshToken).expect(200);
      const response = await http(env.b).get('/api/auth/sessions').set('Authorization', `Bearer ${phone.accessToken}`);
      expect(response.status).toBe(200);
      expect(response.body).toHaveLength(2);
      const [first, second] = response.body as Array<Record<string, unknown>>;
      expect(Object.keys(first).sort()).toEqual(['createdAt', 'current', 'expiresAt', 'id', 'lastUsedAt', 'userAgent']);
      expect(first).toMatchObject({ id: session.sessionId, current: false });
      expect(second).toMatchObject({ id: phone.sessionId, current: true, userAgent: 'Phone/1.0' });
      expect(Date.parse(first.lastUsedAt as string)).toBeGreaterThan(Date.parse(second.lastUsedAt as string));
      expect(Date.parse(first.expiresAt as string) - Date.parse(first.lastUsedAt as string)).toBe(14 * DAY_MS);
      expect(response.headers['cache-control']).toBe('private, no-store');
    });

    it('DELETE /api/auth/sessions/:id ends that session on both instances; another user\'s or an unknown id is a 404', async () => {
      const session = await seenByBoth();
      const other = await api.loginPair(session.email, PASSWORD);
      expect(await meStatus(env.b, other.accessToken)).toBe(200);
      const stranger = await api.register();
      expectError(await http(env.a).delete(`/api/auth/sessions/${session.sessionId}`).set('Authorization', `Bearer ${stranger.token}`), 404);
      expectError(await http(env.a).delete('/api/auth/sessions/not-a-session').set('Authorization', `Bearer ${stranger.token}`), 404);
      expectError(await http(env.a).delete('/api/auth/sessions/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${stranger.token}`), 404);
      expect(await meStatus(env.a, session.token)).toBe(200);
      expect(await status(env.a, 'delete', `/api/auth/sessions/${other.sessionId}`, session.token)).toBe(204);
      for (const app of [env.a, env.b]) expect(await meStatus(app, other.accessToken)).toBe(401);
      expectError(await refresh(env.b, other.refreshToken), 401);
      expect(await meStatus(env.b, session.token)).toBe(200);
    });

    it.each([
      ['logout', (s: Session) => status(env.a, 'post', '/api/auth/logout', s.token)],
      ['logout-all', (s: Session) => status(env.b, 'post', '/api/auth/logout-all', s.token)],
      ['DELETE session', (s: Session) => status(env.a, 'delete', `/api/auth/sessions/${s.sessionId}`, s.token)],
    ])('%s while Redis is frozen: refused on both instances, then, and after Redis restarts empty', async (_label, end) => {
      const session = await seenByBoth();
      env.redis.freeze();
      try {
        expect(await end(session)).toBe(204);
        for (const app of [env.a, env.b]) expect(await meStatus(app, session.token)).toBe(401);
      } finally {
        env.redis.resume();
      }
      await env.redis.stop();
      await env.redis.start();
      for (const app of [env.a, env.b]) expect(await meStatus(app, session.token)).toBe(401);
      expectError(await refresh(env.a, session.refreshToken), 401);
    });
  });

  describe('the refresh cookie', () => {
    const cookieOf = (setCookie: string[] | string | undefined) =>
      ([] as string[]).concat(setCookie ?? []).find((cookie) => cookie.startsWith('__Host-refresh='));

    it('with X-Refresh-Cookie: 1, login and refresh set __Host-refresh and leave refreshToken out of the body; logout clears it', async () => {
      const session = await api.register();
      const login = await http(env.a).post('/api/auth/login').set('X-Refresh-Cookie', '1').send({ email: session.email, password: PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body.refreshToken).toBeUndefined();
      const cookie = cookieOf(login.headers['set-cookie']);
      expect(cookie).toBeDefined();
      const attributes = cookie!.split(/;\s*/).map((part) => part.toLowerCase());
      expect(attributes).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/', `max-age=${14 * 86400}`]));
      const value = cookie!.split(';')[0];

      const refreshed = await http(env.b).post('/api/auth/refresh').set('X-Refresh-Cookie', '1').set('Cookie', value);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.refreshToken).toBeUndefined();
      expect(refreshed.body.sessionId).toBe(login.body.sessionId);
      const next = cookieOf(refreshed.headers['set-cookie'])!.split(';')[0];
      expect(next).not.toBe(value);

      // A body token with the header: the answer moves it into the cookie too.
      const plainLogin = await http(env.a).post('/api/auth/login').send({ email: session.email, password: PASSWORD });
      const viaBody = await http(env.a).post('/api/auth/refresh').set('X-Refresh-Cookie', '1').send({ refreshToken: plainLogin.body.refreshToken });
      expect(viaBody.status).toBe(200);
      expect(viaBody.body.refreshToken).toBeUndefined();
      expect(cookieOf(viaBody.headers['set-cookie'])).toBeDefined();

      const plain = await http(env.a).post('/api/auth/refresh').set('X-Refresh-Cookie', '1').set('Cookie', next).send({});
      expect(plain.status).toBe(200);
      expect(plain.body.refreshToken).toBeUndefined();
      const logout = await http(env.a).post('/api/auth/logout').set('Authorization', `Bearer ${plain.body.accessToken as string}`);
      expect(logout.status).toBe(204);
      expect(cookieOf(logout.headers['set-cookie'])).toMatch(/^__Host-refresh=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
    });

    /** A browser session whose refresh token lives only in the cookie. */
    async function cookieSession(): Promise<{ cookie: string; sessionId: string; row: SessionRowShape }> {
      const session = await api.register();
      const login = await http(env.a).post('/api/auth/login').set('X-Refresh-Cookie', '1').send({ email: session.email, password: PASSWORD });
      const sessionId = login.body.sessionId as string;
      const row = (await sessionRow(env.a, sessionId))!;
      return { cookie: cookieOf(login.headers['set-cookie'])!.split(';')[0], sessionId, row: { refreshHash: row.refreshHash, previousHash: row.previousHash } };
    }

    async function expectUntouched(victim: { sessionId: string; row: SessionRowShape }): Promise<void> {
      expect(await sessionRow(env.a, victim.sessionId)).toMatchObject(victim.row);
    }

    it('refuses a refresh by cookie without X-Refresh-Cookie: 1 with 403, leaks no token and leaves the session untouched', async () => {
      const victim = await cookieSession();
      for (const origin of [undefined, 'https://sibling.example.test']) {
        const call = http(env.b).post('/api/auth/refresh').set('Cookie', victim.cookie);
        const answer = await (origin === undefined ? call : call.set('Origin', origin)).send({});
        expectError(answer, 403);
        expect(JSON.stringify(answer.body)).not.toContain(victim.cookie.split('=')[1].split('.')[1]);
        expect(answer.headers['set-cookie']).toBeUndefined();
      }
      await expectUntouched(victim);
      // The victim's own next refresh is an ordinary rotation, not reuse.
      const own = await http(env.a).post('/api/auth/refresh').set('X-Refresh-Cookie', '1').set('Cookie', victim.cookie);
      expect(own.status).toBe(200);
    });

    it('refuses a refresh by cookie from an origin that is neither its own nor in CORS_ORIGINS, and accepts those', async () => {
      const victim = await cookieSession();
      for (const origin of ['https://evil.example.test', 'null', 'https://app.example.test.evil.test']) {
        const answer = await http(env.b).post('/api/auth/refresh').set('X-Refresh-Cookie', '1').set('Origin', origin).set('Cookie', victim.cookie);
        expectError(answer, 403);
        expect(answer.headers['set-cookie']).toBeUndefined();
      }
      await expectUntouched(victim);

      const listed = await http(env.b).post('/api/auth/refresh').set('X-Refresh-Cookie', '1').set('Origin', 'https://APP.example.test:443').set('Cookie', victim.cookie);
      expect(listed.status).toBe(200);
      expect(listed.body.refreshToken).toBeUndefined();
      const next = cookieOf(listed.headers['set-cookie'])!.split(';')[0];
      // Its own origin: the request's scheme and Host (no PUBLIC_URL here).
      const own = (host: string, origin: string, cookie: string) =>
        http(env.a).post('/api/auth/refresh').set('Host', host).set('X-Refresh-Cookie', '1').set('Origin', origin).set('Cookie', cookie);
      expectError(await own('api.example.test', 'https://api.example.test', next), 403);
      const ownOrigin = await own('api.example.test', 'http://api.example.test', next);
      expect(ownOrigin.status).toBe(200);
      expect(ownOrigin.body.refreshToken).toBeUndefined();
    });

    it('answers 204 with no body when X-Refresh-Cookie: 1 comes with no token at all (a signed-out browser), and 400 without the header', async () => {
      const empty = await http(env.a).post('/api/auth/refresh').set('X-Refresh-Cookie', '1').send({});
      expect(empty.status).toBe(204);
      expect(empty.text).toBe('');
      expect(empty.headers['set-cookie']).toBeUndefined();
      const bare = await http(env.a).post('/api/auth/refresh').set('X-Refresh-Cookie', '1');
      expect(bare.status).toBe(204);
      expectError(await http(env.a).post('/api/auth/refresh').send({}), 400);
    });

    it('allows credentialed CORS only for CORS_ORIGINS', async () => {
      const preflight = (origin: string) =>
        http(env.a).options('/api/auth/refresh').set('Origin', origin).set('Access-Control-Request-Method', 'POST');
      const allowed = await preflight('https://app.example.test');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.test');
      expect(allowed.headers['access-control-allow-credentials']).toBe('true');
      const other = await preflight('https://evil.example.test');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
