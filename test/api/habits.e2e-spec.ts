import { addDays, todayIn } from '../../src/common/dates/calendar-date';
import { ApiClient, Session } from '../support/api-client';
import { ApiSuite, DATABASES, expectBadRequest, expectError, startApiSuite } from './api-suite';

const HABIT_KEYS = [
  'archived',
  'categoryId',
  'color',
  'createdAt',
  'description',
  'id',
  'kind',
  'name',
  'position',
  'schedule',
  'startDate',
  'target',
  'targetType',
  'unit',
  'updatedAt',
];

interface HabitBody {
  id: number;
  name: string;
  archived: boolean;
  position: number;
  categoryId: number | null;
}

describe.each(DATABASES)('habit routes on %s', (database) => {
  let suite: ApiSuite;
  let api: ApiClient;

  beforeAll(async () => {
    suite = await startApiSuite(database, 10);
    api = suite.api;
  });

  afterAll(() => suite.close());

  const listNames = async (session: Session, query = '') => {
    const response = await api.as(session).get(`/api/habits${query}`);
    expect(response.status).toBe(200);
    return (response.body as HabitBody[]).map((habit) => habit.name);
  };
  const create = (session: Session, body: Record<string, unknown>) => api.as(session).post('/api/habits', body);

  describe('POST /api/habits', () => {
    it('answers 201 with every habit field and the defaults: boolean, target 1, startDate today, not archived', async () => {
      const session = await api.register();
      const response = await create(session, { name: 'Read', schedule: { type: 'daily' } });
      expect(response.status).toBe(201);
      expect(Object.keys(response.body).sort()).toEqual(HABIT_KEYS);
      expect(response.body).toMatchObject({
        name: 'Read',
        description: null,
        categoryId: null,
        schedule: { type: 'daily' },
        kind: 'boolean',
        target: 1,
        targetType: null,
        unit: null,
        startDate: todayIn('UTC'),
        archived: false,
        position: 0,
        color: null,
      });
      expect(response.body.createdAt).toBe(new Date(response.body.createdAt as string).toISOString());
      const fetched = await api.as(session).get(`/api/habits/${response.body.id as number}`);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(response.body);
    });

    it('accepts all five schedule kinds and stores weekdays in order', async () => {
      const session = await api.register();
      const schedules = [
        [{ type: 'daily' }, { type: 'daily' }],
        [{ type: 'weekdays', days: [5, 1, 3] }, { type: 'weekdays', days: [1, 3, 5] }],
        [{ type: 'weekdays', days: [7] }, { type: 'weekdays', days: [7] }],
        [{ type: 'every_n_days', n: 2 }, { type: 'every_n_days', n: 2 }],
        [{ type: 'every_n_days', n: 365 }, { type: 'every_n_days', n: 365 }],
        [{ type: 'per_week', times: 1 }, { type: 'per_week', times: 1 }],
        [{ type: 'per_week', times: 7 }, { type: 'per_week', times: 7 }],
        [{ days: 10, times: 3, type: 'per_period' }, { type: 'per_period', times: 3, days: 10 }],
        [{ type: 'per_period', times: 1, days: 2 }, { type: 'per_period', times: 1, days: 2 }],
        [{ type: 'per_period', times: 365, days: 365 }, { type: 'per_period', times: 365, days: 365 }],
      ];
      for (const [sent, stored] of schedules) {
        const response = await create(session, { name: `Habit ${sent.type}`, schedule: sent });
        expect(response.status).toBe(201);
        expect(response.body.schedule).toEqual(stored);
        expect((await api.as(session).get(`/api/habits/${response.body.id as number}`)).body.schedule).toEqual(stored);
      }
    });

    it('creates a numeric habit with its target, unit and every optional field', async () => {
      const session = await api.register();
      const category = await api.createCategory(session, { name: 'Health' });
      const startDate = addDays(todayIn('UTC'), -10);
      const response = await create(session, {
        name: '  Drink water ',
        description: 'Eight glasses',
        categoryId: category.id,
        schedule: { type: 'daily' },
        kind: 'numeric',
        target: 2.5,
        unit: 'litres',
        startDate,
        color: '#2196F3',
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        name: 'Drink water',
        description: 'Eight glasses',
        categoryId: category.id,
        kind: 'numeric',
        target: 2.5,
        unit: 'litres',
        startDate,
        color: '#2196F3',
      });
      expect(response.body.targetType).toBe('at_least');
      const numericDefault = await create(session, { name: 'Pages', schedule: { type: 'daily' }, kind: 'numeric' });
      expect(numericDefault.body).toMatchObject({ kind: 'numeric', target: 1, targetType: 'at_least' });
      const atMost = await create(session, { name: 'Coffee', schedule: { type: 'daily' }, kind: 'numeric', target: 2, targetType: 'at_most' });
      expect(atMost.status).toBe(201);
      expect(atMost.body).toMatchObject({ kind: 'numeric', target: 2, targetType: 'at_most' });
      expect((await api.as(session).get(`/api/habits/${atMost.body.id as number}`)).body.targetType).toBe('at_most');
    });

    it.each([
      ['a targetType on a boolean habit', { targetType: 'at_least' }],
      ['an unknown targetType', { kind: 'numeric', targetType: 'exactly' }],
      ['a targetType that is not a string', { kind: 'numeric', targetType: 1 }],
    ])('answers 400 naming targetType for %s', async (_label, fields) => {
      const session = await api.register();
      expectBadRequest(await create(session, { name: 'Bad target', schedule: { type: 'daily' }, ...fields }), 'targetType');
      expect(await listNames(session)).toEqual([]);
    });

    it('keeps target 1 for a boolean habit', async () => {
      const session = await api.register();
      const response = await create(session, { name: 'Meditate', schedule: { type: 'daily' }, target: 5 });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ kind: 'boolean', target: 1 });
    });

    describe('with an invalid schedule', () => {
      let session: Session;

      beforeAll(async () => {
        session = await api.register();
      });

      it.each([
        ['a missing schedule', undefined, 'schedule'],
        ['a string', 'daily', 'schedule'],
        ['an array', [{ type: 'daily' }], 'schedule'],
        ['an unknown type', { type: 'monthly' }, 'schedule.type'],
        ['no type', { days: [1] }, 'schedule.type'],
        ['a field of another type', { type: 'daily', days: [1] }, 'schedule.days'],
        ['weekdays without days', { type: 'weekdays' }, 'schedule.days'],
        ['weekdays with no day', { type: 'weekdays', days: [] }, 'schedule.days'],
        ['weekday 0', { type: 'weekdays', days: [0, 1] }, 'schedule.days'],
        ['weekday 8', { type: 'weekdays', days: [8] }, 'schedule.days'],
        ['a repeated weekday', { type: 'weekdays', days: [1, 1] }, 'schedule.days'],
        ['a weekday as a string', { type: 'weekdays', days: ['1'] }, 'schedule.days'],
        ['every_n_days without n', { type: 'every_n_days' }, 'schedule.n'],
        ['every 1 day', { type: 'every_n_days', n: 1 }, 'schedule.n'],
        ['every 366 days', { type: 'every_n_days', n: 366 }, 'schedule.n'],
        ['every 2.5 days', { type: 'every_n_days', n: 2.5 }, 'schedule.n'],
        ['per_week without times', { type: 'per_week' }, 'schedule.times'],
        ['per_week 0 times', { type: 'per_week', times: 0 }, 'schedule.times'],
        ['per_week 8 times', { type: 'per_week', times: 8 }, 'schedule.times'],
        ['per_week with n', { type: 'per_week', times: 2, n: 3 }, 'schedule.n'],
        ['per_period without days', { type: 'per_period', times: 2 }, 'schedule.days'],
        ['per_period without times', { type: 'per_period', days: 10 }, 'schedule.times'],
        ['per_period over 1 day', { type: 'per_period', times: 1, days: 1 }, 'schedule.days'],
        ['per_period over 366 days', { type: 'per_period', times: 1, days: 366 }, 'schedule.days'],
        ['per_period 0 times', { type: 'per_period', times: 0, days: 10 }, 'schedule.times'],
        ['per_period more times than days', { type: 'per_period', times: 4, days: 3 }, 'schedule.times'],
        ['per_period 1.5 times', { type: 'per_period', times: 1.5, days: 3 }, 'schedule.times'],
        ['per_period with n', { type: 'per_period', times: 1, days: 3, n: 3 }, 'schedule.n'],
      ])('answers 400 naming the field for %s', async (_label, schedule, field) => {
        expectBadRequest(await create(session, { name: 'Bad schedule', schedule }), field);
        expect(await listNames(session)).toEqual([]);
      });
    });

    it('answers 400 naming the field for bad name, kind, target, dates, color, description and unit', async () => {
      const session = await api.register();
      const daily = { type: 'daily' };
      const cases: [Record<string, unknown>, string][] = [
        [{ schedule: daily }, 'name'],
        [{ name: '', schedule: daily }, 'name'],
        [{ name: 'n'.repeat(101), schedule: daily }, 'name'],
        [{ name: 'Kind', schedule: daily, kind: 'counter' }, 'kind'],
        [{ name: 'Target', schedule: daily, kind: 'numeric', target: 0 }, 'target'],
        [{ name: 'Target', schedule: daily, kind: 'numeric', target: -2 }, 'target'],
        [{ name: 'Target', schedule: daily, kind: 'numeric', target: 'ten' }, 'target'],
        [{ name: 'Start', schedule: daily, startDate: '2025-02-30' }, 'startDate'],
        [{ name: 'Start', schedule: daily, startDate: '2025-2-3' }, 'startDate'],
        [{ name: 'Start', schedule: daily, startDate: 'yesterday' }, 'startDate'],
        [{ name: 'Color', schedule: daily, color: 'green' }, 'color'],
        [{ name: 'Description', schedule: daily, description: 'd'.repeat(1001) }, 'description'],
        [{ name: 'Unit', schedule: daily, unit: 'u'.repeat(51) }, 'unit'],
        [{ name: 'Category', schedule: daily, categoryId: 'abc' }, 'categoryId'],
        [{ name: 'Category', schedule: daily, categoryId: -1 }, 'categoryId'],
        [{ name: 'Archived', schedule: daily, archivedAt: '2025-01-01' }, 'archivedAt'],
      ];
      for (const [body, field] of cases) expectBadRequest(await create(session, body), field);
      expect(await listNames(session)).toEqual([]);
    });

    it('answers 400 naming categoryId for a category that does not exist or belongs to another user', async () => {
      const session = await api.register();
      const foreign = await api.createCategory(await api.register(), { name: 'Theirs' });
      expectBadRequest(await create(session, { name: 'A', schedule: { type: 'daily' }, categoryId: foreign.id }), 'categoryId');
      expectBadRequest(await create(session, { name: 'B', schedule: { type: 'daily' }, categoryId: 999_999 }), 'categoryId');
      expect(await listNames(session)).toEqual([]);
    });
  });

  describe('GET /api/habits', () => {
    it('lists the caller’s non-archived habits ordered by position', async () => {
      const session = await api.register();
      const first = await api.createHabit(session, { name: 'First' });
      const second = await api.createHabit(session, { name: 'Second' });
      const third = await api.createHabit(session, { name: 'Third' });
      await api.createHabit(await api.register(), { name: 'Someone else’s' });
      expect([first.position, second.position, third.position]).toEqual([0, 1, 2]);
      expect(await listNames(session)).toEqual(['First', 'Second', 'Third']);
      await api.as(session).patch(`/api/habits/${third.id as number}`, { position: 0 }).expect(200);
      await api.as(session).patch(`/api/habits/${first.id as number}`, { position: 9 }).expect(200);
      expect(await listNames(session)).toEqual(['Third', 'Second', 'First']);
      const response = await api.as(session).get('/api/habits');
      for (const habit of response.body as object[]) expect(Object.keys(habit).sort()).toEqual(HABIT_KEYS);
    });

    it('leaves archived habits out unless archived=true, which lists only them', async () => {
      const session = await api.register();
      await api.createHabit(session, { name: 'Active' });
      const old = await api.createHabit(session, { name: 'Old' });
      const archived = await api.as(session).patch(`/api/habits/${old.id as number}`, { archived: true });
      expect(archived.status).toBe(200);
      expect(archived.body.archived).toBe(true);
      expect(await listNames(session)).toEqual(['Active']);
      expect(await listNames(session, '?archived=false')).toEqual(['Active']);
      expect(await listNames(session, '?archived=true')).toEqual(['Old']);
      expect((await api.as(session).get(`/api/habits/${old.id as number}`)).body.archived).toBe(true);
      await api.as(session).patch(`/api/habits/${old.id as number}`, { archived: false }).expect(200);
      expect(await listNames(session)).toEqual(['Active', 'Old']);
      expect(await listNames(session, '?archived=true')).toEqual([]);
    });

    it('filters by categoryId, combined with archived', async () => {
      const session = await api.register();
      const health = await api.createCategory(session, { name: 'Health' });
      const work = await api.createCategory(session, { name: 'Work' });
      await api.createHabit(session, { name: 'Run', categoryId: health.id });
      await api.createHabit(session, { name: 'Email', categoryId: work.id });
      const swim = await api.createHabit(session, { name: 'Swim', categoryId: health.id });
      await api.createHabit(session, { name: 'Loose' });
      expect(await listNames(session, `?categoryId=${health.id as number}`)).toEqual(['Run', 'Swim']);
      expect(await listNames(session, `?categoryId=${work.id as number}`)).toEqual(['Email']);
      await api.as(session).patch(`/api/habits/${swim.id as number}`, { archived: true }).expect(200);
      expect(await listNames(session, `?categoryId=${health.id as number}`)).toEqual(['Run']);
      expect(await listNames(session, `?archived=true&categoryId=${health.id as number}`)).toEqual(['Swim']);
    });

    it('answers 404 for a categoryId filter that is not one of the caller’s categories', async () => {
      const session = await api.register();
      const foreign = await api.createCategory(await api.register(), { name: 'Theirs' });
      expectError(await api.as(session).get(`/api/habits?categoryId=${foreign.id as number}`), 404);
      expectError(await api.as(session).get('/api/habits?categoryId=999999'), 404);
    });

    it('answers 400 for a bad archived or categoryId value and for an unknown query parameter', async () => {
      const session = await api.register();
      expectBadRequest(await api.as(session).get('/api/habits?archived=yes'), 'archived');
      expectBadRequest(await api.as(session).get('/api/habits?archived=1'), 'archived');
      expectBadRequest(await api.as(session).get('/api/habits?categoryId=abc'), 'categoryId');
      expectBadRequest(await api.as(session).get('/api/habits?categoryId=0'), 'categoryId');
      expectBadRequest(await api.as(session).get('/api/habits?sort=name'), 'sort');
    });
  });

  describe('GET /api/habits/:id', () => {
    it('answers 404 for another user’s habit, an unknown id and ids that are not positive integers', async () => {
      const owner = await api.register();
      const habit = await api.createHabit(owner);
      const intruder = await api.register();
      expectError(await api.as(intruder).get(`/api/habits/${habit.id as number}`), 404);
      for (const id of ['999999', 'abc', '0', '-1', '1.5', '1e3', '99999999999999999999']) {
        expectError(await api.as(intruder).get(`/api/habits/${id}`), 404);
      }
      expect((await api.as(owner).get(`/api/habits/${habit.id as number}`)).status).toBe(200);
    });
  });

  describe('PATCH /api/habits/:id', () => {
    it('changes the fields it names and leaves the others alone', async () => {
      const session = await api.register();
      const category = await api.createCategory(session);
      const habit = await api.createHabit(session, { name: 'Walk', description: 'Outside', color: '#111111', categoryId: category.id });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const startDate = addDays(todayIn('UTC'), -3);
      const response = await api.as(session).patch(`/api/habits/${habit.id as number}`, {
        name: 'Long walk',
        schedule: { type: 'weekdays', days: [6, 7] },
        startDate,
        unit: 'km',
      });
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(HABIT_KEYS);
      expect(response.body).toMatchObject({
        id: habit.id,
        name: 'Long walk',
        description: 'Outside',
        color: '#111111',
        categoryId: category.id,
        schedule: { type: 'weekdays', days: [6, 7] },
        startDate,
        unit: 'km',
        kind: 'boolean',
        archived: false,
        createdAt: habit.createdAt,
      });
      expect(Date.parse(response.body.updatedAt as string)).toBeGreaterThan(Date.parse(habit.updatedAt as string));
      expect((await api.as(session).get(`/api/habits/${habit.id as number}`)).body).toEqual(response.body);
    });

    it('turns a boolean habit numeric with a target, and back to boolean with target 1', async () => {
      const session = await api.register();
      const habit = await api.createHabit(session, { name: 'Pages' });
      const numeric = await api.as(session).patch(`/api/habits/${habit.id as number}`, { kind: 'numeric', target: 20, unit: 'pages' });
      expect(numeric.status).toBe(200);
      expect(numeric.body).toMatchObject({ kind: 'numeric', target: 20, unit: 'pages' });
      const retarget = await api.as(session).patch(`/api/habits/${habit.id as number}`, { target: 30 });
      expect(retarget.body).toMatchObject({ kind: 'numeric', target: 30 });
      const back = await api.as(session).patch(`/api/habits/${habit.id as number}`, { kind: 'boolean' });
      expect(back.body).toMatchObject({ kind: 'boolean', target: 1, targetType: null });
    });

    it('sets and keeps targetType through PATCH, and refuses one for a boolean habit', async () => {
      const session = await api.register();
      const habit = await api.createHabit(session, { name: 'Coffee' });
      const path = `/api/habits/${habit.id as number}`;
      expectBadRequest(await api.as(session).patch(path, { targetType: 'at_most' }), 'targetType');
      const numeric = await api.as(session).patch(path, { kind: 'numeric', target: 2, targetType: 'at_most' });
      expect(numeric.status).toBe(200);
      expect(numeric.body).toMatchObject({ kind: 'numeric', target: 2, targetType: 'at_most' });
      expect((await api.as(session).patch(path, { target: 3 })).body).toMatchObject({ target: 3, targetType: 'at_most' });
      expectBadRequest(await api.as(session).patch(path, { targetType: null }), 'targetType');
      expectBadRequest(await api.as(session).patch(path, { targetType: 'most' }), 'targetType');
      expect((await api.as(session).patch(path, { targetType: 'at_least' })).body.targetType).toBe('at_least');
      const schedule = await api.as(session).patch(path, { schedule: { type: 'per_period', times: 2, days: 5 } });
      expect(schedule.body.schedule).toEqual({ type: 'per_period', times: 2, days: 5 });
      expectBadRequest(await api.as(session).patch(path, { schedule: { type: 'per_period', times: 6, days: 5 } }), 'schedule.times');
      expect((await api.as(session).get(path)).body).toMatchObject({ targetType: 'at_least', schedule: { type: 'per_period', times: 2, days: 5 } });
    });

    it('clears nullable fields with null', async () => {
      const session = await api.register();
      const category = await api.createCategory(session);
      const habit = await api.createHabit(session, { description: 'd', color: '#222222', unit: 'u', categoryId: category.id });
      const response = await api.as(session).patch(`/api/habits/${habit.id as number}`, {
        description: null,
        color: null,
        unit: null,
        categoryId: null,
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ description: null, color: null, unit: null, categoryId: null });
    });

    it('answers 400 naming the field for bad values, null for required fields and unknown fields', async () => {
      const session = await api.register();
      const path = `/api/habits/${(await api.createHabit(session)).id as number}`;
      const foreign = await api.createCategory(await api.register(), { name: 'Theirs' });
      const cases: [Record<string, unknown>, string][] = [
        [{ name: '' }, 'name'],
        [{ name: null }, 'name'],
        [{ schedule: { type: 'weekdays', days: [] } }, 'schedule.days'],
        [{ schedule: null }, 'schedule'],
        [{ kind: null }, 'kind'],
        [{ target: 0 }, 'target'],
        [{ startDate: '2024-13-01' }, 'startDate'],
        [{ startDate: null }, 'startDate'],
        [{ archived: 'yes' }, 'archived'],
        [{ archived: null }, 'archived'],
        [{ position: -1 }, 'position'],
        [{ categoryId: foreign.id }, 'categoryId'],
        [{ userId: 1 }, 'userId'],
      ];
      for (const [body, field] of cases) expectBadRequest(await api.as(session).patch(path, body), field);
      expect((await api.as(session).get(path)).body).toMatchObject({ name: 'Read', schedule: { type: 'daily' }, archived: false });
    });

    it('answers 404 for another user’s habit, an unknown id and a non-numeric id, and changes nothing', async () => {
      const owner = await api.register();
      const habit = await api.createHabit(owner, { name: 'Mine' });
      const intruder = await api.register();
      expectError(await api.as(intruder).patch(`/api/habits/${habit.id as number}`, { name: 'Stolen' }), 404);
      expectError(await api.as(intruder).patch('/api/habits/999999', { name: 'Ghost' }), 404);
      expectError(await api.as(intruder).patch('/api/habits/abc', { name: 'Ghost' }), 404);
      expect(await listNames(owner)).toEqual(['Mine']);
    });
  });

  describe('DELETE /api/habits/:id', () => {
    it('answers 204, removes the habit and its records', async () => {
      const session = await api.register();
      const today = todayIn('UTC');
      const habit = await api.createHabit(session, { name: 'Gone', startDate: addDays(today, -5) });
      const kept = await api.createHabit(session, { name: 'Kept', startDate: addDays(today, -5) });
      await api.putRecord(session, habit.id as number, addDays(today, -1));
      await api.putRecord(session, habit.id as number, today);
      await api.putRecord(session, kept.id as number, today);
      const response = await api.as(session).delete(`/api/habits/${habit.id as number}`);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expectError(await api.as(session).get(`/api/habits/${habit.id as number}`), 404);
      expect(await listNames(session)).toEqual(['Kept']);
      const records = await api.as(session).get('/api/records');
      expect((records.body as { habitId: number }[]).map((record) => record.habitId)).toEqual([kept.id]);
      expectError(await api.as(session).get(`/api/records?habitId=${habit.id as number}`), 404);
      expectError(await api.as(session).put(`/api/habits/${habit.id as number}/records/${today}`, {}), 404);
      expectError(await api.as(session).delete(`/api/habits/${habit.id as number}`), 404);
    });

    it('answers 404 for another user’s habit, an unknown id and a non-numeric id', async () => {
      const owner = await api.register();
      const habit = await api.createHabit(owner, { name: 'Mine' });
      const intruder = await api.register();
      expectError(await api.as(intruder).delete(`/api/habits/${habit.id as number}`), 404);
      expectError(await api.as(intruder).delete('/api/habits/999999'), 404);
      expectError(await api.as(intruder).delete('/api/habits/abc'), 404);
      expect(await listNames(owner)).toEqual(['Mine']);
    });
  });

  it('answers 401 on every habit route without a token', async () => {
    expectError(await api.http.get('/api/habits'), 401);
    expectError(await api.http.get('/api/habits/1'), 401);
    expectError(await api.http.post('/api/habits').send({ name: 'x', schedule: { type: 'daily' } }), 401);
    expectError(await api.http.patch('/api/habits/1').send({ name: 'x' }), 401);
    expectError(await api.http.delete('/api/habits/1'), 401);
  });
});
