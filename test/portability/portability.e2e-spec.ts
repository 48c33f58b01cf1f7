import { strToU8, zipSync } from 'fflate';
import { DataSource } from 'typeorm';
import { todayIn } from '../../src/common/dates/calendar-date';
import { HabitRecord } from '../../src/records/habit-record.entity';
import { ApiSuite, DATABASES, expectBadRequest, expectError, startApiSuite } from '../api/api-suite';
import { ApiClient, Session } from '../support/api-client';
import { seedAccount } from './account-fixture';
import { addDaysIso, PortabilityClient } from './portability-support';

type Json = Record<string, unknown>;

describe.each(DATABASES)('export and import on %s', (database) => {
  let suite: ApiSuite;
  let api: ApiClient;
  let client: PortabilityClient;
  let dataSource: DataSource;
  const today = todayIn('UTC');
  const from = addDaysIso(today, -60);

  beforeAll(async () => {
    suite = await startApiSuite(database, 7);
    api = suite.api;
    client = new PortabilityClient(api);
    dataSource = suite.testApp.app.get(DataSource);
  });

  afterAll(() => suite.close());

  const countsOf = async (userId: number) => {
    const count = async (table: string) => Number((await dataSource.query<Array<{ n: string }>>(`SELECT COUNT(*) AS n FROM ${table} WHERE user_id = ${userId}`))[0].n);
    return { categories: await count('categories'), habits: await count('habits'), records: await count('habit_records') };
  };

  describe('GET /api/export', () => {
    it('answers the whole account as a JSON attachment, with category names and records, and nothing of other users', async () => {
      const owner = await api.register({ displayName: 'Ada', timezone: 'UTC' });
      await seedAccount(api, owner, today);
      const other = await api.register();
      await api.createHabit(other, { name: 'Not yours' });
      const response = await client.exportJson(owner);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="habits-\d{4}-\d{2}-\d{2}\.json"$/);
      expect(response.headers['cache-control']).toBe('private, no-store');
      // Streamed: written in chunks as the pages of records are read, so no length is known up front.
      expect(response.headers['transfer-encoding']).toBe('chunked');
      expect(response.headers['content-length']).toBeUndefined();
      const document = response.body as Json;
      expect(Object.keys(document)).toEqual(['format', 'version', 'exportedAt', 'user', 'categories', 'habits', 'records']);
      expect(document).toMatchObject({ format: 'habit-tracker-export', version: 1, user: { displayName: 'Ada', timezone: 'UTC', dayStartHour: 0 } });
      const habits = document.habits as Json[];
      expect(habits.map((h) => h.name)).toEqual(['Stretch', 'Swim', 'Water', 'Coffee', 'Read', 'Gym', 'Floss']);
      expect(habits.find((h) => h.name === 'Read')).toMatchObject({ categoryName: 'Work', schedule: { type: 'per_period', times: 2, days: 5 } });
      const ids = new Set(habits.map((h) => h.id));
      expect((document.records as Json[]).every((r) => ids.has(r.habitId))).toBe(true);
      expect((document.records as Json[]).length).toBe((await countsOf(owner.userId)).records);
    });
  });

  describe('POST /api/import of our JSON', () => {
    it('recreates an account exactly: same habits, records and analytics in an empty account', async () => {
      const owner = await api.register();
      await seedAccount(api, owner, today);
      const exported = (await client.exportJson(owner)).body as Json;
      const fresh = await api.register();
      const imported = await client.importJson(fresh, exported);
      expect(imported.status).toBe(200);
      const records = (exported.records as Json[]).length;
      expect(imported.body).toEqual({ categories: { created: 2, merged: 0 }, habits: { created: 7, merged: 0 }, records: { created: records, updated: 0, unchanged: 0 } });
      expect(await client.snapshot(fresh, from, today)).toEqual(await client.snapshot(owner, from, today));
    });

    it('is idempotent: the same file twice changes nothing the second time, and reads see the first import at once', async () => {
      const owner = await api.register();
      await seedAccount(api, owner, today);
      const exported = (await client.exportJson(owner)).body as Json;
      const target = await api.register();
      expect((await api.as(target).get('/api/habits')).body).toEqual([]);
      await client.importJson(target, exported);
      expect((await api.as(target).get('/api/habits')).body).toHaveLength(6);
      const before = await dataSource.query(`SELECT id, status, value, note, updated_at FROM habit_records WHERE user_id = ${target.userId} ORDER BY id`);
      const again = await client.importJson(target, exported);
      expect(again.status).toBe(200);
      const records = (exported.records as Json[]).length;
      expect(again.body).toEqual({ categories: { created: 0, merged: 2 }, habits: { created: 0, merged: 7 }, records: { created: 0, updated: 0, unchanged: records } });
      expect(await dataSource.query(`SELECT id, status, value, note, updated_at FROM habit_records WHERE user_id = ${target.userId} ORDER BY id`)).toEqual(before);
      expect(await countsOf(target.userId)).toEqual({ categories: 2, habits: 7, records });
    });

    it('is one change for delta sync: a client syncing after the import receives everything it wrote', async () => {
      const owner = await api.register();
      await seedAccount(api, owner, today);
      const exported = (await client.exportJson(owner)).body as Json;
      const target = await api.register();
      const before = await api.as(target).get('/api/sync');
      expect(before.status).toBe(200);
      await client.importJson(target, exported);
      const delta = await api.as(target).get(`/api/sync?since=${encodeURIComponent(before.body.cursor as string)}&limit=5000`);
      expect(delta.status).toBe(200);
      expect(delta.body).toMatchObject({ full: false, hasMore: false });
      expect((delta.body.categories as Json[]).map((c) => c.name).sort()).toEqual(['Health', 'Work']);
      expect(delta.body.habits).toHaveLength(7);
      expect(delta.body.records).toHaveLength((exported.records as Json[]).length);
    });

    it('merges by name into existing categories and habits, upserting their records', async () => {
      const user = await api.register();
      const existing = await api.createHabit(user, { name: 'stretch', startDate: addDaysIso(today, -3) });
      await api.putRecord(user, existing.id as number, addDaysIso(today, -1), { note: 'old' });
      const document = {
        format: 'habit-tracker-export', version: 1, categories: [],
        habits: [{ id: 'a', name: 'Stretch', schedule: { type: 'daily' }, kind: 'boolean', startDate: addDaysIso(today, -3), archived: false }],
        records: [
          { habitId: 'a', date: addDaysIso(today, -1), status: 'done', value: 1, note: 'new' },
          { habitId: 'a', date: today, status: 'skipped', value: 1, note: null },
        ],
      };
      const response = await client.importJson(user, document);
      expect(response.body).toEqual({ categories: { created: 0, merged: 0 }, habits: { created: 0, merged: 1 }, records: { created: 1, updated: 1, unchanged: 0 } });
      const records = await api.as(user).get(`/api/records?habitId=${existing.id as number}`);
      expect((records.body as Json[]).map((r) => [r.date, r.status, r.note])).toEqual([[addDaysIso(today, -1), 'done', 'new'], [today, 'skipped', null]]);
    });

    it('is atomic: a bad record at the end of a big file leaves the account unchanged (checked in the database)', async () => {
      const user = await api.register();
      await api.createHabit(user, { name: 'Already here' });
      const before = await countsOf(user.userId);
      const habits = [0, 1, 2].map((i) => ({ id: i, name: `Habit ${i}`, schedule: { type: 'daily' }, kind: 'boolean', startDate: addDaysIso(today, -2100), archived: false }));
      const records = habits.flatMap((habit) => Array.from({ length: 2000 }, (_, back) => ({ habitId: habit.id, date: addDaysIso(today, -back), status: 'done', value: 1, note: null })));
      records.push({ habitId: 2, date: '2023-02-30', status: 'done', value: 1, note: null });
      const response = await client.importJson(user, { format: 'habit-tracker-export', version: 1, categories: [{ name: 'New' }], habits, records });
      expectBadRequest(response, 'records[6000].date');
      expect(await countsOf(user.userId)).toEqual(before);
    });

    it.each([
      ['another format', { format: 'something-else', version: 1 }, 'format'],
      ['an array', [1, 2], '(document)'],
      ['a duplicate habit name', { format: 'habit-tracker-export', version: 1, categories: [], habits: [{ id: 1, name: 'A', schedule: { type: 'daily' }, kind: 'boolean', startDate: '2024-01-01', archived: false }, { id: 2, name: 'a', schedule: { type: 'daily' }, kind: 'boolean', startDate: '2024-01-01', archived: false }], records: [] }, 'habits[1].name'],
    ])('refuses %s with a 400 naming the field', async (_what, document, field) => {
      const user = await api.register();
      expectBadRequest(await client.importJson(user, document), field);
      expect(await countsOf(user.userId)).toEqual({ categories: 0, habits: 0, records: 0 });
    });

    it('refuses malformed JSON with a 400 and a type it does not take with a 415', async () => {
      const user = await api.register();
      const auth = `Bearer ${user.token}`;
      expectError(await api.http.post('/api/import').set('Authorization', auth).set('content-type', 'application/json').send('{"format": '), 400);
      expectError(await api.http.post('/api/import').set('Authorization', auth).set('content-type', 'text/csv').send('Date,Value\n'), 415);
    });
  });

  describe('GET /api/export/loop', () => {
    it("writes Loop's layout: Habits.csv, a folder per habit by position, newest first, scores with 4 decimals, trailing commas", async () => {
      const owner = await api.register();
      await seedAccount(api, owner, today);
      const { response, files } = await client.exportLoop(owner);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/zip');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="Loop Habits CSV ${today}.zip"`);
      expect([...files.keys()]).toEqual([
        'Habits.csv',
        ...['001 Stretch', '002 Swim', '003 Water', '004 Coffee', '005 Read', '006 Gym', '007 Floss'].flatMap((folder) => [`${folder}/Scores.csv`, `${folder}/Checkmarks.csv`]),
        'Scores.csv',
        'Checkmarks.csv',
      ]);
      const habits = files.get('Habits.csv')!.split('\n');
      expect(habits[0]).toBe('Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?');
      expect(habits.slice(1, 8)).toEqual([
        '001,Stretch,YES_NO,,Every morning,1,1,#FF8F00,,,,false',
        '002,Swim,YES_NO,,,3,7,,,,,true',
        '003,Water,NUMERICAL,,,1,1,,glasses,AT_LEAST,8.0,false',
        '004,Coffee,NUMERICAL,,,2,3,,cups,AT_MOST,2.0,false',
        '005,Read,YES_NO,,,2,5,,,,,false',
        '006,Gym,YES_NO,,,3,7,,,,,false',
        '007,Floss,YES_NO,,,1,2,,,,,false',
      ]);
      const stretch = files.get('001 Stretch/Checkmarks.csv')!.split('\n');
      expect(stretch.slice(0, 3)).toEqual(['Date,Value,Notes', `${today},SKIP,"Travel, ""all"" day"`, `${addDaysIso(today, -1)},YES_MANUAL,`]);
      const water = files.get('003 Water/Checkmarks.csv')!;
      expect(water).toContain(`${addDaysIso(today, -2)},9250,"line\nbreak"\n`);
      const scores = files.get('001 Stretch/Scores.csv')!.split('\n');
      expect(scores[0]).toBe('Date,Score');
      expect(scores[1]).toMatch(new RegExp(`^${today},0\\.\\d{4}$`));
      expect(scores).toHaveLength(1 + 41 + 1);
      // Scores.csv holds the API's own score (src/analytics/score.ts), newest first, for every date listed.
      const habitList = (await api.as(owner).get('/api/habits?archived=true')).body as Json[];
      const allHabits = [...((await api.as(owner).get('/api/habits')).body as Json[]), ...habitList];
      for (const [folder, name] of [['001 Stretch', 'Stretch'], ['004 Coffee', 'Coffee'], ['005 Read', 'Read'], ['002 Swim', 'Swim']]) {
        const id = allHabits.find((habit) => habit.name === name)!.id as number;
        const history = (await api.as(owner).get(`/api/analytics/habits/${id}?from=${addDaysIso(today, -10)}&to=${today}`)).body as { days: Array<{ date: string; score: number }> };
        const written = files.get(`${folder}/Scores.csv`)!.split('\n').slice(1, 12);
        expect(written).toEqual(history.days.reverse().map((day) => `${day.date},${day.score.toFixed(4)}`));
      }
      const top = files.get('Checkmarks.csv')!.split('\n');
      expect(top[0]).toBe('Date,Stretch,Swim,Water,Coffee,Read,Gym,Floss,');
      expect(top[1]).toMatch(new RegExp(`^${today},SKIP,YES_MANUAL,SKIP,NO,UNKNOWN,YES_MANUAL,YES_MANUAL,$`));
      expect(files.get('Scores.csv')!.split('\n')[1]).toMatch(new RegExp(`^${today},(\\d\\.\\d{4},){7}$`));
    });

    it('is read back as the same habits and records (schedules Loop cannot hold become their frequency)', async () => {
      const owner = await api.register();
      await seedAccount(api, owner, today);
      const { zip } = await client.exportLoop(owner);
      const fresh = await api.register();
      const imported = await client.importZip(fresh, zip);
      expect(imported.status).toBe(200);
      expect(imported.body).toMatchObject({ categories: { created: 0, merged: 0 }, habits: { created: 7, merged: 0 }, records: { updated: 0, unchanged: 0 } });
      const original = await client.snapshot(owner, from, today);
      const back = await client.snapshot(fresh, from, today);
      const loopView = (habit: Json) => ({
        ...habit,
        category: null,
        schedule: habit.name === 'Gym' ? { type: 'per_week', times: 3 } : habit.name === 'Floss' ? { type: 'per_period', times: 1, days: 2 } : habit.schedule,
      });
      expect(back.habits).toEqual((original.habits as Json[]).map(loopView));
      expect(back.records).toEqual(original.records);
      expect((await client.importZip(fresh, zip)).body).toMatchObject({ habits: { created: 0, merged: 7 }, records: { created: 0, updated: 0 } });
    });
  });

  describe('POST /api/import of a Loop export', () => {
    const m = Math.pow(0.5, 1 / 13);
    const habitsCsv =
      'Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?\n' +
      '001,Journal,YES_NO,Did you write?,,1,1,#8E24AA,,,,false\n' +
      '002,Run early,YES_NO,,,2,3,#00897B,,,,false\n' +
      '003,Pages,NUMERICAL,,,1,1,#F9A825,pages,AT_LEAST,20.0,true\n';
    const days = (count: number) => Array.from({ length: count }, (_, i) => addDaysIso(today, -i));

    it('imports the current layout with the expected habits, records and scores', async () => {
      const journal = 'Date,Value,Notes\n' + days(10).map((date) => `${date},YES_MANUAL,\n`).join('');
      const run = `Date,Value,Notes\n${today},YES_MANUAL,"Cold, but done"\n${addDaysIso(today, -1)},NO,\n${addDaysIso(today, -2)},YES_AUTO,\n`;
      const pages = `Date,Value,Notes\n${today},25000,\n${addDaysIso(today, -1)},SKIP,\n${addDaysIso(today, -2)},UNKNOWN,\n`;
      const zip = zipSync({
        'Habits.csv': strToU8(habitsCsv),
        '001 Journal/Checkmarks.csv': strToU8(journal),
        '001 Journal/Scores.csv': strToU8('Date,Score\n'),
        '002 Run early/Checkmarks.csv': strToU8(run),
        '003 Pages/Checkmarks.csv': strToU8(pages),
        'Checkmarks.csv': strToU8('Date,Journal,Run early,Pages,\n'),
      });
      const user = await api.register();
      const response = await client.importZip(user, zip);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ categories: { created: 0, merged: 0 }, habits: { created: 3, merged: 0 }, records: { created: 13, updated: 0, unchanged: 0 } });
      const habits = (await api.as(user).get('/api/habits?archived=true')).body as Json[];
      const active = (await api.as(user).get('/api/habits')).body as Json[];
      expect(active.map((h) => [h.name, h.description, h.schedule, h.kind, h.startDate, h.color])).toEqual([
        ['Journal', 'Did you write?', { type: 'daily' }, 'boolean', addDaysIso(today, -9), '#8E24AA'],
        ['Run early', null, { type: 'per_period', times: 2, days: 3 }, 'boolean', addDaysIso(today, -2), '#00897B'],
      ]);
      expect(habits.map((h) => [h.name, h.kind, h.target, h.targetType, h.unit, h.archived])).toEqual([['Pages', 'numeric', 20, 'at_least', 'pages', true]]);
      const records = (await api.as(user).get(`/api/records?from=${addDaysIso(today, -9)}&to=${today}`)).body as Json[];
      expect(records.filter((r) => r.habitId === habits[0].id).map((r) => [r.date, r.status, r.value])).toEqual([[addDaysIso(today, -1), 'skipped', 0], [today, 'done', 25]]);
      expect(records.find((r) => r.habitId === active[1].id)).toMatchObject({ date: today, status: 'done', note: 'Cold, but done' });
      // Scores, as our own Loop export writes them: 10 done days in a row give 1 − m^10; Loop's 2/3 habit starts at 0.0107.
      const { files } = await client.exportLoop(user);
      expect(files.get('001 Journal/Scores.csv')!.split('\n')[1]).toBe(`${today},${(1 - Math.pow(m, 10)).toFixed(4)}`);
      expect(files.get('002 Run early/Scores.csv')!.split('\n').slice(1, 4)).toEqual([`${today},0.0107`, `${addDaysIso(today, -1)},0.0000`, `${addDaysIso(today, -2)},0.0000`]);
    });

    it('imports the older layout: old Habits.csv header, Checkmarks without header and with numeric codes', async () => {
      const old = 'Position,Name,Question,Description,NumRepetitions,Interval,Color\n001,Journal,,,1,1,#8E24AA\n002,Pages,,,1,1,#F9A825\n';
      const zip = zipSync({
        'Habits.csv': strToU8(old),
        '001 Journal/Checkmarks.csv': strToU8(`${today},2\n${addDaysIso(today, -1)},0\n${addDaysIso(today, -2)},3\n${addDaysIso(today, -3)},1\n`),
        '002 Pages/Checkmarks.csv': strToU8(`${today},12500\n${addDaysIso(today, -1)},-1\n`),
      });
      const user = await api.register();
      const response = await client.importZip(user, zip);
      expect(response.body).toMatchObject({ habits: { created: 2 }, records: { created: 3 } });
      const habits = (await api.as(user).get('/api/habits')).body as Json[];
      expect(habits.map((h) => [h.name, h.kind, h.startDate])).toEqual([['Journal', 'boolean', addDaysIso(today, -3)], ['Pages', 'numeric', addDaysIso(today, -1)]]);
      const records = (await api.as(user).get(`/api/records?from=${addDaysIso(today, -3)}&to=${today}`)).body as Json[];
      expect(records.map((r) => [r.date, r.status, r.value])).toEqual([[addDaysIso(today, -2), 'skipped', 1], [today, 'done', 1], [today, 'done', 12.5]]);
    });

    it.each([
      ['a zip without Habits.csv', () => zipSync({ 'notes.txt': strToU8('hello') }), 'Habits.csv'],
      ['a body that is no zip', () => strToU8('this is not a zip archive'), 'not a zip archive'],
      ['a bad CSV line', () => zipSync({ 'Habits.csv': strToU8(habitsCsv), '002 Run early/Checkmarks.csv': strToU8('Date,Value,Notes\n2024-01-01,YES_MANUAL,"open\n') }), '002 Run early/Checkmarks.csv, line 2'],
      ['an impossible date', () => zipSync({ 'Habits.csv': strToU8(habitsCsv), '001 Journal/Checkmarks.csv': strToU8('Date,Value,Notes\n2023-02-29,YES_MANUAL,\n') }), '001 Journal/Checkmarks.csv, line 2'],
      ['a value that is not a number', () => zipSync({ 'Habits.csv': strToU8(habitsCsv), '003 Pages/Checkmarks.csv': strToU8(`Date,Value,Notes\n${today},12.5.1,\n`) }), '003 Pages/Checkmarks.csv, line 2'],
      ['a duplicate habit name', () => zipSync({ 'Habits.csv': strToU8(`${habitsCsv}004,journal,YES_NO,,,1,1,,,,,false\n`) }), 'Habits.csv, line 5'],
    ])('refuses %s with a 400 naming the file and line, importing nothing', async (_what, zip, message) => {
      const user = await api.register();
      expectBadRequest(await client.importZip(user, zip()), message);
      expect(await countsOf(user.userId)).toEqual({ categories: 0, habits: 0, records: 0 });
    });
  });

  describe('limits', () => {
    it('answers 413 to a zip bomb, within bounded time, and to an archive of too many files', async () => {
      const user = await api.register();
      const bomb = zipSync({ 'Habits.csv': new Uint8Array(300 * 1024 * 1024) }, { level: 9 });
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const started = Date.now();
      const refused = await client.importZip(user, bomb);
      const elapsed = Date.now() - started;
      expectError(refused, 413);
      expect(refused.body.message).toContain('inflates past');
      expect(elapsed).toBeLessThan(20_000);
      const many = zipSync(Object.fromEntries(Array.from({ length: 3100 }, (_, i) => [`${i} x/Checkmarks.csv`, strToU8('')])));
      expectError(await client.importZip(user, many), 413);
      expect(await countsOf(user.userId)).toEqual({ categories: 0, habits: 0, records: 0 });
    });

    it('takes up to 32 MB on /api/import only; other routes keep 100 KB and refuse zips', async () => {
      const user = await api.register();
      const auth = `Bearer ${user.token}`;
      const big = { format: 'habit-tracker-export', version: 1, categories: [], habits: [], records: [], padding: 'x'.repeat(5 * 1024 * 1024) };
      expect((await client.importJson(user, big)).status).toBe(200);
      expectError(await client.importZip(user, new Uint8Array(32 * 1024 * 1024 + 10)), 413);
      const overOnHabits = await api.http.post('/api/habits').set('Authorization', auth).send({ name: 'x'.repeat(200 * 1024), schedule: { type: 'daily' } });
      expectError(overOnHabits, 413);
      const zipOnHabits = await api.http.post('/api/habits').set('Authorization', auth).set('content-type', 'application/zip').send(Buffer.from(zipSync({ a: strToU8('b') })));
      expectError(zipOnHabits, 415);
    });

    it('documents the three routes, their status codes and content types in OpenAPI', async () => {
      const paths = (await api.http.get('/docs-json')).body.paths as Record<string, Record<string, Json>>;
      // Sorted; 429 and 503 come with every authenticated route in issue 8's finished document.
      const codes = (path: string, method: string) => Object.keys(paths[path][method].responses as Json).sort();
      expect(codes('/api/export', 'get')).toEqual(['200', '401', '429', '503']);
      expect(codes('/api/export/loop', 'get')).toEqual(['200', '401', '429', '503']);
      expect(codes('/api/import', 'post')).toEqual(['200', '400', '401', '403', '409', '413', '415', '429', '503']);
      expect(Object.keys((paths['/api/import'].post.requestBody as { content: Json }).content)).toEqual(['application/json', 'application/zip']);
      expect(paths['/api/import'].post.security).toEqual([{ bearer: [] }]);
    });

    it('needs authentication', async () => {
      expectError(await api.http.get('/api/export'), 401);
      expectError(await api.http.get('/api/export/loop'), 401);
      expectError(await api.http.post('/api/import').send({}), 401);
    });
  });

  describe('a 10-year account', () => {
    it('is exported and re-imported within the limits, in both formats', async () => {
      const owner = await api.register();
      const start = addDaysIso(today, -3652);
      const habits: Json[] = [];
      for (const [i, name] of ['One', 'Two', 'Three', 'Four', 'Five'].entries()) {
        habits.push(await api.createHabit(owner, i === 4 ? { name, kind: 'numeric', target: 3, unit: 'km', startDate: start, schedule: { type: 'daily' } } : { name, startDate: start, schedule: { type: 'per_week', times: 3 + i } }));
      }
      const rows = habits.flatMap((habit, i) =>
        Array.from({ length: 3653 }, (_, back) => back).filter((back) => (back + i) % 4 !== 0).map((back) => ({
          userId: owner.userId, habitId: habit.id as number, date: addDaysIso(today, -back), status: back % 17 === 0 ? ('skipped' as const) : ('done' as const), value: i === 4 ? (back % 17 === 0 ? 0 : (back % 7) + 0.5) : 1, note: back % 50 === 0 ? 'a note, with a comma' : null,
          createdAt: new Date(), updatedAt: new Date(),
        })),
      );
      for (let i = 0; i < rows.length; i += 500) await dataSource.createQueryBuilder().insert().into(HabitRecord).values(rows.slice(i, i + 500)).execute();
      const json = await client.exportJson(owner);
      expect(json.status).toBe(200);
      expect(json.text.length).toBeLessThan(10 * 1024 * 1024);
      const fromJson = await api.register();
      expect((await client.importJson(fromJson, json.body)).body).toMatchObject({ habits: { created: 5 }, records: { created: rows.length } });
      const loop = await client.exportLoop(owner);
      expect(loop.zip.length).toBeLessThan(10 * 1024 * 1024);
      const fromLoop = await api.register();
      expect((await client.importZip(fromLoop, loop.zip)).body).toMatchObject({ habits: { created: 5 }, records: { created: rows.length } });
      expect(await countsOf(fromLoop.userId)).toEqual({ categories: 0, habits: 5, records: rows.length });
      const recordsOf = async (session: Session) =>
        dataSource.query(`SELECT h.name, r.date, r.status, r.value, r.note FROM habit_records r JOIN habits h ON h.id = r.habit_id WHERE r.user_id = ${session.userId} ORDER BY h.name, r.date`);
      const originals = await recordsOf(owner);
      expect(await recordsOf(fromJson)).toEqual(originals);
      expect(await recordsOf(fromLoop)).toEqual(originals);
    });
  });
});
