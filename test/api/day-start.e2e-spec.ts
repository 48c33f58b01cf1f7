import { addDays, todayIn } from '../../src/common/dates/calendar-date';
import { ApiClient, Session } from '../support/api-client';
import { RedisServer } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import { DATABASES, expectBadRequest } from './api-suite';

const HOUR_MS = 3_600_000;
const ZONES = ['America/New_York', 'Europe/Paris', 'Asia/Tokyo', 'Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kolkata'];

/**
 * A non-UTC zone and a dayStartHour at least an hour ahead of the local time there, so that
 * "today" for the user is still yesterday's calendar date for the whole test (no boundary nearby).
 */
function zoneWhereTheDayHasNotStarted(): { timezone: string; dayStartHour: number; calendarToday: string; userToday: string } {
  for (const timezone of ZONES) {
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    if (hour < 1 || hour > 20) continue;
    const dayStartHour = hour + 2;
    const calendarToday = todayIn(timezone);
    const userToday = todayIn(timezone, new Date(Date.now() - dayStartHour * HOUR_MS));
    if (userToday === addDays(calendarToday, -1)) return { timezone, dayStartHour, calendarToday, userToday };
  }
  throw new Error('no zone found where the local hour is between 1 and 20');
}

describe.each(DATABASES)('dayStartHour on %s', (database) => {
  let redis: RedisServer;
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    redis = await RedisServer.start();
    testApp = await startTestApp({ database, redisUrl: redis.url });
    api = new ApiClient(testApp.app);
  });

  afterAll(async () => {
    await testApp.close();
    await redis.stop();
  });

  it('defaults to 0 and is set at registration and by PATCH /api/auth/me; bad values are a 400 that changes nothing', async () => {
    const session = await api.register({ dayStartHour: 4 });
    expect((await api.as(session).get('/api/auth/me')).body.dayStartHour).toBe(4);
    expect((await api.as(session).patch('/api/auth/me', { dayStartHour: 23 })).body.dayStartHour).toBe(23);
    for (const bad of [24, -1, 1.5, '3', null, true]) {
      expectBadRequest(await api.as(session).patch('/api/auth/me', { dayStartHour: bad }), 'dayStartHour');
    }
    expectBadRequest(await api.http.post('/api/auth/register').send({ email: 'late@example.test', password: 'correct horse battery', dayStartHour: 24 }), 'dayStartHour');
    expect((await api.as(session).get('/api/auth/me')).body.dayStartHour).toBe(23);
    expect((await api.as(await api.register()).get('/api/auth/me')).body.dayStartHour).toBe(0);
  });

  describe('before the day has started in a non-UTC zone', () => {
    let setting: ReturnType<typeof zoneWhereTheDayHasNotStarted>;
    let session: Session;

    beforeAll(async () => {
      setting = zoneWhereTheDayHasNotStarted();
      session = await api.register({ timezone: setting.timezone, dayStartHour: setting.dayStartHour });
    });

    it('defaults startDate to the user\'s today, which is still yesterday\'s calendar date', async () => {
      const habit = await api.createHabit(session, { name: 'Late' });
      expect(habit.startDate).toBe(setting.userToday);
    });

    it('refuses a record for the calendar date that has not started for the user, and accepts their today', async () => {
      const habit = await api.createHabit(session, { name: 'Records', startDate: addDays(setting.userToday, -3) });
      expectBadRequest(await api.as(session).put(`/api/habits/${habit.id as number}/records/${setting.calendarToday}`, {}), 'date');
      expect((await api.as(session).put(`/api/habits/${habit.id as number}/records/${setting.userToday}`, {})).status).toBe(201);
    });

    it('ends default analytics and records ranges on the user\'s today, and does not break a streak for a today not done yet', async () => {
      const habit = await api.createHabit(session, { name: 'Streak', startDate: addDays(setting.userToday, -2) });
      for (const offset of [-2, -1]) await api.putRecord(session, habit.id as number, addDays(setting.userToday, offset));
      const performance = await api.as(session).get('/api/analytics/performance');
      expect(performance.body).toMatchObject({ from: addDays(setting.userToday, -29), to: setting.userToday });
      const compliance = await api.as(session).get('/api/analytics/compliance');
      expect(compliance.body.to).toBe(setting.userToday);
      const row = (compliance.body.habits as Array<Record<string, unknown>>).find((h) => h.habitId === habit.id);
      expect(row).toMatchObject({ currentStreak: 2, bestStreak: 2 });
      const records = await api.as(session).get(`/api/records?habitId=${habit.id as number}`);
      expect((records.body as Array<{ date: string }>).map((r) => r.date)).toEqual([addDays(setting.userToday, -2), addDays(setting.userToday, -1)]);
    });

    it('serves a fresh answer (another cache entry) as soon as dayStartHour changes', async () => {
      const first = await api.as(session).get('/api/analytics/performance');
      const hit = await api.as(session).get('/api/analytics/performance');
      expect(hit.headers['x-cache']).toBe('HIT');
      expect(first.body.to).toBe(setting.userToday);
      await api.as(session).patch('/api/auth/me', { dayStartHour: 0 }).expect(200);
      const moved = await api.as(session).get('/api/analytics/performance');
      expect(moved.headers['x-cache']).toBe('MISS');
      expect(moved.body.to).toBe(setting.calendarToday);
      expect((await api.createHabit(session, { name: 'Midnight' })).startDate).toBe(setting.calendarToday);
      await api.as(session).patch('/api/auth/me', { dayStartHour: setting.dayStartHour }).expect(200);
      expect((await api.as(session).get('/api/analytics/performance')).body.to).toBe(setting.userToday);
    });
  });
});
