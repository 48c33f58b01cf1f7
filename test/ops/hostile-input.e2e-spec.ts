import request from 'supertest';
import { DataSource } from 'typeorm';
import { todayIn } from '../../src/common/dates/calendar-date';
import { ApiClient, Session } from '../support/api-client';
import { signToken, tokenClaims } from '../support/jwt';
import { RedisServer } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import {
  HOSTILE_AUTHORIZATION,
  HOSTILE_DATES,
  HOSTILE_IDS,
  HOSTILE_QUERY_STRINGS,
  HOSTILE_QUERY_VALUES,
  HOSTILE_RAW_BODIES,
  HOSTILE_VALUES,
} from './hostile-corpus';
import { dumpDatabase, inPool } from './ops-support';

jest.setTimeout(240_000);

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Caller = 'anonymous' | 'owner' | 'admin';

/** One route of API.md and what it takes as input. */
interface RouteCase {
  method: Method;
  path: string;
  as: Caller;
  /** Body fields; with `valid`, a body that only an unknown field makes wrong. */
  fields?: string[];
  valid?: Record<string, unknown>;
  /** Every field is optional (PATCH, PUT of a record): `{}` and `null` are valid bodies there. */
  emptyBodyValid?: boolean;
  query?: string[];
  /** Builds the path around a hostile path parameter. */
  ids?: (id: string) => string;
  dates?: (date: string) => string;
  /** Nothing but the path and the token (reads without parameters ignore a query: they must just not fail). */
  inputless?: boolean;
}

interface Fixture {
  owner: Session;
  admin: Session;
  categoryId: number;
  habitId: number;
  today: string;
}

const PASSWORD = 'correct horse battery';

function routes(f: Fixture): RouteCase[] {
  const habit = `/api/habits/${f.habitId}`;
  return [
    { method: 'post', path: '/api/auth/register', as: 'anonymous', fields: ['email', 'password', 'displayName', 'timezone'], valid: { email: 'fresh@example.test', password: PASSWORD } },
    { method: 'post', path: '/api/auth/login', as: 'anonymous', fields: ['email', 'password'], valid: { email: f.owner.email, password: PASSWORD } },
    { method: 'post', path: '/api/auth/logout', as: 'owner', inputless: true },
    { method: 'post', path: '/api/auth/logout-all', as: 'owner', inputless: true },
    { method: 'get', path: '/api/auth/me', as: 'owner', inputless: true },
    { method: 'patch', path: '/api/auth/me', as: 'owner', fields: ['displayName', 'timezone'], valid: { displayName: 'Renamed' }, emptyBodyValid: true },
    { method: 'get', path: '/api/categories', as: 'owner', inputless: true },
    { method: 'post', path: '/api/categories', as: 'owner', fields: ['name', 'color'], valid: { name: 'Fresh' } },
    {
      method: 'patch',
      path: `/api/categories/${f.categoryId}`,
      as: 'owner',
      fields: ['name', 'color', 'position'],
      valid: { name: 'Renamed' },
      emptyBodyValid: true,
      ids: (id) => `/api/categories/${id}`,
    },
    { method: 'delete', path: `/api/categories/${f.categoryId}`, as: 'owner', ids: (id) => `/api/categories/${id}` },
    { method: 'get', path: '/api/habits', as: 'owner', query: ['archived', 'categoryId'] },
    { method: 'get', path: habit, as: 'owner', ids: (id) => `/api/habits/${id}` },
    {
      method: 'post',
      path: '/api/habits',
      as: 'owner',
      fields: ['name', 'description', 'categoryId', 'schedule', 'kind', 'target', 'unit', 'startDate', 'color'],
      valid: { name: 'Fresh', schedule: { type: 'daily' } },
    },
    {
      method: 'patch',
      path: habit,
      as: 'owner',
      fields: ['name', 'description', 'categoryId', 'schedule', 'kind', 'target', 'unit', 'startDate', 'color', 'archived', 'position'],
      valid: { name: 'Renamed' },
      emptyBodyValid: true,
      ids: (id) => `/api/habits/${id}`,
    },
    { method: 'delete', path: habit, as: 'owner', ids: (id) => `/api/habits/${id}` },
    {
      method: 'put',
      path: `${habit}/records/${f.today}`,
      as: 'owner',
      fields: ['status', 'value', 'note'],
      valid: { status: 'done' },
      emptyBodyValid: true,
      ids: (id) => `/api/habits/${id}/records/${f.today}`,
      dates: (date) => `${habit}/records/${date}`,
    },
    {
      method: 'delete',
      path: `${habit}/records/${f.today}`,
      as: 'owner',
      ids: (id) => `/api/habits/${id}/records/${f.today}`,
      dates: (date) => `${habit}/records/${date}`,
    },
    { method: 'get', path: '/api/records', as: 'owner', query: ['from', 'to', 'habitId'] },
    { method: 'get', path: '/api/analytics/performance', as: 'owner', query: ['from', 'to', 'categoryId'] },
    { method: 'get', path: '/api/analytics/compliance', as: 'owner', query: ['from', 'to', 'categoryId'] },
    { method: 'get', path: '/api/admin/cache/stats', as: 'admin', inputless: true },
    { method: 'delete', path: `/api/admin/cache/users/${f.owner.userId}`, as: 'admin', ids: (id) => `/api/admin/cache/users/${id}` },
    { method: 'post', path: '/api/admin/cache/flush', as: 'admin', fields: ['confirm'], valid: { confirm: true } },
    { method: 'get', path: '/health', as: 'anonymous', inputless: true },
    { method: 'get', path: '/health/ready', as: 'anonymous', inputless: true },
    { method: 'get', path: '/metrics', as: 'anonymous', inputless: true },
  ];
}

/** One request to send, and what the answer must be. */
interface Probe {
  route: RouteCase;
  what: string;
  path: string;
  body?: string;
  contentType?: string;
  authorization?: string;
  expect: 'client-error' | 'unauthorized' | 'not-server-error';
}

function encodePathValue(value: string): string {
  return value.includes('%') ? value : encodeURIComponent(value);
}

function bodyProbes(route: RouteCase): Probe[] {
  if (!route.fields) return [];
  const probe = (what: string, body: string, contentType = 'application/json'): Probe => ({ route, what, path: route.path, body, contentType, expect: 'client-error' });
  const probes: Probe[] = [];
  for (const value of HOSTILE_VALUES) {
    const empty = value === null || (typeof value === 'object' && Object.keys(value).length === 0 && !Array.isArray(value));
    if (!(empty && route.emptyBodyValid)) probes.push(probe(`body ${JSON.stringify(value).slice(0, 40)}`, JSON.stringify(value)));
    probes.push(probe(`every field = ${JSON.stringify(value).slice(0, 40)}`, JSON.stringify(Object.fromEntries(route.fields.map((field) => [field, value])))));
  }
  for (const raw of HOSTILE_RAW_BODIES) probes.push(probe(`raw ${raw.slice(0, 40)}`, raw));
  if (route.valid) {
    const valid = JSON.stringify(route.valid).slice(1, -1);
    probes.push(probe('valid body + role', `{${valid}, "role": "admin"}`));
    probes.push(probe('valid body + __proto__', `{${valid}, "__proto__": {"role": "admin"}}`));
    probes.push(probe('valid body + constructor', `{${valid}, "constructor": {"prototype": {"role": "admin"}}}`));
    probes.push(probe('valid body as text/plain', JSON.stringify(route.valid), 'text/plain'));
    probes.push(probe('form body', 'role=admin&__proto__[x]=1', 'application/x-www-form-urlencoded'));
  }
  return probes;
}

function pathProbes(route: RouteCase): Probe[] {
  const probes: Probe[] = [];
  for (const id of route.ids ? HOSTILE_IDS : []) {
    probes.push({ route, what: `id ${id.slice(0, 20)}`, path: route.ids!(encodePathValue(id)), expect: 'client-error' });
  }
  for (const date of route.dates ? HOSTILE_DATES : []) {
    probes.push({ route, what: `date ${date.slice(0, 20)}`, path: route.dates!(encodePathValue(date)), expect: 'client-error' });
  }
  return probes;
}

function queryProbes(route: RouteCase): Probe[] {
  const probes: Probe[] = [];
  const expectation = route.inputless ? 'not-server-error' : 'client-error';
  const withQuery = (what: string, query: string): Probe => ({ route, what, path: `${route.path}?${query}`, expect: expectation });
  for (const name of route.query ?? []) {
    for (const value of HOSTILE_QUERY_VALUES) probes.push(withQuery(`${name}=${value.slice(0, 20)}`, `${name}=${value}`));
    probes.push(withQuery(`${name} twice`, `${name}=1&${name}=2`));
    probes.push(withQuery(`${name}[]`, `${name}[]=1`));
    probes.push(withQuery(`${name}[key]`, `${name}[key]=1`));
  }
  // Reads without parameters ignore a query; logout and logout-all would act on it (they take no input).
  const ignoresQuery = route.inputless && route.method === 'get';
  if (route.query || ignoresQuery) for (const query of HOSTILE_QUERY_STRINGS) probes.push(withQuery(query, query));
  return probes;
}

function headerProbes(route: RouteCase): Probe[] {
  if (route.as === 'anonymous') return [];
  return HOSTILE_AUTHORIZATION.map((authorization) => ({ route, what: `authorization ${authorization.slice(0, 30)}`, path: route.path, authorization, expect: 'unauthorized' }));
}

function isAcceptable(probe: Probe, status: number): boolean {
  if (probe.expect === 'unauthorized') return status === 401;
  if (probe.expect === 'not-server-error') return status < 500;
  return status >= 400 && status < 500;
}

describe.each(['sqlite', 'postgres'] as const)('hostile input on %s', (database) => {
  let redis: RedisServer;
  let testApp: TestApp;
  let api: ApiClient;
  let fixture: Fixture;

  beforeAll(async () => {
    redis = await RedisServer.start();
    testApp = await startTestApp({ database, redisUrl: redis.url });
    api = new ApiClient(testApp.app);
    const owner = await api.register({ password: PASSWORD });
    const admin = await api.register({ email: 'admin@example.test', password: PASSWORD });
    const category = await api.createCategory(owner, { name: 'Health' });
    const habit = await api.createHabit(owner, { name: 'Walk', categoryId: category.id });
    const today = todayIn('UTC');
    await api.putRecord(owner, habit.id as number, today);
    fixture = { owner, admin, categoryId: category.id as number, habitId: habit.id as number, today };
  });

  afterAll(async () => {
    await testApp.close();
    await redis.stop();
  });

  async function send(probe: Probe): Promise<number> {
    const http = request(testApp.app.getHttpServer());
    let pending = http[probe.route.method](probe.path);
    const token = probe.route.as === 'admin' ? fixture.admin.token : probe.route.as === 'owner' ? fixture.owner.token : null;
    const authorization = probe.authorization ?? (token ? `Bearer ${token}` : undefined);
    if (authorization) pending = pending.set('Authorization', authorization);
    if (probe.body !== undefined) pending = pending.set('Content-Type', probe.contentType ?? 'application/json').send(probe.body);
    return (await pending).status;
  }

  /** Sends every probe; answers the ones whose status was not acceptable, e.g. `PATCH /api/habits/1 every field = 0 → 500`. */
  async function offenders(probes: Probe[]): Promise<string[]> {
    const found: string[] = [];
    await inPool(probes, 8, async (probe) => {
      const status = await send(probe);
      if (!isAcceptable(probe, status)) found.push(`${probe.route.method.toUpperCase()} ${probe.route.path} ${probe.what} → ${status}`);
    });
    return found;
  }

  it('answers every hostile body, path parameter, query and token with a 4xx, and the database is unchanged', async () => {
    const dataSource = testApp.app.get(DataSource);
    const before = await dumpDatabase(dataSource);
    const probes = routes(fixture).flatMap((route) => [...bodyProbes(route), ...pathProbes(route), ...queryProbes(route), ...headerProbes(route)]);
    expect(probes.length).toBeGreaterThan(1000);
    expect(await offenders(probes)).toEqual([]);
    expect(await dumpDatabase(dataSource)).toEqual(before);
    expect((await api.as(fixture.owner).get('/api/auth/me')).status).toBe(200);
  });

  it('answers a body of 12,000 unknown keys with a short 400 before validation, and 3,000 with at most 20 problems and how many more', async () => {
    // Short keys, so that 12,000 of them stay under the 100 KB body limit (as in the report: 99 KB).
    const keys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [index.toString(36), 0]));
    const huge = await api.as(fixture.owner).post('/api/categories', { name: 'Keys', ...keys(12_000) });
    expect(huge.status).toBe(400);
    expect(huge.body.message).toBe('The body has more than 5000 keys');
    expect(huge.text.length).toBeLessThan(500);
    const many = await api.as(fixture.owner).post('/api/categories', { name: 'Keys', ...keys(3000) });
    expect(many.status).toBe(400);
    expect(many.body.message).toHaveLength(21);
    expect(many.body.message[20]).toBe('and 2980 more');
    expect(many.text.length).toBeLessThan(4000);
    expect((await api.as(fixture.owner).get('/api/categories')).body).toEqual([expect.objectContaining({ name: 'Health' })]);
  });

  it('answers 415 to a body that is not application/json (form posts, text/plain, multipart), and changes nothing', async () => {
    const dataSource = testApp.app.get(DataSource);
    const before = await dumpDatabase(dataSource);
    const http = () => request(testApp.app.getHttpServer());
    const form = `email=${encodeURIComponent('form@example.test')}&password=${encodeURIComponent(PASSWORD)}`;
    const json = JSON.stringify({ email: 'plain@example.test', password: PASSWORD });
    const answers = await Promise.all([
      http().post('/api/auth/register').set('Content-Type', 'application/x-www-form-urlencoded').send(form),
      http().post('/api/auth/login').set('Content-Type', 'application/x-www-form-urlencoded').send(`email=${encodeURIComponent(fixture.owner.email)}&password=${encodeURIComponent(PASSWORD)}`),
      http().post('/api/auth/register').set('Content-Type', 'text/plain').send(json),
      http().post('/api/auth/register').set('Content-Type', 'multipart/form-data; boundary=x').send(`--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nm@example.test\r\n--x--`),
      http().post('/api/auth/register').set('Content-Type', 'application/json; charset=utf-16').send(json),
      http().post('/api/categories').set('Authorization', `Bearer ${fixture.owner.token}`).set('Content-Type', 'text/plain').send('{"name":"Plain"}'),
    ]);
    for (const answer of answers) {
      expect({ status: answer.status, error: answer.body.error }).toEqual({ status: 415, error: 'Unsupported Media Type' });
    }
    expect(await dumpDatabase(dataSource)).toEqual(before);
  });

  it('answers 400 to a JSON body that is not valid UTF-8, and stores nothing', async () => {
    const body = Buffer.concat([Buffer.from('{"name":"Bad '), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    const response = await testApp.app.getHttpAdapter().getInstance().inject({
      method: 'POST',
      url: '/api/categories',
      headers: { authorization: `Bearer ${fixture.owner.token}`, 'content-type': 'application/json' },
      payload: body,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ message: 'The body is not valid UTF-8' });
    expect((await api.as(fixture.owner).get('/api/categories')).body).toEqual([expect.objectContaining({ name: 'Health' })]);
  });

  it('answers 401 to a validly signed token whose sub is out of range', async () => {
    for (const sub of ['2147483648', '9223372036854775808', '99999999999999999999999']) {
      const token = signToken(tokenClaims(1, { sub }));
      expect((await api.as(token).get('/api/auth/me')).status).toBe(401);
    }
  });

  it('answers an empty profile PATCH with the unchanged profile (it was a 500)', async () => {
    const dataSource = testApp.app.get(DataSource);
    const before = await dumpDatabase(dataSource);
    const response = await api.as(fixture.owner).patch('/api/auth/me', {});
    expect(response.status).toBe(200);
    expect(response.body.email).toBe(fixture.owner.email);
    expect(await dumpDatabase(dataSource)).toEqual(before);
  });
});
