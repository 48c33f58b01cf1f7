import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, todayIn } from '../../src/common/dates/calendar-date';
import { AppProcess, startAppProcess } from '../support/app-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';

jest.setTimeout(180_000);

const HABITS = 8;
const DAYS = 300;
/** Kill once this many writes have been acknowledged (more keep coming until the kill). */
const ACKNOWLEDGED_BEFORE_KILL = 2000;
const PASSWORD = 'correct horse battery';

async function call(app: AppProcess, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`http://127.0.0.1:${app.port}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null };
}

async function login(app: AppProcess, email: string): Promise<string> {
  const { json } = await call(app, 'POST', '/api/auth/login', undefined, { email, password: PASSWORD });
  return (json as { accessToken: string }).accessToken;
}

describe.each(['sqlite', 'postgres'] as const)('kill -9 while writing (%s)', (kind) => {
  let database: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'crash-'));
  let app: AppProcess | undefined;

  beforeAll(async () => {
    database = kind === 'sqlite' ? { env: { DATABASE_URL: `sqlite:${join(dir, 'crash.sqlite')}` }, drop: async () => undefined } : await createTestDatabase('postgres');
  });

  afterAll(async () => {
    await app?.stop('SIGKILL');
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses none of ~2,000 acknowledged writes', async () => {
    app = await startAppProcess(database.env);
    const email = `crash-${kind}@example.test`;
    expect((await call(app, 'POST', '/api/auth/register', undefined, { email, password: PASSWORD })).status).toBe(201);
    const token = await login(app, email);
    const today = todayIn('UTC');
    const first = addDays(today, -(DAYS - 1));
    const habitIds: number[] = [];
    for (let index = 0; index < HABITS; index += 1) {
      const { json } = await call(app, 'POST', '/api/habits', token, { name: `Habit ${index}`, schedule: { type: 'daily' }, startDate: first });
      habitIds.push((json as { id: number }).id);
    }

    const acknowledged: string[] = [];
    const running = app;
    let killed = false;
    const writer = async (habitId: number) => {
      for (let day = 0; day < DAYS && !killed; day += 1) {
        const date = addDays(first, day);
        try {
          const { status } = await call(running, 'PUT', `/api/habits/${habitId}/records/${date}`, token, { note: `n${day}` });
          if (status === 201) acknowledged.push(`${habitId} ${date}`);
          else if (!killed) throw new Error(`PUT answered ${status}`);
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    const writers = Promise.all(habitIds.map(writer));
    while (acknowledged.length < ACKNOWLEDGED_BEFORE_KILL) await new Promise((resolve) => setTimeout(resolve, 5));
    killed = true;
    await running.stop('SIGKILL');
    await writers;
    const acknowledgedAtKill = acknowledged.length;

    app = await startAppProcess(database.env);
    const again = await login(app, email);
    const stored = new Set<string>();
    for (const habitId of habitIds) {
      const { status, json } = await call(app, 'GET', `/api/records?habitId=${habitId}&from=${first}&to=${today}`, again);
      expect(status).toBe(200);
      for (const record of json as { habitId: number; date: string }[]) stored.add(`${record.habitId} ${record.date}`);
    }
    const lost = acknowledged.filter((write) => !stored.has(write));
    expect({ acknowledged: acknowledgedAtKill, lost }).toEqual({ acknowledged: expect.any(Number), lost: [] });
    expect(acknowledgedAtKill).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
  });
});
