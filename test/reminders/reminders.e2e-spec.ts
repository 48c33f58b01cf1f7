import { DataSource } from 'typeorm';
import { isoWeekday, toEpochDay } from '../../src/common/dates/calendar-date';
import { ApiSuite, DATABASES, expectBadRequest, expectError, startApiSuite } from '../api/api-suite';
import { ApiClient, Session } from '../support/api-client';
import { morningZone, wallTimeAhead } from './reminders-support';

const REMINDER_KEYS = ['createdAt', 'days', 'enabled', 'habitId', 'id', 'nextAt', 'onlyIfNotDone', 'time', 'updatedAt'];
const HOUR_MS = 3_600_000;

describe.each(DATABASES)('reminder routes on %s', (database) => {
  let suite: ApiSuite;
  let api: ApiClient;

  beforeAll(async () => {
    suite = await startApiSuite(database, 6);
    api = suite.api;
  });

  afterAll(() => suite.close());

  const newHabit = async (session: Session, body: Record<string, unknown> = {}) => {
    const response = await api.as(session).post('/api/habits', { name: 'Meditate', schedule: { type: 'daily' }, ...body });
    expect(response.status).toBe(201);
    return response.body.id as number;
  };
  const addReminder = (session: Session, habitId: number, body: Record<string, unknown>) => api.as(session).post(`/api/habits/${habitId}/reminders`, body);
  const listReminders = (session: Session, habitId: number) => api.as(session).get(`/api/habits/${habitId}/reminders`);
  const reminderCount = async (habitId: number) => {
    const rows: unknown[] = await suite.testApp.app.get(DataSource).query(`SELECT id FROM reminders WHERE habit_id = ${Number(habitId)}`);
    return rows.length;
  };

  it('creates a reminder (201) with the defaults and a nextAt in the next 24 hours, and lists them ordered by time', async () => {
    const session = await api.register();
    const habitId = await newHabit(session);
    const late = await addReminder(session, habitId, { time: '21:15' });
    expect(late.status).toBe(201);
    expect(Object.keys(late.body).sort()).toEqual(REMINDER_KEYS);
    expect(late.body).toMatchObject({ habitId, time: '21:15', days: [1, 2, 3, 4, 5, 6, 7], onlyIfNotDone: true, enabled: true });
    const nextAt = Date.parse(late.body.nextAt);
    expect(nextAt).toBeGreaterThan(Date.now() - 60_000);
    expect(nextAt).toBeLessThanOrEqual(Date.now() + 24 * HOUR_MS);
    expect(new Date(nextAt).toISOString().slice(11, 16)).toBe('21:15');
    const early = await addReminder(session, habitId, { time: '06:00', days: [5, 1], onlyIfNotDone: false, enabled: false });
    expect(early.body).toMatchObject({ days: [1, 5], onlyIfNotDone: false, enabled: false, nextAt: null });
    const list = await listReminders(session, habitId);
    expect(list.status).toBe(200);
    expect((list.body as Array<{ time: string }>).map((reminder) => reminder.time)).toEqual(['06:00', '21:15']);
  });

  it('answers 400 naming the field for a bad time or days, and writes nothing', async () => {
    const session = await api.register();
    const habitId = await newHabit(session);
    for (const time of ['24:00', '8:00', '12:60', '', 800]) expectBadRequest(await addReminder(session, habitId, { time }), 'time');
    for (const days of [[], [0], [8], [1, 1], [1.5], 'mon', null]) expectBadRequest(await addReminder(session, habitId, { time: '08:00', days }), 'days');
    expectBadRequest(await addReminder(session, habitId, { time: '08:00', enabled: 'yes' }), 'enabled');
    expectBadRequest(await addReminder(session, habitId, { time: '08:00', colour: 'red' }), 'colour');
    expectBadRequest(await addReminder(session, habitId, {}), 'time');
    expect(await reminderCount(habitId)).toBe(0);
    const created = await addReminder(session, habitId, { time: '08:00' });
    expectBadRequest(await api.as(session).patch(`/api/reminders/${created.body.id}`, { days: [] }), 'days');
    expectBadRequest(await api.as(session).patch(`/api/reminders/${created.body.id}`, { time: null }), 'time');
  });

  it('allows 5 reminders per habit (409 past that)', async () => {
    const session = await api.register();
    const habitId = await newHabit(session);
    for (let i = 0; i < 5; i++) expect((await addReminder(session, habitId, { time: `0${i}:00` })).status).toBe(201);
    expectError(await addReminder(session, habitId, { time: '09:00' }), 409);
    expect(await reminderCount(habitId)).toBe(5);
    expect((await addReminder(session, await newHabit(session), { time: '09:00' })).status).toBe(201);
  });

  it("answers 404 for another user's habit or reminder, and changes nothing", async () => {
    const owner = await api.register();
    const other = await api.register();
    const habitId = await newHabit(owner);
    const reminder = await addReminder(owner, habitId, { time: '08:00' });
    expectError(await listReminders(other, habitId), 404);
    expectError(await addReminder(other, habitId, { time: '08:00' }), 404);
    expectError(await api.as(other).patch(`/api/reminders/${reminder.body.id}`, { time: '09:00' }), 404);
    expectError(await api.as(other).delete(`/api/reminders/${reminder.body.id}`), 404);
    expectError(await api.as(owner).patch('/api/reminders/999999', { time: '09:00' }), 404);
    expect((await listReminders(owner, habitId)).body).toEqual([reminder.body]);
  });

  it('moves nextAt at once when the time, the user\'s time zone, or the habit changes', async () => {
    const session = await api.register({ timezone: 'UTC' });
    const habitId = await newHabit(session);
    const created = await addReminder(session, habitId, { time: '10:00' });
    const id = created.body.id as number;
    const patched = await api.as(session).patch(`/api/reminders/${id}`, { time: '10:30' });
    expect(patched.status).toBe(200);
    expect(Date.parse(patched.body.nextAt) % HOUR_MS).toBe(30 * 60_000);
    expect((await api.as(session).patch('/api/auth/me', { timezone: 'Asia/Kolkata' })).status).toBe(200);
    const [moved] = (await listReminders(session, habitId)).body as Array<{ nextAt: string }>;
    expect(new Date(moved.nextAt).toISOString().slice(11, 16)).toBe('05:00');
    expect((await api.as(session).patch(`/api/habits/${habitId}`, { archived: true })).status).toBe(200);
    expect(((await listReminders(session, habitId)).body as Array<{ nextAt: string | null }>)[0].nextAt).toBeNull();
    expect((await api.as(session).patch(`/api/habits/${habitId}`, { archived: false })).status).toBe(200);
    expect(((await listReminders(session, habitId)).body as Array<{ nextAt: string | null }>)[0].nextAt).toBe(moved.nextAt);
    expect((await api.as(session).patch(`/api/reminders/${id}`, { enabled: false })).body.nextAt).toBeNull();
  });

  it('moves nextAt to the next period once a record meets a quota schedule\'s quota', async () => {
    const zone = morningZone();
    const session = await api.register({ timezone: zone.timezone });
    const habitId = await newHabit(session, { schedule: { type: 'per_week', times: 1 } });
    const created = await addReminder(session, habitId, { time: wallTimeAhead(zone.offsetMinutes, 60) });
    const localDate = (iso: string) => new Date(Date.parse(iso) + zone.offsetMinutes * 60_000).toISOString().slice(0, 10);
    const today = localDate(created.body.nextAt);
    expect((await api.as(session).put(`/api/habits/${habitId}/records/${today}`, { status: 'done' })).status).toBeLessThan(300);
    const [moved] = (await listReminders(session, habitId)).body as Array<{ nextAt: string }>;
    const nextDate = localDate(moved.nextAt);
    expect(nextDate > today).toBe(true);
    expect(isoWeekday(nextDate)).toBe(1);
    expect(toEpochDay(nextDate) - toEpochDay(today)).toBeLessThanOrEqual(7);
  });

  it('deletes a reminder (204), and a habit deletes its reminders', async () => {
    const session = await api.register();
    const habitId = await newHabit(session);
    const first = await addReminder(session, habitId, { time: '08:00' });
    await addReminder(session, habitId, { time: '09:00' });
    expect((await api.as(session).delete(`/api/reminders/${first.body.id}`)).status).toBe(204);
    expectError(await api.as(session).delete(`/api/reminders/${first.body.id}`), 404);
    expect(await reminderCount(habitId)).toBe(1);
    expect((await api.as(session).delete(`/api/habits/${habitId}`)).status).toBe(204);
    expect(await reminderCount(habitId)).toBe(0);
  });

  it('is a habits change: cached habit answers are refreshed and the sync revision moves', async () => {
    const session = await api.register();
    const habitId = await newHabit(session);
    await api.as(session).get('/api/habits');
    expect((await api.as(session).get('/api/habits')).headers['x-cache']).toBe('HIT');
    const before = (await api.as(session).get('/api/sync')).body.cursor;
    await addReminder(session, habitId, { time: '08:00' });
    expect((await api.as(session).get('/api/habits')).headers['x-cache']).toBe('MISS');
    expect((await api.as(session).get('/api/sync')).body.cursor).not.toBe(before);
  });
});
