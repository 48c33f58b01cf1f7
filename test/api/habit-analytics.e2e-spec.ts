import { DataSource } from 'typeorm';
import { addDays, todayIn } from '../../src/common/dates/calendar-date';
import type { AnalyticsHabit, AnalyticsRecord, HabitReport } from '../../src/analytics/analytics.types';
import { computeCompliance } from '../../src/analytics/compliance';
import { computeHabitReport } from '../../src/analytics/habit-report';
import { HabitHistoryStore } from '../../src/analytics/habit-history-store';
import { HistoryRepository } from '../../src/analytics/history.repository';
import { computePerformance } from '../../src/analytics/performance';
import { ApiClient, Session } from '../support/api-client';
import { ApiSuite, DATABASES, expectBadRequest, expectError, startApiSuite } from './api-suite';

type Body = Record<string, unknown>;

/** What the API holds of a habit, as the pure functions take it. */
function asAnalyticsHabit(habit: Body): AnalyticsHabit {
  return {
    id: habit.id as number,
    name: habit.name as string,
    schedule: habit.schedule as AnalyticsHabit['schedule'],
    kind: habit.kind as AnalyticsHabit['kind'],
    target: habit.target as number,
    targetType: habit.targetType as AnalyticsHabit['targetType'],
    startDate: habit.startDate as string,
    position: habit.position as number,
  };
}

describe.each(DATABASES)('per-habit analytics, score and bounded history on %s', (database) => {
  let suite: ApiSuite;
  let api: ApiClient;
  const today = todayIn('UTC');

  beforeAll(async () => {
    suite = await startApiSuite(database, 7);
    api = suite.api;
  });

  afterAll(() => suite.close());

  const get = async (session: Session, path: string) => {
    const response = await api.as(session).get(path);
    expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status: 200 });
    return response;
  };

  /** Creates a habit and its records through the API; returns both as the pure functions see them. */
  const seed = async (session: Session, body: Body, records: [offset: number, record: Body][]) => {
    const habit = await api.createHabit(session, body);
    const written: AnalyticsRecord[] = [];
    for (const [offset, record] of records) {
      const date = addDays(today, offset);
      const stored = await api.putRecord(session, habit.id as number, date, record);
      written.push({ habitId: habit.id as number, date, status: stored.status as 'done', value: stored.value as number });
    }
    return { habit: asAnalyticsHabit(habit), records: written };
  };

  describe('GET /api/analytics/habits/:id', () => {
    it('answers totals, streaks, score, one day per date and the streak runs, as API.md computes them', async () => {
      const session = await api.register();
      const offsets = Array.from({ length: 20 }, (_, index) => index - 19);
      const { habit } = await seed(session, { name: 'Twenty', startDate: addDays(today, -25) }, offsets.map((offset) => [offset, {}]));
      const response = await get(session, `/api/analytics/habits/${habit.id}`);
      expect(response.headers['x-cache']).toBe('MISS');
      const body = response.body as HabitReport;
      expect(Object.keys(body).sort()).toEqual(
        ['bestStreak', 'currentStreak', 'days', 'done', 'due', 'from', 'habitId', 'rate', 'score', 'skipped', 'streaks', 'to'].sort(),
      );
      // Loop's vector: 20 daily check-ins give 0.655747 on the last one.
      expect(body).toMatchObject({ habitId: habit.id, from: addDays(today, -29), to: today, due: 26, done: 20, skipped: 0, score: 0.6557 });
      expect(body).toMatchObject({ currentStreak: 20, bestStreak: 20, rate: 0.7692 });
      expect(body.days).toHaveLength(30);
      expect(body.days[0]).toEqual({ date: addDays(today, -29), status: 'none', value: null, score: 0 });
      expect(body.days[4]).toEqual({ date: addDays(today, -25), status: 'missed', value: null, score: 0 });
      expect(body.days[10]).toEqual({ date: addDays(today, -19), status: 'done', value: 1, score: 0.0519 });
      expect(body.days[29]).toMatchObject({ date: today, status: 'done', score: 0.6557 });
      expect(body.streaks).toEqual([{ start: addDays(today, -19), end: today, length: 20 }]);
      const again = await get(session, `/api/analytics/habits/${habit.id}?to=${today}&from=${addDays(today, -29)}`);
      expect(again.headers['x-cache']).toBe('HIT');
      expect(again.body).toEqual(body);
    });

    it('gives days their statuses: partial under a numeric target, skipped, missed, pending today', async () => {
      const session = await api.register();
      const { habit, records } = await seed(session, { name: 'Water', kind: 'numeric', target: 4, startDate: addDays(today, -4) }, [
        [-4, { value: 5 }],
        [-3, { value: 2 }],
        [-2, { status: 'skipped' }],
      ]);
      const body = (await get(session, `/api/analytics/habits/${habit.id}?from=${addDays(today, -4)}&to=${today}`)).body as HabitReport;
      expect(body.days.map((day) => [day.status, day.value])).toEqual([
        ['done', 5],
        ['partial', 2],
        ['skipped', 0],
        ['missed', null],
        ['pending', null],
      ]);
      expect(body).toEqual(computeHabitReport(habit, records, { from: addDays(today, -4), to: today }, today));
    });

    it('serves an archived habit, and reflects a new record at once', async () => {
      const session = await api.register();
      const { habit } = await seed(session, { name: 'Old', startDate: addDays(today, -2) }, [[-2, {}]]);
      await api.as(session).patch(`/api/habits/${habit.id}`, { archived: true }).expect(200);
      const path = `/api/analytics/habits/${habit.id}`;
      expect(((await get(session, path)).body as HabitReport).done).toBe(1);
      await api.putRecord(session, habit.id, addDays(today, -1));
      const after = await get(session, path);
      expect(after.headers['x-cache']).toBe('MISS');
      expect((after.body as HabitReport).done).toBe(2);
    });

    it('answers 404 for another user’s habit and an unknown id, 400 for bad ranges and unknown parameters, 401 without a token', async () => {
      const owner = await api.register();
      const habit = await api.createHabit(owner);
      const stranger = await api.register();
      expectError(await api.as(stranger).get(`/api/analytics/habits/${habit.id as number}`), 404);
      expectError(await api.as(owner).get('/api/analytics/habits/999999'), 404);
      expectError(await api.as(owner).get('/api/analytics/habits/abc'), 404);
      const path = `/api/analytics/habits/${habit.id as number}`;
      expectBadRequest(await api.as(owner).get(`${path}?from=${today}&to=${addDays(today, -1)}`), 'from');
      expectBadRequest(await api.as(owner).get(`${path}?from=${addDays(today, -366)}&to=${today}`), '366');
      expectBadRequest(await api.as(owner).get(`${path}?from=2025-02-30`), 'from');
      expectBadRequest(await api.as(owner).get(`${path}?categoryId=1`), 'categoryId');
      expectError(await api.http.get(path), 401);
    });
  });

  it('documents the route, the score, per_period and targetType in the OpenAPI document', async () => {
    const doc = (await api.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters: { name: string; in: string }[]; security?: unknown[] }>>;
      components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> };
    };
    const route = doc.paths['/api/analytics/habits/{id}']?.get;
    expect(Object.keys(route?.responses ?? {}).sort()).toEqual(['200', '304', '400', '401', '404']);
    expect(JSON.stringify(route?.responses['404'])).toContain('ErrorResponse');
    expect(route?.security).toEqual([{ bearer: [] }]);
    const parameters = route?.parameters.filter((parameter) => parameter.in !== 'header');
    expect(parameters?.map((parameter) => `${parameter.in}:${parameter.name}`).sort()).toEqual(['path:id', 'query:from', 'query:to']);
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas.HabitReportResponse.properties).sort()).toEqual(
      ['bestStreak', 'currentStreak', 'days', 'done', 'due', 'from', 'habitId', 'rate', 'score', 'skipped', 'streaks', 'to'].sort(),
    );
    expect(schemas.HabitDayResponse.properties.status.enum).toEqual(['done', 'skipped', 'partial', 'missed', 'pending', 'none']);
    expect(schemas.HabitComplianceResponse.properties.score).toBeDefined();
    expect(schemas.HabitResponse.properties.targetType.enum).toEqual(['at_least', 'at_most']);
    expect(JSON.stringify(schemas.CreateHabitDto.properties.schedule)).toContain('per_period');
  });

  describe('per_period, at_most and the score in every analytics route', () => {
    it('computes compliance and the habit report of per_period and at_most habits as the pure functions do', async () => {
      const session = await api.register();
      const start = addDays(today, -40);
      const period = await seed(session, { name: 'Thrice in ten', schedule: { type: 'per_period', times: 3, days: 10 }, startDate: start }, [
        [-40, {}],
        [-38, {}],
        [-35, {}],
        [-29, {}],
        [-22, {}],
        [-21, {}],
        [-15, { status: 'skipped' }],
        [-12, {}],
        [-3, {}],
      ]);
      const coffee = await seed(
        session,
        { name: 'Coffee', kind: 'numeric', target: 2, targetType: 'at_most', startDate: start, schedule: { type: 'daily' } },
        [
          [-40, { value: 1 }],
          [-30, { value: 5 }],
          [-20, { value: 2 }],
          [-10, { value: 3 }],
          [-1, { value: 0 }],
        ],
      );
      const range = { from: addDays(today, -29), to: today };
      const query = `?from=${range.from}&to=${range.to}`;
      const expected = computeCompliance([period.habit, coffee.habit], [...period.records, ...coffee.records], range, today);
      expect((await get(session, `/api/analytics/compliance${query}`)).body).toEqual(expected);
      for (const { habit, records } of [period, coffee]) {
        const body = (await get(session, `/api/analytics/habits/${habit.id}${query}`)).body as HabitReport;
        expect(body).toEqual(computeHabitReport(habit, records, range, today));
      }
      const performance = computePerformance([period.habit, coffee.habit], [...period.records, ...coffee.records], range);
      expect(performance.totals.due).toBeGreaterThan(30);
      expect((await get(session, `/api/analytics/performance${query}`)).body).toEqual(performance);
    });

    it('answers compliance in the user’s own time zone', async () => {
      const zone = 'Pacific/Kiritimati';
      const session = await api.register({ timezone: zone });
      const local = todayIn(zone);
      const habit = await api.createHabit(session, { name: 'Far east', startDate: addDays(local, -1) });
      await api.putRecord(session, habit.id as number, local);
      const body = (await get(session, '/api/analytics/compliance')).body as { to: string; habits: Body[] };
      expect(body.to).toBe(local);
      expect(body.habits[0]).toMatchObject({ due: 2, done: 1, currentStreak: 1, score: 0.0519 });
    });
  });

  describe('bounded history', () => {
    /** A daily habit with ~300 days of records, written straight into the database (triggers included). */
    const longHabit = async (session: Session) => {
      const start = addDays(today, -300);
      const habit = await api.createHabit(session, { name: 'Long', startDate: start });
      const records: AnalyticsRecord[] = [];
      for (let offset = -300; offset <= 0; offset++) {
        if (offset % 7 === 3 || offset % 11 === 0) continue;
        records.push({ habitId: habit.id as number, date: addDays(today, offset), status: offset % 13 === 0 ? 'skipped' : 'done', value: 1 });
      }
      const dataSource = suite.testApp.app.get(DataSource);
      const placeholders = (i: number) => (database === 'postgres' ? `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4}, 1)` : '(?, ?, ?, ?, 1)');
      const values = records.map((_, i) => placeholders(i)).join(', ');
      await dataSource.query(
        `INSERT INTO habit_records (habit_id, user_id, date, status, value) VALUES ${values}`,
        records.flatMap((record) => [record.habitId, session.userId, record.date, record.status]),
      );
      return { habit: asAnalyticsHabit(habit), records, dataSource };
    };

    it('keeps checkpoints, resumes from them, and drops those a change of an older record makes wrong', async () => {
      const session = await api.register();
      const { habit, records, dataSource } = await longHabit(session);
      const range = { from: addDays(today, -29), to: today };
      const path = `/api/analytics/habits/${habit.id}`;
      const noCache = (p: string) => api.as(session).get(p).set('Cache-Control', 'no-cache');

      const first = await noCache(path);
      expect(first.body).toEqual(computeHabitReport(habit, records, range, today));
      const count = async () => Number((await dataSource.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM habit_checkpoints WHERE habit_id = ' + habit.id))[0].n);
      expect(await count()).toBeGreaterThanOrEqual(8);
      // A second read resumes from a checkpoint and gives the same answer.
      expect((await noCache(path)).body).toEqual(first.body);

      // Changing a record 200 days ago changes today's score (in full precision) and drops later checkpoints.
      const old = addDays(today, -200);
      await api.putRecord(session, habit.id, old, { status: 'skipped' });
      const changed = records.map((record) => (record.date === old ? { ...record, status: 'skipped' as const } : record));
      if (!changed.some((record) => record.date === old)) changed.push({ habitId: habit.id, date: old, status: 'skipped', value: 1 });
      expect(await count()).toBeLessThan(8);
      const after = await noCache(path);
      expect(after.body).toEqual(computeHabitReport(habit, changed, range, today));
      const compliance = await noCache(`/api/analytics/compliance?from=${range.from}&to=${range.to}`);
      expect(compliance.body).toEqual(computeCompliance([habit], changed, range, today));

      // A delete straight in the database (any code path) drops them too.
      await dataSource.query(`DELETE FROM habit_records WHERE habit_id = ${habit.id} AND date = '${addDays(today, -250)}'`);
      const remaining = changed.filter((record) => record.date !== addDays(today, -250));
      expect((await noCache(path)).body).toEqual(computeHabitReport(habit, remaining, range, today));

      // A change of the habit's rules makes its checkpoints unusable (they name the rules).
      const patched = await api.as(session).patch(`/api/habits/${habit.id}`, { schedule: { type: 'per_week', times: 5 } });
      expect(patched.status).toBe(200);
      const weekly = asAnalyticsHabit(patched.body as Body);
      expect((await noCache(path)).body).toEqual(computeHabitReport(weekly, remaining, range, today));
    });

    it('stores no checkpoint computed from records older than the habit’s current revision', async () => {
      const session = await api.register();
      const habit = await api.createHabit(session, { name: 'Guarded', startDate: addDays(today, -100) });
      const history = suite.testApp.app.get(HistoryRepository);
      const before = await history.findHabit(session.userId, habit.id as number);
      await api.putRecord(session, habit.id as number, addDays(today, -90));
      const after = await history.findHabit(session.userId, habit.id as number);
      expect(after?.historyRev).toBeGreaterThan(before?.historyRev ?? Infinity);
      const row = { day: addDays(today, -60), state: '[0.5,1,1,1]' };
      await history.saveCheckpoints(habit.id as number, before?.historyRev ?? 0, 'rules', [row]);
      expect(await history.latestCheckpoints([{ habitId: habit.id as number, rules: 'rules' }], today)).toEqual([]);
      await history.saveCheckpoints(habit.id as number, after?.historyRev ?? 0, 'rules', [row]);
      expect(await history.latestCheckpoints([{ habitId: habit.id as number, rules: 'rules' }], today)).toEqual([
        { habitId: habit.id, day: row.day, rules: 'rules', state: row.state },
      ]);
    });

    it('walks from startDate, on records read in one statement, when the records changed after the habit was read', async () => {
      const session = await api.register();
      const { habit, records } = await longHabit(session);
      await api.as(session).get(`/api/analytics/habits/${habit.id}`).set('Cache-Control', 'no-cache').expect(200);
      const history = suite.testApp.app.get(HistoryRepository);
      const store = suite.testApp.app.get(HabitHistoryStore);
      const current = await history.findHabit(session.userId, habit.id);
      if (!current) throw new Error('habit not found');
      const range = { from: addDays(today, -29), to: today };
      const fresh = await store.load(session.userId, [current], range, today);
      expect(fresh.resumes.has(habit.id)).toBe(true);
      expect(fresh.records.length).toBeLessThan(100);
      // As if a record had been written between reading the habit and reading its checkpoints.
      const stale = await store.load(session.userId, [{ ...current, historyRev: current.historyRev - 1 }], range, today);
      expect(stale.resumes.size).toBe(0);
      expect(stale.records.length).toBe(records.length);
    });
  });
});
