import { addDays, todayIn } from '../../src/common/dates/calendar-date';
import { ApiClient, Session } from '../support/api-client';
import { signToken, tokenClaims } from '../support/jwt';
import { startTestApp, TestApp } from '../support/test-app';
import { DATABASES, expectBadRequest, expectError, startApiSuite, ApiSuite } from './api-suite';

const USER_KEYS = ['createdAt', 'dayStartHour', 'displayName', 'email', 'id', 'locale', 'role', 'timezone'];
const PASSWORD = 'correct horse battery';

describe.each(DATABASES)('auth routes on %s', (database) => {
  let suite: ApiSuite;
  let api: ApiClient;

  beforeAll(async () => {
    suite = await startApiSuite(database, 8);
    api = suite.api;
  });

  afterAll(() => suite.close());

  const uniqueEmail = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}@example.test`;
  const register = (body: Record<string, unknown>) => api.http.post('/api/auth/register').send(body);
  const login = (body: Record<string, unknown>) => api.http.post('/api/auth/login').send(body);

  describe('POST /api/auth/register', () => {
    it('creates a user and answers 201 with exactly the public user fields, never a password hash', async () => {
      const email = uniqueEmail('ada');
      const response = await register({ email, password: PASSWORD, displayName: 'Ada', timezone: 'Europe/Paris' });
      expect(response.status).toBe(201);
      expect(Object.keys(response.body).sort()).toEqual(USER_KEYS);
      expect(response.body).toMatchObject({ email, displayName: 'Ada', timezone: 'Europe/Paris', role: 'user' });
      expect(response.body.id).toEqual(expect.anything());
      expect(new Date(response.body.createdAt as string).toISOString()).toBe(response.body.createdAt);
      expect(Math.abs(Date.parse(response.body.createdAt as string) - Date.now())).toBeLessThan(60_000);
      expect(response.text).not.toMatch(/scrypt|hash|password/i);
    });

    it('defaults displayName to null and timezone to UTC', async () => {
      const response = await register({ email: uniqueEmail('plain'), password: PASSWORD });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ displayName: null, timezone: 'UTC', dayStartHour: 0, role: 'user' });
    });

    it('gives role admin to an email listed in ADMIN_EMAILS, whatever its case', async () => {
      const response = await register({ email: 'Admin@Example.TEST', password: PASSWORD });
      expect(response.status).toBe(201);
      expect(response.body.role).toBe('admin');
      const token = await api.login('admin@example.test', PASSWORD);
      const me = await api.as(token).get('/api/auth/me');
      expect(me.body.role).toBe('admin');
    });

    it('chooses the locale from Accept-Language when the body names none, else en; the body wins', async () => {
      const spanish = await register({ email: uniqueEmail('es'), password: PASSWORD }).set('accept-language', 'es-MX,es;q=0.9,en;q=0.8');
      expect(spanish.body.locale).toBe('es');
      const french = await register({ email: uniqueEmail('fr'), password: PASSWORD }).set('accept-language', 'fr-FR,fr;q=0.9');
      expect(french.body.locale).toBe('en');
      const none = await register({ email: uniqueEmail('none'), password: PASSWORD });
      expect(none.body.locale).toBe('en');
      const chosen = await register({ email: uniqueEmail('chosen'), password: PASSWORD, locale: 'en' }).set('accept-language', 'es');
      expect(chosen.body.locale).toBe('en');
    });

    it('answers 400 naming locale for a language it does not speak', async () => {
      const response = await register({ email: uniqueEmail('de'), password: PASSWORD, locale: 'de' });
      expectBadRequest(response, 'locale');
    });

    it('answers 409 when the email is taken, compared case-insensitively', async () => {
      const email = uniqueEmail('taken');
      expect((await register({ email, password: PASSWORD })).status).toBe(201);
      expectError(await register({ email, password: 'another password' }), 409);
      expectError(await register({ email: email.toUpperCase(), password: PASSWORD }), 409);
    });

    it('accepts passwords of 8 and 128 characters and refuses 7 and 129, naming the password', async () => {
      expect((await register({ email: uniqueEmail('p8'), password: 'x'.repeat(8) })).status).toBe(201);
      expect((await register({ email: uniqueEmail('p128'), password: 'x'.repeat(128) })).status).toBe(201);
      expectBadRequest(await register({ email: uniqueEmail('p7'), password: 'x'.repeat(7) }), 'password');
      expectBadRequest(await register({ email: uniqueEmail('p129'), password: 'x'.repeat(129) }), 'password');
      expectBadRequest(await register({ email: uniqueEmail('pnum'), password: 12345678 }), 'password');
    });

    it('answers 400 naming each bad field: email, timezone, displayName', async () => {
      expectBadRequest(await register({ email: 'not-an-email', password: PASSWORD }), 'email');
      expectBadRequest(await register({ password: PASSWORD }), 'email');
      expectBadRequest(await register({ email: uniqueEmail('tz'), password: PASSWORD, timezone: 'Mars/Olympus' }), 'timezone');
      expectBadRequest(await register({ email: uniqueEmail('tz'), password: PASSWORD, timezone: '+02:00' }), 'timezone');
      expectBadRequest(await register({ email: uniqueEmail('dn'), password: PASSWORD, displayName: 'x'.repeat(101) }), 'displayName');
      expectBadRequest(await register({ email: uniqueEmail('nul'), password: PASSWORD, displayName: 'a\u0000b' }), 'displayName');
      const both = await register({ email: 'nope', password: 'short' });
      expectBadRequest(both, 'email', 'password');
    });

    it('answers 400 for an unknown field, so that nobody can register as admin', async () => {
      const response = await register({ email: uniqueEmail('role'), password: PASSWORD, role: 'admin' });
      expectBadRequest(response, 'role');
    });
  });

  describe('POST /api/auth/login', () => {
    it('answers 200 with a token pair of a new session: access token (15 min by default) and refresh token', async () => {
      const email = uniqueEmail('login');
      await register({ email, password: PASSWORD });
      const response = await login({ email, password: PASSWORD });
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(['accessToken', 'expiresIn', 'refreshExpiresIn', 'refreshToken', 'sessionId', 'tokenType']);
      expect(response.body.tokenType).toBe('Bearer');
      expect(response.body.expiresIn).toBe(15 * 60);
      expect(response.body.refreshExpiresIn).toBe(14 * 24 * 3600);
      expect(response.body.refreshToken).toMatch(new RegExp(`^${response.body.sessionId as string}\\.[\\w-]{43}$`));
      expect(response.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      const me = await api.as(response.body.accessToken as string).get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(email);
    });

    it('accepts the email in any case', async () => {
      const email = uniqueEmail('case');
      await register({ email, password: PASSWORD });
      expect((await login({ email: email.toUpperCase(), password: PASSWORD })).status).toBe(200);
    });

    it('answers the same 401 for an unknown email and for a wrong password', async () => {
      const email = uniqueEmail('wrong');
      await register({ email, password: PASSWORD });
      const wrongPassword = await login({ email, password: 'not the password' });
      const unknownEmail = await login({ email: uniqueEmail('nobody'), password: PASSWORD });
      expectError(wrongPassword, 401);
      expectError(unknownEmail, 401);
      expect(unknownEmail.body).toEqual(wrongPassword.body);
    });

    it('answers 400 for a missing password, an email that cannot be one, or an unknown field', async () => {
      expectBadRequest(await login({ email: uniqueEmail('x') }), 'password');
      expectBadRequest(await login({ email: 'a\u0000b@example.test', password: PASSWORD }), 'email');
      expectBadRequest(await login({ email: 42, password: PASSWORD }), 'email');
      expectBadRequest(await login({ email: uniqueEmail('x'), password: PASSWORD, remember: true }), 'remember');
    });
  });

  describe('GET and PATCH /api/auth/me', () => {
    let session: Session;

    beforeAll(async () => {
      session = await api.register({ displayName: 'Grace', timezone: 'Etc/GMT+12' });
    });

    it('returns the current user', async () => {
      const response = await api.as(session).get('/api/auth/me');
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(USER_KEYS);
      expect(response.body).toMatchObject({ id: session.userId, email: session.email, displayName: 'Grace', timezone: 'Etc/GMT+12', role: 'user' });
    });

    it('updates displayName and timezone, and GET shows the change', async () => {
      const patched = await api.as(session).patch('/api/auth/me', { displayName: 'Grace H.', timezone: 'Asia/Tokyo' });
      expect(patched.status).toBe(200);
      expect(Object.keys(patched.body).sort()).toEqual(USER_KEYS);
      expect(patched.body).toMatchObject({ displayName: 'Grace H.', timezone: 'Asia/Tokyo' });
      const me = await api.as(session).get('/api/auth/me');
      expect(me.body).toMatchObject({ displayName: 'Grace H.', timezone: 'Asia/Tokyo' });
    });

    it('moves "today" with the time zone: default startDate, future-date rule and analytics range', async () => {
      await api.as(session).patch('/api/auth/me', { timezone: 'Etc/GMT+12' }).expect(200);
      const behind = todayIn('Etc/GMT+12');
      const first = await api.createHabit(session, { name: 'West' });
      expect(first.startDate).toBe(behind);
      const ahead = todayIn('Pacific/Kiritimati');
      expect(ahead > behind).toBe(true);
      const early = await api.as(session).put(`/api/habits/${first.id as number}/records/${ahead}`, {});
      expectBadRequest(early, 'date');

      await api.as(session).patch('/api/auth/me', { timezone: 'Pacific/Kiritimati' }).expect(200);
      const second = await api.createHabit(session, { name: 'East', startDate: behind });
      expect((await api.createHabit(session, { name: 'East default' })).startDate).toBe(ahead);
      expect((await api.as(session).put(`/api/habits/${second.id as number}/records/${ahead}`, {})).status).toBe(201);
      const performance = await api.as(session).get('/api/analytics/performance');
      expect(performance.body).toMatchObject({ to: ahead, from: addDays(ahead, -29) });
    });

    it('changes the locale with PATCH and refuses one it does not speak or null', async () => {
      const patched = await api.as(session).patch('/api/auth/me', { locale: 'es' });
      expect(patched.status).toBe(200);
      expect(patched.body.locale).toBe('es');
      expect((await api.as(session).get('/api/auth/me')).body.locale).toBe('es');
      expectBadRequest(await api.as(session).patch('/api/auth/me', { locale: 'fr' }), 'locale');
      expectBadRequest(await api.as(session).patch('/api/auth/me', { locale: null }), 'locale');
      expect((await api.as(session).get('/api/auth/me')).body.locale).toBe('es');
    });

    it('clears displayName with null', async () => {
      const response = await api.as(session).patch('/api/auth/me', { displayName: null });
      expect(response.status).toBe(200);
      expect(response.body.displayName).toBeNull();
    });

    it('answers 400 naming the field for a bad timezone, a null timezone, an empty displayName or an unknown field', async () => {
      expectBadRequest(await api.as(session).patch('/api/auth/me', { timezone: 'Nowhere/Special' }), 'timezone');
      expectBadRequest(await api.as(session).patch('/api/auth/me', { timezone: null }), 'timezone');
      expectBadRequest(await api.as(session).patch('/api/auth/me', { displayName: '' }), 'displayName');
      expectBadRequest(await api.as(session).patch('/api/auth/me', { displayName: 'x\u0000' }), 'displayName');
      expectBadRequest(await api.as(session).patch('/api/auth/me', { email: 'new@example.test' }), 'email');
      expectBadRequest(await api.as(session).patch('/api/auth/me', { role: 'admin' }), 'role');
      const me = await api.as(session).get('/api/auth/me');
      expect(me.body).toMatchObject({ email: session.email, role: 'user', timezone: 'Pacific/Kiritimati' });
    });
  });

  describe('POST /api/auth/logout', () => {
    it('answers 204 and rejects that token from then on, while the other tokens of the user keep working', async () => {
      const session = await api.register();
      const other = await api.login(session.email, PASSWORD);
      const response = await api.as(session).post('/api/auth/logout');
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expectError(await api.as(session).get('/api/auth/me'), 401);
      expectError(await api.as(session).get('/api/categories'), 401);
      expectError(await api.as(session).post('/api/auth/logout'), 401);
      expect((await api.as(other).get('/api/auth/me')).status).toBe(200);
      expect((await api.as(await api.login(session.email, PASSWORD)).get('/api/auth/me')).status).toBe(200);
    });
  });

  describe('POST /api/auth/logout-all', () => {
    it('answers 204 and rejects every token issued until then; a new login works', async () => {
      const session = await api.register();
      const second = await api.login(session.email, PASSWORD);
      const bystander = await api.register();
      await api.as(second).get('/api/categories').expect(200);
      const response = await api.as(session).post('/api/auth/logout-all');
      expect(response.status).toBe(204);
      expectError(await api.as(session).get('/api/auth/me'), 401);
      expectError(await api.as(second).get('/api/categories'), 401);
      const fresh = await api.login(session.email, PASSWORD);
      expect((await api.as(fresh).get('/api/auth/me')).status).toBe(200);
      expect((await api.as(bystander).get('/api/auth/me')).status).toBe(200);
    });
  });

  describe('revocation across instances', () => {
    let peer: TestApp;
    let peerApi: ApiClient;

    beforeAll(async () => {
      peer = await startTestApp({ database: suite.testApp.database, redisUrl: suite.redisUrl, env: suite.env });
      peerApi = new ApiClient(peer.app);
    });

    afterAll(() => peer.close());

    it('rejects a logged-out token on another instance that had already accepted it', async () => {
      const session = await api.register();
      expect((await peerApi.as(session).get('/api/auth/me')).status).toBe(200);
      await api.as(session).post('/api/auth/logout').expect(204);
      expectError(await peerApi.as(session).get('/api/auth/me'), 401);
    });

    it('rejects every earlier token on another instance after logout-all', async () => {
      const session = await api.register();
      const second = await api.login(session.email, PASSWORD);
      expect((await peerApi.as(second).get('/api/habits')).status).toBe(200);
      await api.as(session).post('/api/auth/logout-all').expect(204);
      expectError(await peerApi.as(second).get('/api/habits'), 401);
      expect((await peerApi.as(await peerApi.login(session.email, PASSWORD)).get('/api/auth/me')).status).toBe(200);
    });
  });

  describe('bearer tokens', () => {
    let session: Session;

    beforeAll(async () => {
      session = await api.register();
    });

    const me = (authorization?: string) => {
      const pending = api.http.get('/api/auth/me');
      return authorization === undefined ? pending : pending.set('Authorization', authorization);
    };

    it('accepts a token signed by hand with the test secret (so the 401s below are about the defect alone)', async () => {
      const response = await me(`Bearer ${signToken(tokenClaims(session.userId, { sid: session.sessionId }))}`);
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(session.userId);
    });

    it.each([
      ['no Authorization header', undefined],
      ['an empty bearer', 'Bearer '],
      ['another scheme', 'Basic dXNlcjpwYXNz'],
      ['a malformed token', 'Bearer not-a-jwt'],
      ['three garbage segments', 'Bearer abc.def.ghi'],
    ])('answers 401 for %s', async (_label, authorization) => {
      expectError(await me(authorization), 401);
    });

    it('answers 401 for an expired token', async () => {
      const past = Math.floor(Date.now() / 1000) - 3600;
      expectError(await me(`Bearer ${signToken(tokenClaims(session.userId, { iat: past - 60, exp: past }))}`), 401);
    });

    it('answers 401 for a token signed with another secret', async () => {
      const forged = signToken(tokenClaims(session.userId), { secret: 'another-secret-another-secret-another-1' });
      expectError(await me(`Bearer ${forged}`), 401);
    });

    it('answers 401 for an unsigned token (alg: none) and for another algorithm (HS512)', async () => {
      expectError(await me(`Bearer ${signToken(tokenClaims(session.userId), { alg: 'none' })}`), 401);
      expectError(await me(`Bearer ${signToken(tokenClaims(session.userId), { alg: 'HS512' })}`), 401);
    });

    it.each(['jti', 'sub', 'sid', 'exp'])('answers 401 for a token without its %s claim', async (claim) => {
      expectError(await me(`Bearer ${signToken(tokenClaims(session.userId, { sid: session.sessionId, [claim]: undefined }))}`), 401);
    });

    it('answers 401 for a well-signed token naming a session that does not exist, or another user\'s session', async () => {
      expectError(await me(`Bearer ${signToken(tokenClaims(session.userId))}`), 401);
      const other = await api.register();
      expectError(await me(`Bearer ${signToken(tokenClaims(session.userId, { sid: other.sessionId }))}`), 401);
    });

    it('answers 401 for a token of a user that does not exist', async () => {
      expectError(await me(`Bearer ${signToken(tokenClaims(999_999, { sid: session.sessionId }))}`), 401);
    });
  });
});
