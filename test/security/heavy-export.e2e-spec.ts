import { get, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { strFromU8, unzipSync } from 'fflate';
import { ApiClient, Session } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';

const HABITS = 100;

function request(port: number, path: string, token?: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers: token ? { authorization: `Bearer ${token}` } : {} }, resolve).on('error', reject);
  });
}

async function bodyOf(response: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Issue 23, finding 2: the Loop export of 100 daily habits started 1900-01-01 with one record each
 * (all allowed) must not block the instance. Asserted by order, not by time: /health is asked after the
 * export's first bytes arrived and must answer before its last ones do.
 */
describe.each(['sqlite', 'postgres'] as const)('heavy exports on %s', (kind) => {
  let testApp: TestApp;
  let api: ApiClient;
  let user: Session;
  let port: number;

  beforeAll(async () => {
    testApp = await startTestApp({ database: kind });
    api = new ApiClient(testApp.app);
    await testApp.app.listen(0, '127.0.0.1');
    port = (testApp.app.getHttpServer().address() as AddressInfo).port;
    user = await api.register();
    for (let i = 0; i < HABITS; i++) {
      const habit = await api.createHabit(user, { name: `Habit ${i}`, startDate: '1900-01-01' });
      await api.putRecord(user, habit.id as number, '1900-01-01', { status: 'done' });
    }
  }, 120_000);

  afterAll(() => testApp.close());

  it('streams the Loop export of 100 habits from 1900 while /health answers, and the archive is whole', async () => {
    const exported = await request(port, '/api/export/loop', user.token);
    expect(exported.statusCode).toBe(200);
    const events: string[] = [];
    const chunks: Buffer[] = [];
    const ended = new Promise<void>((resolve) => exported.on('end', () => resolve(void events.push('export ended'))));
    const healths: Promise<void>[] = [];
    exported.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (healths.length > 0) return;
      healths.push(
        request(port, '/health').then(async (response) => {
          await bodyOf(response);
          events.push(`health ${response.statusCode}`);
        }),
      );
    });
    await ended;
    await Promise.all(healths);
    expect(events).toEqual(['health 200', 'export ended']);
    const files = unzipSync(new Uint8Array(Buffer.concat(chunks)));
    expect(Object.keys(files).filter((path) => path.endsWith('/Scores.csv'))).toHaveLength(HABITS);
    const scores = strFromU8(files['Scores.csv']).trimEnd().split('\n');
    expect(scores[scores.length - 1]).toMatch(/^1900-01-01,/);
  }, 300_000);

  it('keeps serving after a client leaves an export half read', async () => {
    const exported = await request(port, '/api/export/loop', user.token);
    await new Promise<void>((resolve) => exported.once('data', () => resolve()));
    exported.destroy();
    expect((await request(port, '/health')).statusCode).toBe(200);
    expect((await api.as(user).get('/api/habits')).status).toBe(200);
  }, 120_000);
});
