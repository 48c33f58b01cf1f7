import { addDays, isoWeekStart, todayIn } from '../../src/common/dates/calendar-date';
import { ApiClient, Session } from '../support/api-client';
import { ApiSuite, DATABASES, expectBadRequest, expectError, startApiSuite } from './api-suite';

interface Totals {
  due: number;
  done: number;
  skipped: number;
  rate: number | null;
}

interface HabitCompliance extends Totals {
  habitId: number;
  name: string;
  currentStreak: number;
  bestStreak: number;
  score: number;
}

type Marks = [day: number, body: Record<string, unknown>][];

const done = (...days: number[]): Marks => days.map((day) => [day, {}]);
const skipped = (...days: number[]): Marks => days.map((day) => [day, { status: 'skipped' }]);

/**
 * A hand-computed data set over two full ISO weeks d0 (a Monday, at least 28 days ago) .. d13,
 * all in the past so that no occurrence is "not done yet":
 *
 * | habit | schedule | records |
 * |---|---|---|
 * | daily     | daily                 | done d0-d2, d4-d6, d8, d9, d11-d13; skipped d3 |
 * | weekdays  | Mon, Wed, Fri         | done d0, d2, d7, d11 and d1 (a Tuesday: not due, ignored); skipped d4 |
 * | everyN    | every 3 days from d0  | done d0, d3, d9, d12 and d1 (not due, ignored) |
 * | perWeek   | 3 times a week        | done d0, d1, d3, d5 (one over quota), d8; skipped d12, d13 |
 * | numeric   | daily from d7, target 5 | values d7 5, d8 3 (below target), d9 8, d11 5, d13 6; skipped d10 |
 * | archived  | daily, archived       | done every day: must never count |
 *
 * weekdays and everyN are in category "Pair", perWeek alone in "Weekly".
 */
describe.each(DATABASES)('analytics routes on %s', (database) => {
  let suite: ApiSuite;
  let api: ApiClient;
  const today = todayIn('UTC');
  const monday = isoWeekStart(addDays(today, -28));
  const d = (index: number) => addDays(monday, index);

  let session: Session;
  const ids: Record<'daily' | 'weekdays' | 'everyN' | 'perWeek' | 'numeric' | 'archived', number> = {
    daily: 0,
    weekdays: 0,
    everyN: 0,
    perWeek: 0,
    numeric: 0,
    archived: 0,
  };
  let pairCategory: number;
  let weeklyCategory: number;

  const seed = async (name: keyof typeof ids, habit: Record<string, unknown>, marks: Marks) => {
    const created = await api.createHabit(session, { name, startDate: d(0), ...habit });
    ids[name] = created.id as number;
    for (const [day, body] of marks) await api.putRecord(session, ids[name], d(day), body);
  };

  const get = async (path: string, who: Session = session) => {
    const response = await api.as(who).get(path);
    expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status: 200 });
    return response.body;
  };
  const range = (from: number, to: number, extra = '') => `?from=${d(from)}&to=${d(to)}${extra}`;
  const compliance = async (query: string) => {
    const body = await get(`/api/analytics/compliance${query}`);
    return body as { from: string; to: string; habits: HabitCompliance[] };
  };
  const byHabit = (habits: HabitCompliance[]) =>
    Object.fromEntries(habits.map(({ habitId, name: _name, score: _score, ...rest }) => [habitId, rest]));

  beforeAll(async () => {
    suite = await startApiSuite(database, 12);
    api = suite.api;
    session = await api.register();
    pairCategory = (await api.createCategory(session, { name: 'Pair' })).id as number;
    weeklyCategory = (await api.createCategory(session, { name: 'Weekly' })).id as number;
    await seed('daily', { schedule: { type: 'daily' } }, [...done(0, 1, 2, 4, 5, 6, 8, 9, 11, 12, 13), ...skipped(3)]);
    await seed('weekdays', { schedule: { type: 'weekdays', days: [1, 3, 5] }, categoryId: pairCategory }, [
      ...done(0, 1, 2, 7, 11),
      ...skipped(4),
    ]);
    await seed('everyN', { schedule: { type: 'every_n_days', n: 3 }, categoryId: pairCategory }, done(0, 1, 3, 9, 12));
    await seed('perWeek', { schedule: { type: 'per_week', times: 3 }, categoryId: weeklyCategory }, [
      ...done(0, 1, 3, 5, 8),
      ...skipped(12, 13),
    ]);
    await seed('numeric', { schedule: { type: 'daily' }, kind: 'numeric', target: 5, unit: 'glasses', startDate: d(7) }, [
      [7, { value: 5 }],
      [8, { value: 3 }],
      [9, { value: 8 }],
      [10, { status: 'skipped' }],
      [11, { value: 5 }],
      [13, { value: 6 }],
    ]);
    await seed('archived', { schedule: { type: 'daily' } }, done(...Array.from({ length: 14 }, (_, index) => index)));
    await api.as(session).patch(`/api/habits/${ids.archived}`, { archived: true }).expect(200);
  });

  afterAll(() => suite.close());

  describe('GET /api/analytics/performance', () => {
    it('computes due, done, skipped and rate per date and in total over every schedule kind', async () => {
      const body = await get(`/api/analytics/performance${range(0, 13)}`);
      expect(Object.keys(body as object).sort()).toEqual(['days', 'from', 'to', 'totals']);
      expect(body.from).toBe(d(0));
      expect(body.to).toBe(d(13));
      const expected: [number, number, number, number | null][] = [
        [4, 4, 0, 1],
        [2, 2, 0, 1],
        [2, 2, 0, 1],
        [2, 2, 1, 1],
        [1, 1, 1, 1],
        [1, 1, 0, 1],
        [2, 1, 0, 0.5],
        [3, 2, 0, 0.6667],
        [3, 2, 0, 0.6667],
        [4, 3, 0, 0.75],
        [1, 0, 1, 0],
        [3, 3, 0, 1],
        [3, 2, 1, 0.6667],
        [2, 2, 1, 1],
      ];
      expect(body.days).toEqual(expected.map(([due, doneCount, skippedCount, rate], index) => ({
        date: d(index),
        due,
        done: doneCount,
        skipped: skippedCount,
        rate,
      })));
      expect(body.totals).toEqual({ due: 33, done: 27, skipped: 5, rate: 0.8182 });
    });

    it('narrows to one category with categoryId', async () => {
      const pair = await get(`/api/analytics/performance${range(0, 13, `&categoryId=${pairCategory}`)}`);
      expect(pair.totals).toEqual({ due: 10, done: 8, skipped: 1, rate: 0.8 });
      expect(pair.days[6]).toEqual({ date: d(6), due: 1, done: 0, skipped: 0, rate: 0 });
      expect(pair.days[5]).toEqual({ date: d(5), due: 0, done: 0, skipped: 0, rate: null });
    });

    it('counts a per_week habit only on dates with a done record within the quota of each (partial) week', async () => {
      const weekly = await get(`/api/analytics/performance${range(2, 8, `&categoryId=${weeklyCategory}`)}`);
      expect((weekly.days as (Totals & { date: string })[]).map(({ date, due, done: count }) => [date, due, count])).toEqual([
        [d(2), 0, 0],
        [d(3), 1, 1],
        [d(4), 0, 0],
        [d(5), 1, 1],
        [d(6), 0, 0],
        [d(7), 0, 0],
        [d(8), 1, 1],
      ]);
      expect(weekly.totals).toEqual({ due: 3, done: 3, skipped: 0, rate: 1 });
      const skippedWeek = await get(`/api/analytics/performance${range(7, 13, `&categoryId=${weeklyCategory}`)}`);
      expect(skippedWeek.totals).toEqual({ due: 1, done: 1, skipped: 2, rate: 1 });
    });

    it('answers every date of the range with zeros and rate null when nothing is due', async () => {
      const body = await get(`/api/analytics/performance${range(-7, -1)}`);
      expect(body.days).toHaveLength(7);
      for (const day of body.days as Totals[]) expect(day).toMatchObject({ due: 0, done: 0, skipped: 0, rate: null });
      expect(body.totals).toEqual({ due: 0, done: 0, skipped: 0, rate: null });
    });
  });

  describe('GET /api/analytics/compliance', () => {
    it('computes due, done, skipped, rate and streaks per non-archived habit, ordered by position', async () => {
      const body = await compliance(range(0, 13));
      expect(Object.keys(body).sort()).toEqual(['from', 'habits', 'to']);
      expect(body).toMatchObject({ from: d(0), to: d(13) });
      expect(body.habits.map((habit) => [habit.habitId, habit.name])).toEqual([
        [ids.daily, 'daily'],
        [ids.weekdays, 'weekdays'],
        [ids.everyN, 'everyN'],
        [ids.perWeek, 'perWeek'],
        [ids.numeric, 'numeric'],
      ]);
      for (const habit of body.habits) {
        expect(Object.keys(habit).sort()).toEqual(['bestStreak', 'currentStreak', 'done', 'due', 'habitId', 'name', 'rate', 'score', 'skipped']);
      }
      expect(byHabit(body.habits)).toEqual({
        [ids.daily]: { due: 13, done: 11, skipped: 1, rate: 0.8462, currentStreak: 3, bestStreak: 6 },
        [ids.weekdays]: { due: 5, done: 4, skipped: 1, rate: 0.8, currentStreak: 1, bestStreak: 3 },
        [ids.everyN]: { due: 5, done: 4, skipped: 0, rate: 0.8, currentStreak: 2, bestStreak: 2 },
        [ids.perWeek]: { due: 6, done: 4, skipped: 2, rate: 0.6667, currentStreak: 0, bestStreak: 1 },
        [ids.numeric]: { due: 6, done: 4, skipped: 1, rate: 0.6667, currentStreak: 1, bestStreak: 2 },
      });
    });

    it('counts streaks over the history before `from`, and bestStreak only for runs ending in the range', async () => {
      const early = byHabit((await compliance(range(5, 6))).habits);
      expect(early[ids.daily]).toEqual({ due: 2, done: 2, skipped: 0, rate: 1, currentStreak: 6, bestStreak: 6 });
      expect(early[ids.weekdays]).toMatchObject({ due: 0, done: 0, skipped: 0, rate: null, currentStreak: 2 });
      expect(early[ids.everyN]).toEqual({ due: 1, done: 0, skipped: 0, rate: 0, currentStreak: 0, bestStreak: 0 });
      expect(early[ids.perWeek]).toEqual({ due: 2, done: 1, skipped: 0, rate: 0.5, currentStreak: 1, bestStreak: 1 });
      expect(early[ids.numeric]).toEqual({ due: 0, done: 0, skipped: 0, rate: null, currentStreak: 0, bestStreak: 0 });

      const late = byHabit((await compliance(range(7, 13))).habits);
      expect(late[ids.daily]).toEqual({ due: 7, done: 5, skipped: 0, rate: 0.7143, currentStreak: 3, bestStreak: 3 });
    });

    it('gives a per_week habit its quota in a partial week', async () => {
      const weekly = await compliance(range(2, 8, `&categoryId=${weeklyCategory}`));
      expect(weekly.habits).toEqual([
        { habitId: ids.perWeek, name: 'perWeek', due: 5, done: 3, skipped: 0, rate: 0.6, currentStreak: 0, bestStreak: 1, score: expect.any(Number) },
      ]);
    });

    it('narrows to one category with categoryId', async () => {
      const pair = await compliance(range(0, 13, `&categoryId=${pairCategory}`));
      expect(pair.habits.map((habit) => habit.habitId)).toEqual([ids.weekdays, ids.everyN]);
    });
  });

  describe('both reports', () => {
    it('leave out archived habits, and take them back when unarchived', async () => {
      await api.as(session).patch(`/api/habits/${ids.numeric}`, { archived: true }).expect(200);
      try {
        const performance = await get(`/api/analytics/performance${range(0, 13)}`);
        expect(performance.totals).toEqual({ due: 27, done: 23, skipped: 4, rate: 0.8519 });
        const report = await compliance(range(0, 13));
        expect(report.habits.map((habit) => habit.habitId)).toEqual([ids.daily, ids.weekdays, ids.everyN, ids.perWeek]);
      } finally {
        await api.as(session).patch(`/api/habits/${ids.numeric}`, { archived: false }).expect(200);
      }
      expect((await get(`/api/analytics/performance${range(0, 13)}`)).totals).toEqual({ due: 33, done: 27, skipped: 5, rate: 0.8182 });
      expect((await compliance(range(0, 13))).habits).toHaveLength(5);
    });

    it('follow a change of position in the compliance order', async () => {
      await api.as(session).patch(`/api/habits/${ids.daily}`, { position: 99 }).expect(200);
      const report = await compliance(range(0, 13));
      expect(report.habits.map((habit) => habit.habitId)).toEqual([ids.weekdays, ids.everyN, ids.perWeek, ids.numeric, ids.daily]);
    });

    it('default to the 30 days ending today, and let an occurrence due today stay "not done yet"', async () => {
      const fresh = await api.register();
      const habit = await api.createHabit(fresh, { name: 'Fresh', startDate: addDays(today, -3) });
      for (const offset of [-3, -2, -1]) await api.putRecord(fresh, habit.id as number, addDays(today, offset));

      const performance = await get('/api/analytics/performance', fresh);
      expect(performance).toMatchObject({ from: addDays(today, -29), to: today });
      expect(performance.days).toHaveLength(30);
      expect(performance.days[0].date).toBe(addDays(today, -29));
      expect(performance.days[29]).toEqual({ date: today, due: 1, done: 0, skipped: 0, rate: 0 });
      expect(performance.totals).toEqual({ due: 4, done: 3, skipped: 0, rate: 0.75 });
      const before = await get('/api/analytics/compliance', fresh);
      expect(before).toMatchObject({ from: addDays(today, -29), to: today });
      expect(before.habits).toEqual([
        // Score: three daily check-ins give 0.147820 (Loop's vector); today, not done yet, decays it by m = 0.5^(1/13).
        { habitId: habit.id, name: 'Fresh', due: 4, done: 3, skipped: 0, rate: 0.75, currentStreak: 3, bestStreak: 3, score: 0.1401 },
      ]);

      await api.putRecord(fresh, habit.id as number, today);
      expect((await get('/api/analytics/performance', fresh)).days[29]).toEqual({ date: today, due: 1, done: 1, skipped: 0, rate: 1 });
      expect((await get('/api/analytics/compliance', fresh)).habits[0]).toMatchObject({
        due: 4,
        done: 4,
        rate: 1,
        currentStreak: 4,
        bestStreak: 4,
        score: 0.1921,
      });
    });

    it('read back values exactly: 0.1 + 0.2 is over an at_most target of 0.3, and 0.3 meets it', async () => {
      const exact = await api.register();
      const habit = await api.createHabit(exact, { name: 'Exact', kind: 'numeric', target: 0.3, targetType: 'at_most', startDate: addDays(today, -2) });
      await api.putRecord(exact, habit.id as number, addDays(today, -2), { value: 0.1 + 0.2 });
      await api.putRecord(exact, habit.id as number, addDays(today, -1), { value: 0.3 });
      const range = `?from=${addDays(today, -2)}&to=${addDays(today, -1)}`;
      expect((await get(`/api/analytics/performance${range}`, exact)).days.map((day: { done: number }) => day.done)).toEqual([0, 1]);
      expect((await get(`/api/analytics/compliance${range}`, exact)).habits[0]).toMatchObject({ due: 2, done: 1 });
    });

    it('answer an empty report to a user without habits', async () => {
      const empty = await api.register();
      expect((await get('/api/analytics/compliance', empty)).habits).toEqual([]);
      expect((await get('/api/analytics/performance', empty)).totals).toEqual({ due: 0, done: 0, skipped: 0, rate: null });
    });

    it.each(['performance', 'compliance'])('%s accepts a range of exactly 366 days', async (report) => {
      const body = await get(`/api/analytics/${report}?from=${addDays(today, -365)}&to=${today}`);
      expect(body).toMatchObject({ from: addDays(today, -365), to: today });
      if (report === 'performance') expect(body.days).toHaveLength(366);
    });

    it.each(['performance', 'compliance'])('%s answers 400 for from after to, over 366 days, bad dates and unknown parameters', async (report) => {
      const path = `/api/analytics/${report}`;
      expectBadRequest(await api.as(session).get(`${path}?from=${d(5)}&to=${d(4)}`), 'from');
      expectBadRequest(await api.as(session).get(`${path}?from=${addDays(today, -366)}&to=${today}`), '366');
      expectBadRequest(await api.as(session).get(`${path}?from=${addDays(today, -400)}`), '366');
      expectBadRequest(await api.as(session).get(`${path}?from=2025-02-30&to=2025-03-05`), 'from');
      expectBadRequest(await api.as(session).get(`${path}?to=tomorrow`), 'to');
      expectBadRequest(await api.as(session).get(`${path}?categoryId=abc`), 'categoryId');
      expectBadRequest(await api.as(session).get(`${path}?habitId=1`), 'habitId');
    });

    it.each(['performance', 'compliance'])('%s answers 404 for a categoryId that is not the caller’s', async (report) => {
      const foreign = await api.createCategory(await api.register(), { name: 'Theirs' });
      expectError(await api.as(session).get(`/api/analytics/${report}?categoryId=${foreign.id as number}`), 404);
      expectError(await api.as(session).get(`/api/analytics/${report}?categoryId=999999`), 404);
    });

    it.each(['performance', 'compliance'])('%s answers 401 without a token', async (report) => {
      expectError(await api.http.get(`/api/analytics/${report}`), 401);
    });
  });
});
