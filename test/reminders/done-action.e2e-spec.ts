import { todayIn } from '../../src/common/dates/calendar-date';
import { DoneAction } from '../../src/reminders/done-action';
import { DATABASES, expectError } from '../api/api-suite';
import { ApiClient, Session } from '../support/api-client';
import { ManualClock, startTestApp, TestApp } from '../support/test-app';

describe.each(DATABASES)('the reminders "Done" action on %s', (kind) => {
  let app: TestApp;
  let api: ApiClient;
  const clock = new ManualClock();

  beforeAll(async () => {
    // The in-process cache: Redis databases 1 and 6 are the other reminders suites'.
    app = await startTestApp({ database: kind, clock, env: { PUBLIC_URL: 'https://habits.example.org' } });
    api = new ApiClient(app.app);
  });

  afterAll(() => app?.close());

  const owner = { timezone: 'UTC', dayStartHour: 0 };
  const today = () => todayIn('UTC');
  const tokenPath = (habitId: number, date = today()) => new URL(app.app.get(DoneAction).doneUrl(owner, habitId, date)).pathname;
  const newHabit = async (session: Session, body: Record<string, unknown> = {}) =>
    (await api.as(session).post('/api/habits', { name: 'Drink water', schedule: { type: 'daily' }, ...body })).body.id as number;

  it('gives an absolute doneUrl on PUBLIC_URL', async () => {
    const session = await api.register({ timezone: 'UTC' });
    const url = app.app.get(DoneAction).doneUrl(owner, await newHabit(session), today());
    expect(url).toMatch(/^https:\/\/habits\.example\.org\/api\/reminders\/done\/[\w.-]+$/);
  });

  it('marks the habit done on that date without any other credential (numeric: its target); twice gives the same record', async () => {
    const session = await api.register({ timezone: 'UTC' });
    const habitId = await newHabit(session, { kind: 'numeric', target: 8, unit: 'glasses' });
    const records = `/api/records?habitId=${habitId}&from=${today()}&to=${today()}`;
    await api.as(session).get(records);
    expect((await api.as(session).get(records)).headers['x-cache']).toBe('HIT');
    const cursor = (await api.as(session).get('/api/sync')).body.cursor;
    const done = await api.http.post(tokenPath(habitId));
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ habitId, date: today(), status: 'done', value: 8 });
    const again = await api.http.post(tokenPath(habitId));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(done.body);
    const listed = await api.as(session).get(records);
    expect(listed.headers['x-cache']).toBe('MISS');
    expect(listed.body).toEqual([done.body]);
    expect((await api.as(session).get('/api/sync')).body.cursor).not.toBe(cursor);
  });

  it('answers 404 for an altered token, another habit, a deleted habit, or once the date has ended', async () => {
    const session = await api.register({ timezone: 'UTC' });
    const habitId = await newHabit(session);
    const path = tokenPath(habitId);
    const [, habitPart, date, expiry, signature] = /^\/api\/reminders\/done\/(\d+)\.([\d-]+)\.(\d+)\.(.+)$/.exec(path)!;
    expectError(await api.http.post(`/api/reminders/done/${Number(habitPart) + 1}.${date}.${expiry}.${signature}`), 404);
    expectError(await api.http.post(`/api/reminders/done/${habitPart}.${date}.${Number(expiry) + 1}.${signature}`), 404);
    expectError(await api.http.post('/api/reminders/done/garbage'), 404);
    const other = await newHabit(session);
    expect((await api.as(session).delete(`/api/habits/${other}`)).status).toBe(204);
    expectError(await api.http.post(tokenPath(other)), 404);
    clock.advance(Number(expiry) - clock.now());
    expectError(await api.http.post(path), 404);
    expect((await api.as(session).get(`/api/records?habitId=${habitId}&from=${today()}&to=${today()}`)).body).toEqual([]);
  });
});
