import { createGzip, gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { DataSource } from 'typeorm';
import { expectError } from '../api/api-suite';
import { waitUntil } from '../ops/ops-support';
import { PortabilityClient } from '../portability/portability-support';
import { ApiClient, Session } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';

type Json = Record<string, unknown>;

const HABITS_HEADER = 'Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?';

/** Our JSON export of `habits` daily habits with a record on each of `days` days ending 2025-12-31. */
function account(habits: number, days: number): Json {
  const end = Date.UTC(2025, 11, 31);
  const dates = Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
  return {
    format: 'habit-tracker-export',
    version: 1,
    categories: [],
    habits: Array.from({ length: habits }, (_, i) => ({ id: i + 1, name: `Habit ${i}`, schedule: { type: 'daily' }, kind: 'boolean', target: 1, startDate: dates[0], archived: false })),
    records: Array.from({ length: habits }, (_, h) => dates.map((date) => ({ habitId: h + 1, date, status: 'done', value: 1, note: null }))).flat(),
  };
}

/** A gzip stream of `megabytes` MB of spaces (a few hundred KB), built without holding the decoded bytes. */
async function gzipOfSpaces(megabytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const megabyte = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < megabytes; i++) if (!gzip.write(megabyte)) await new Promise((resolve) => gzip.once('drain', resolve));
  gzip.end();
  await done;
  return Buffer.concat(chunks);
}

/** Hostile and heavy imports (issue 23, findings 1 and the size limits of API.md § Export and import). */
describe.each(['sqlite', 'postgres'] as const)('heavy imports on %s', (kind) => {
  let testApp: TestApp;
  let api: ApiClient;
  let client: PortabilityClient;
  let dataSource: DataSource;

  beforeAll(async () => {
    testApp = await startTestApp({ database: kind });
    api = new ApiClient(testApp.app);
    client = new PortabilityClient(api);
    dataSource = testApp.app.get(DataSource);
  });

  afterAll(() => testApp.close());

  async function count(table: string, userId?: number): Promise<number> {
    const rows: { n: string | number }[] = await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}${userId === undefined ? '' : ` WHERE user_id = ${userId}`}`);
    return Number(rows[0].n);
  }

  function importGzip(user: Session, body: Buffer, contentType = 'application/json') {
    return api.http.post('/api/import').set('Authorization', `Bearer ${user.token}`).set('content-type', contentType).set('content-encoding', 'gzip').serialize((raw: unknown) => raw as string).send(body);
  }

  it('takes a gzip-encoded JSON export, as the plain one', async () => {
    const user = await api.register();
    const imported = await importGzip(user, gzipSync(JSON.stringify(account(2, 30))));
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ habits: { created: 2 }, records: { created: 60 } });
    expect(await count('habit_records', user.userId)).toBe(60);
  });

  it('answers 413 to a body over 32 MB as sent, and to a gzip that decodes past 256 MB, importing nothing', async () => {
    const user = await api.register();
    expectError(await importGzip(user, Buffer.alloc(32 * 1024 * 1024 + 1, 7)), 413);
    const bomb = await gzipOfSpaces(257);
    expect(bomb.length).toBeLessThan(32 * 1024 * 1024);
    const refused = await importGzip(user, bomb);
    expectError(refused, 413);
    expect(refused.body.message).toContain('256 MB');
    expect(await count('habits', user.userId)).toBe(0);
  }, 120_000);

  it('answers 415 to another Content-Encoding, and to gzip on a route that does not take it', async () => {
    const user = await api.register();
    const brotli = await api.http.post('/api/import').set('Authorization', `Bearer ${user.token}`).set('content-type', 'application/json').set('content-encoding', 'br').send('{}');
    expectError(brotli, 415);
    const habit = await api.http.post('/api/habits').set('Authorization', `Bearer ${user.token}`).set('content-type', 'application/json').set('content-encoding', 'gzip').serialize((raw: unknown) => raw as string).send(gzipSync('{"name":"x"}'));
    expectError(habit, 415);
  });

  it('refuses a Loop zip whose Habits.csv has 1,000,000 rows with 409, creating nothing', async () => {
    const user = await api.register();
    const lines = Array.from({ length: 1_000_000 }, (_, i) => `${i + 1},Habit ${i},YES_NO,,,1,1,#FF0000,,,,false`);
    const zip = zipSync({ 'Habits.csv': strToU8(`${HABITS_HEADER}\n${lines.join('\n')}\n`) });
    const refused = await client.importZip(user, zip);
    expectError(refused, 409);
    expect(refused.body.message).toContain('1000 habits');
    expect(await count('habits', user.userId)).toBe(0);
  }, 120_000);

  it('stages a 10-year import invisibly: meanwhile /health answers, another user writes (2xx) and the importer sees nothing of it', async () => {
    const importer = await api.register();
    const other = await api.register();
    const habit = await api.createHabit(other, { name: 'Walk', startDate: '2020-01-01' });
    // supertest sends on then(): started now, awaited below.
    const running = client.importJson(importer, account(20, 3650)).then((response) => response);
    await waitUntil(async () => (await count('import_staged_records', importer.userId)) > 0, 'the import stages its records', 60_000);

    expect((await api.http.get('/health')).status).toBe(200);
    expect((await api.as(other).put(`/api/habits/${habit.id as number}/records/2021-01-01`, { status: 'done' })).status).toBe(201);
    const seen = await api.as(importer).get('/api/habits');
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual([]);
    expect(await count('habit_records', importer.userId)).toBe(0);

    const imported = await running;
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ habits: { created: 20 }, records: { created: 73_000 } });
    expect(await count('habit_records', importer.userId)).toBe(73_000);
    expect(await count('import_staged_records')).toBe(0);
  }, 120_000);

  it('plans and stages again when the importer writes during their own import, and imports once', async () => {
    const importer = await api.register();
    const running = client.importJson(importer, account(20, 3650)).then((response) => response);
    await waitUntil(async () => (await count('import_staged_records', importer.userId)) > 0, 'the import stages its records', 60_000);
    // A write of the importer's own: the staged plan no longer holds at the flip.
    await api.createHabit(importer, { name: 'Meanwhile' });
    const imported = await running;
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ habits: { created: 20, merged: 0 }, records: { created: 73_000 } });
    expect(await count('habits', importer.userId)).toBe(21);
    expect(await count('habit_records', importer.userId)).toBe(73_000);
    expect(await count('import_staged_records', importer.userId)).toBe(0);
  }, 120_000);
});
