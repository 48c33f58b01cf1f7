import { addDays, todayIn } from '../../src/common/dates/calendar-date';
import { ApiClient, Session } from '../support/api-client';
import { ApiSuite, DATABASES, expectBadRequest, expectError, startApiSuite } from './api-suite';

const RECORD_KEYS = ['createdAt', 'date', 'habitId', 'id', 'note', 'status', 'updatedAt', 'value'];

interface RecordBody {
  id: number;
  habitId: number;
  date: string;
  status: string;
}

describe.each(DATABASES)('record routes on %s', (database) => {
  let suite: ApiSuite;
  let api: ApiClient;
  const today = todayIn('UTC');

  beforeAll(async () => {
    suite = await startApiSuite(database, 11);
    api = suite.api;
  });

  afterAll(() => suite.close());

  const put = (session: Session, habitId: unknown, date: string, body: Record<string, unknown> = {}) =>
    api.as(session).put(`/api/habits/${String(habitId)}/records/${date}`, body);
  const listed = async (session: Session, query: string) => {
    const response = await api.as(session).get(`/api/records${query}`);
    expect(response.status).toBe(200);
    return (response.body as RecordBody[]).map(({ habitId, date }) => [habitId, date]);
  };

  describe('PUT /api/habits/:habitId/records/:date', () => {
    it('creates a record with 201, then replaces it with 200 (idempotent upsert)', async () => {
      const session = await api.register();
      const habit = await api.createHabit(session, { startDate: addDays(today, -7) });
      const date = addDays(today, -1);
      const created = await put(session, habit.id, date, { note: 'felt good' });
      expect(created.status).toBe(201);
      expect(Object.keys(created.body).sort()).toEqual(RECORD_KEYS);
      expect(created.body).toMatchObject({ habitId: habit.id, date, status: 'done', value: 1, note: 'felt good' });
      expect(created.body.createdAt).toBe(new Date(created.body.createdAt as string).toISOString());

      const again = await put(session, habit.id, date, { note: 'felt good' });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ id: created.body.id, habitId: habit.id, date, status: 'done', value: 1, note: 'felt good' });
      expect(again.body.createdAt).toBe(created.body.createdAt);

      const replaced = await put(session, habit.id, date, { status: 'skipped' });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ id: created.body.id, status: 'skipped', note: null });
      expect(await listed(session, `?habitId=${habit.id as number}`)).toEqual([[habit.id, date]]);
    });

    it('creates exactly one record when the same PUT arrives several times at once', async () => {
      const session = await api.register();
      const habit = await api.createHabit(session, { startDate: addDays(today, -1) });
      const responses = await Promise.all(Array.from({ length: 6 }, () => put(session, habit.id, today, { note: 'once' })));
      expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      expect(new Set(responses.map((response) => response.body.id as number)).size).toBe(1);
      expect(await listed(session, '')).toEqual([[habit.id, today]]);
    });

    it('records today, and stores value 1 for a boolean habit whatever value is sent', async () => {
      const session = await api.register();
      const habit = await api.createHabit(session);
      const response = await put(session, habit.id, today, { value: 7 });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ date: today, status: 'done', value: 1 });
      const skipped = await put(session, habit.id, today, { status: 'skipped' });
      expect(skipped.body).toMatchObject({ status: 'skipped', value: 1 });
    });

    it('requires a value for a done record of a numeric habit, and stores it', async () => {
      const session = await api.register();
      const habit = await api.createHabit(session, { kind: 'numeric', target: 8, unit: 'glasses', startDate: addDays(today, -3) });
      expectBadRequest(await put(session, habit.id, today, {}), 'value');
      expectBadRequest(await put(session, habit.id, today, { status: 'done' }), 'value');
      expectBadRequest(await put(session, habit.id, today, { value: null }), 'value');
      const done = await put(session, habit.id, today, { value: 6.5 });
      expect(done.status).toBe(201);
      expect(done.body).toMatchObject({ status: 'done', value: 6.5 });
      const zero = await put(session, habit.id, addDays(today, -1), { value: 0 });
      expect(zero.body).toMatchObject({ status: 'done', value: 0 });
      const skipped = await put(session, habit.id, addDays(today, -2), { status: 'skipped' });
      expect(skipped.status).toBe(201);
      expect(skipped.body.status).toBe('skipped');
    });

    it('answers 400 naming the field for a bad status, value or note, or an unknown field', async () => {
      const session = await api.register();
      const numeric = await api.createHabit(session, { kind: 'numeric', target: 2 });
      expectBadRequest(await put(session, numeric.id, today, { status: 'maybe', value: 1 }), 'status');
      expectBadRequest(await put(session, numeric.id, today, { status: null, value: 1 }), 'status');
      expectBadRequest(await put(session, numeric.id, today, { value: -1 }), 'value');
      expectBadRequest(await put(session, numeric.id, today, { value: 'three' }), 'value');
      expectBadRequest(await put(session, numeric.id, today, { value: 1, note: 'n'.repeat(501) }), 'note');
      expectBadRequest(await put(session, numeric.id, today, { value: 1, note: 5 }), 'note');
      expectBadRequest(await put(session, numeric.id, today, { value: 1, mood: 'happy' }), 'mood');
      expect(await listed(session, '')).toEqual([]);
      const longest = await put(session, numeric.id, today, { value: 1, note: 'n'.repeat(500) });
      expect(longest.status).toBe(201);
      expect((longest.body.note as string).length).toBe(500);
    });

    it.each(['2025-02-30', '2023-02-29', '2025-13-01', '2025-00-10', '2025-1-05', '20250105', 'today', '2025-01-32'])(
      'answers 400 naming the date for the impossible date %s',
      async (date) => {
        const session = await api.register();
        const habit = await api.createHabit(session, { startDate: '2020-01-01' });
        expectBadRequest(await put(session, habit.id, date), 'date');
        expectBadRequest(await api.as(session).delete(`/api/habits/${habit.id as number}/records/${date}`), 'date');
      },
    );

    it('accepts 29 February of a leap year', async () => {
      const session = await api.register();
      const habit = await api.createHabit(session, { startDate: '2024-01-01' });
      expect((await put(session, habit.id, '2024-02-29')).status).toBe(201);
    });

    it('answers 400 for a date before the habit’s startDate, and accepts the startDate itself', async () => {
      const session = await api.register();
      const startDate = addDays(today, -3);
      const habit = await api.createHabit(session, { startDate });
      expectBadRequest(await put(session, habit.id, addDays(startDate, -1)), 'startDate');
      expect((await put(session, habit.id, startDate)).status).toBe(201);
    });

    it('answers 400 for a date after today in the user’s time zone', async () => {
      const session = await api.register();
      const habit = await api.createHabit(session, { startDate: addDays(today, -3) });
      expectBadRequest(await put(session, habit.id, addDays(today, 1)), 'date');
      expectBadRequest(await put(session, habit.id, '2999-01-01'), 'date');
      expect(await listed(session, `?to=9999-12-31`)).toEqual([]);
    });

    it('judges "future" in the user’s own time zone: Pacific/Kiritimati may record a date that Etc/GMT+12 may not yet', async () => {
      const east = await api.register({ timezone: 'Pacific/Kiritimati' });
      const west = await api.register({ timezone: 'Etc/GMT+12' });
      const eastToday = todayIn('Pacific/Kiritimati');
      const westToday = todayIn('Etc/GMT+12');
      expect(eastToday > westToday).toBe(true);
      const startDate = addDays(westToday, -2);
      const eastHabit = await api.createHabit(east, { startDate });
      const westHabit = await api.createHabit(west, { startDate });
      expect((await put(east, eastHabit.id, eastToday)).status).toBe(201);
      expect(await listed(east, '')).toEqual([[eastHabit.id, eastToday]]);
      expectBadRequest(await put(west, westHabit.id, eastToday), 'date');
      expect((await put(west, westHabit.id, westToday)).status).toBe(201);
      expectBadRequest(await put(east, eastHabit.id, addDays(eastToday, 1)), 'date');
      expect((await api.createHabit(east, { name: 'Default start' })).startDate).toBe(eastToday);
      expect((await api.createHabit(west, { name: 'Default start' })).startDate).toBe(westToday);
    });

    it('answers 404 for another user’s habit, an unknown habit and a non-numeric habit id', async () => {
      const owner = await api.register();
      const habit = await api.createHabit(owner);
      const intruder = await api.register();
      expectError(await put(intruder, habit.id, today), 404);
      expectError(await put(intruder, 999_999, today), 404);
      expectError(await put(intruder, 'abc', today), 404);
      expect(await listed(owner, '')).toEqual([]);
    });
  });

  describe('DELETE /api/habits/:habitId/records/:date', () => {
    it('answers 204 and removes the record; a second delete is a 404', async () => {
      const session = await api.register();
      const habit = await api.createHabit(session, { startDate: addDays(today, -2) });
      await api.putRecord(session, habit.id as number, today);
      await api.putRecord(session, habit.id as number, addDays(today, -1));
      const response = await api.as(session).delete(`/api/habits/${habit.id as number}/records/${today}`);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect(await listed(session, '')).toEqual([[habit.id, addDays(today, -1)]]);
      expectError(await api.as(session).delete(`/api/habits/${habit.id as number}/records/${today}`), 404);
      expect((await put(session, habit.id, today)).status).toBe(201);
    });

    it('answers 404 for a date without a record, another user’s habit, an unknown or non-numeric habit id', async () => {
      const owner = await api.register();
      const habit = await api.createHabit(owner, { startDate: addDays(today, -2) });
      await api.putRecord(owner, habit.id as number, today);
      const intruder = await api.register();
      expectError(await api.as(owner).delete(`/api/habits/${habit.id as number}/records/${addDays(today, -1)}`), 404);
      expectError(await api.as(intruder).delete(`/api/habits/${habit.id as number}/records/${today}`), 404);
      expectError(await api.as(intruder).delete(`/api/habits/999999/records/${today}`), 404);
      expectError(await api.as(intruder).delete(`/api/habits/abc/records/${today}`), 404);
      expect(await listed(owner, '')).toEqual([[habit.id, today]]);
    });
  });

  describe('GET /api/records', () => {
    let session: Session;
    let first: Record<string, unknown>;
    let second: Record<string, unknown>;
    const start = addDays(today, -40);

    beforeAll(async () => {
      session = await api.register();
      first = await api.createHabit(session, { name: 'First', startDate: start });
      second = await api.createHabit(session, { name: 'Second', startDate: start });
      const stranger = await api.register();
      const theirs = await api.createHabit(stranger, { startDate: start });
      await api.putRecord(stranger, theirs.id as number, addDays(today, -2));
      // Written out of order, so that the answer's order comes from the server.
      for (const [habit, offset] of [
        [second, -2],
        [first, -2],
        [second, -5],
        [first, 0],
        [first, -29],
        [second, -30],
        [first, -40],
      ] as const) {
        await api.putRecord(session, habit.id as number, addDays(today, offset), { status: offset === -5 ? 'skipped' : 'done' });
      }
    });

    it('defaults to the 30 days ending today, ordered by date, then habit', async () => {
      const response = await api.as(session).get('/api/records');
      expect(response.status).toBe(200);
      for (const record of response.body as object[]) expect(Object.keys(record).sort()).toEqual(RECORD_KEYS);
      expect(await listed(session, '')).toEqual([
        [first.id, addDays(today, -29)],
        [second.id, addDays(today, -5)],
        [first.id, addDays(today, -2)],
        [second.id, addDays(today, -2)],
        [first.id, today],
      ]);
      expect((response.body as RecordBody[])[1].status).toBe('skipped');
    });

    it('lists an inclusive from..to range', async () => {
      expect(await listed(session, `?from=${addDays(today, -30)}&to=${addDays(today, -2)}`)).toEqual([
        [second.id, addDays(today, -30)],
        [first.id, addDays(today, -29)],
        [second.id, addDays(today, -5)],
        [first.id, addDays(today, -2)],
        [second.id, addDays(today, -2)],
      ]);
      expect(await listed(session, `?from=${addDays(today, -2)}&to=${addDays(today, -2)}`)).toEqual([
        [first.id, addDays(today, -2)],
        [second.id, addDays(today, -2)],
      ]);
    });

    it('takes from alone (up to today) and to alone (the 30 days ending there)', async () => {
      expect(await listed(session, `?from=${addDays(today, -2)}`)).toEqual([
        [first.id, addDays(today, -2)],
        [second.id, addDays(today, -2)],
        [first.id, today],
      ]);
      expect(await listed(session, `?to=${addDays(today, -11)}`)).toEqual([
        [first.id, addDays(today, -40)],
        [second.id, addDays(today, -30)],
        [first.id, addDays(today, -29)],
      ]);
    });

    it('narrows to one habit with habitId', async () => {
      expect(await listed(session, `?habitId=${second.id as number}&from=${addDays(today, -60)}`)).toEqual([
        [second.id, addDays(today, -30)],
        [second.id, addDays(today, -5)],
        [second.id, addDays(today, -2)],
      ]);
      expect(await listed(session, `?habitId=${first.id as number}&from=${start}&to=${start}`)).toEqual([[first.id, start]]);
    });

    it('keeps listing the records of an archived habit', async () => {
      await api.as(session).patch(`/api/habits/${second.id as number}`, { archived: true }).expect(200);
      try {
        expect(await listed(session, `?habitId=${second.id as number}`)).toHaveLength(2);
      } finally {
        await api.as(session).patch(`/api/habits/${second.id as number}`, { archived: false }).expect(200);
      }
    });

    it('answers 400 for from after to, an impossible date or an unknown query parameter', async () => {
      expectBadRequest(await api.as(session).get(`/api/records?from=${today}&to=${addDays(today, -1)}`), 'from');
      expectBadRequest(await api.as(session).get('/api/records?from=2025-02-30'), 'from');
      expectBadRequest(await api.as(session).get('/api/records?to=2025-13-01'), 'to');
      expectBadRequest(await api.as(session).get('/api/records?habitId=abc'), 'habitId');
      expectBadRequest(await api.as(session).get('/api/records?status=done'), 'status');
    });

    it('answers 404 for a habitId that is not one of the caller’s habits', async () => {
      const stranger = await api.register();
      expectError(await api.as(stranger).get(`/api/records?habitId=${first.id as number}`), 404);
      expectError(await api.as(session).get('/api/records?habitId=999999'), 404);
    });

    it('shows nothing of another user’s records', async () => {
      const stranger = await api.register();
      expect(await listed(stranger, `?from=${addDays(today, -60)}`)).toEqual([]);
    });
  });

  it('answers 401 on every record route without a token', async () => {
    expectError(await api.http.get('/api/records'), 401);
    expectError(await api.http.put(`/api/habits/1/records/${today}`).send({}), 401);
    expectError(await api.http.delete(`/api/habits/1/records/${today}`), 401);
  });
});
