import { strToU8, zipSync } from 'fflate';
import { expectError } from '../api/api-suite';
import { ApiClient, Session } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';
import { PortabilityClient } from '../portability/portability-support';

type Json = Record<string, unknown>;

/** API.md § Conventions: every date anywhere is from 1900-01-01, on every path a date can enter by. */
describe.each(['sqlite', 'postgres'] as const)('one date floor (1900-01-01) on every path, on %s', (kind) => {
  let testApp: TestApp;
  let api: ApiClient;
  let portability: PortabilityClient;
  let user: Session;
  let habitId: number;

  beforeAll(async () => {
    testApp = await startTestApp({ database: kind });
    api = new ApiClient(testApp.app);
    portability = new PortabilityClient(api);
    user = await api.register();
    habitId = (await api.createHabit(user, { startDate: '1900-01-01' })).id as number;
  });

  afterAll(() => testApp.close());

  const message = (body: Json) => JSON.stringify(body.message);

  it('habits: startDate 1900-01-01 is fine, the day before is a 400 naming startDate (create and edit)', async () => {
    const created = await api.as(user).post('/api/habits', { name: 'Old', schedule: { type: 'daily' }, startDate: '1899-12-31' });
    expectError(created, 400);
    expect(message(created.body as Json)).toContain('startDate');
    const edited = await api.as(user).patch(`/api/habits/${habitId}`, { startDate: '0001-01-01' });
    expectError(edited, 400);
    expect(message(edited.body as Json)).toContain('startDate');
  });

  it('records: a path date, a batch item and a query range before 1900 are 400s', async () => {
    const put = await api.as(user).put(`/api/habits/${habitId}/records/1899-12-31`, {});
    expectError(put, 400);
    const batch = await api.as(user).post('/api/records/batch', { put: [{ habitId, date: '0001-01-02' }], delete: [{ habitId, date: '1899-01-01' }] });
    expectError(batch, 400);
    expect(message(batch.body as Json)).toContain('put[0].date');
    expect(message(batch.body as Json)).toContain('delete[0].date');
    expectError(await api.as(user).get('/api/records?from=0001-01-01&to=1900-01-31'), 400);
    expect((await api.as(user).put(`/api/habits/${habitId}/records/1900-01-01`, {})).status).toBe(201);
  });

  it('analytics: a range starting before 1900 is a 400', async () => {
    expectError(await api.as(user).get('/api/analytics/compliance?from=1899-12-31&to=1900-01-10'), 400);
    expectError(await api.as(user).get(`/api/analytics/habits/${habitId}?from=0001-01-01&to=1900-01-10`), 400);
  });

  it('Loop import: a Checkmarks line dated 0001-01-01 is a 400 naming the file and line, and nothing is created', async () => {
    const someone = await api.register();
    const zip = zipSync({
      'Habits.csv': strToU8('Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?\n001,Ancient,YES_NO,,,1,1,#8E24AA,,,,false\n'),
      '001 Ancient/Checkmarks.csv': strToU8('Date,Value,Notes\n1900-01-02,YES_MANUAL,\n0001-01-01,YES_MANUAL,\n'),
    });
    const answer = await portability.importZip(someone, zip);
    expectError(answer, 400);
    expect(message(answer.body as Json)).toMatch(/001 Ancient\/Checkmarks\.csv.*line 3.*0001-01-01 is before 1900-01-01/);
    expect((await api.as(someone).get('/api/habits?archived=true')).body).toEqual([]);
  });

  it('JSON import: a record dated before 1900 is a 400 naming it, and nothing is created', async () => {
    const exported = (await portability.exportJson(user)).body as Json;
    const habits = exported.habits as Json[];
    const records = exported.records as Json[];
    const document = { ...exported, records: [...records, { ...records[0], habitId: habits[0].id, date: '1899-12-31' }] };
    const someone = await api.register();
    const answer = await portability.importJson(someone, document);
    expectError(answer, 400);
    expect(message(answer.body as Json)).toContain(`records[${records.length}].date`);
    expect((await api.as(someone).get('/api/habits?archived=true')).body).toEqual([]);
  });
});
