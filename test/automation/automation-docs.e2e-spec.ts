import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppProcess, startAppProcess } from '../support/app-process';
import { freePort } from '../support/free-port';

const DOC = join(__dirname, '..', '..', 'docs', 'automation.md');

/** The fenced blocks of docs/automation.md with this info string, as written. */
function blocks(language: string): string[] {
  return [...readFileSync(DOC, 'utf8').matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].filter((match) => match[1] === language).map((match) => match[2]);
}

async function until<T>(probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** docs/automation.md's examples, run as a person would paste them, against the server started as `npm run start:prod` starts it. */
describe('docs/automation.md examples against a started server', () => {
  let folder: string;
  let server: AppProcess;
  let base: string;
  let session: string;
  let receiver: ChildProcess | undefined;
  let receiverOutput = '';

  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (response.status === 204 ? null : await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'automation-docs-'));
    server = await startAppProcess({ DATABASE_URL: `sqlite:${join(folder, 'habits.sqlite')}`, OUTBOUND_ALLOW_PRIVATE: 'true', OUTBOUND_ALLOW_HTTP: 'true' });
    base = `http://127.0.0.1:${server.port}`;
    const credentials = { email: `docs-${Date.now()}@example.test`, password: 'correct horse battery' };
    const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/api/auth/register', credentials)).status).toBe(201);
    session = ((await (await post('/api/auth/login', credentials)).json()) as { accessToken: string }).accessToken;
  }, 90_000);

  afterAll(async () => {
    receiver?.kill();
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('example 1: the curl command marks the habit done with a personal access token', async () => {
    const [curl] = blocks('sh');
    const habit = await call('POST', '/api/habits', session, { name: 'Floss', schedule: { type: 'daily' } });
    const token = await call('POST', '/api/auth/tokens', session, { name: 'curl', scope: 'write' });
    const env = { PATH: process.env.PATH ?? '', TZ: 'UTC', HABITS_URL: base, HABITS_TOKEN: token.body.secret as string, HABIT_ID: String(habit.body.id) };
    const { stdout } = await promisify(execFile)('sh', ['-c', curl], { env });
    expect(JSON.parse(stdout)).toMatchObject({ habitId: habit.body.id, status: 'done', date: new Date().toISOString().slice(0, 10) });
    const records = await call('GET', `/api/records?habitId=${String(habit.body.id)}`, session);
    expect(records.body).toEqual([expect.objectContaining({ status: 'done' })]);
    // Twice is fine (the record is replaced).
    expect(JSON.parse((await promisify(execFile)('sh', ['-c', curl], { env })).stdout)).toMatchObject({ status: 'done' });
  });

  it('example 2: the Node receiver verifies the Standard Webhooks signature and prints the changes', async () => {
    const [source] = blocks('js');
    expect(source.trim().split('\n').length).toBeLessThanOrEqual(20);
    const file = join(folder, 'receiver.mjs');
    writeFileSync(file, source);
    const port = await freePort();
    const subscription = await call('POST', '/api/webhooks', session, { url: `http://127.0.0.1:${port}/`, events: ['records', 'habits'] });
    expect(subscription.status).toBe(201);
    receiver = spawn(process.execPath, [file], { env: { PATH: process.env.PATH ?? '', WEBHOOK_SECRET: subscription.body.secret as string, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    receiver.stdout!.on('data', (chunk: Buffer) => (receiverOutput += chunk.toString()));
    receiver.stderr!.on('data', (chunk: Buffer) => (receiverOutput += chunk.toString()));
    const unsigned = async () => fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{"type":"change","data":{"changes":[]}}' }).then((r) => r.status).catch(() => 0);
    expect(await until(async () => (await unsigned()) || false)).toBe(401);

    const habit = await call('POST', '/api/habits', session, { name: 'Stretch', schedule: { type: 'daily' } });
    const today = new Date().toISOString().slice(0, 10);
    expect((await call('PUT', `/api/habits/${String(habit.body.id)}/records/${today}`, session, {})).status).toBe(201);
    await until(() => receiverOutput.includes('record put'));
    expect(receiverOutput).toContain(`habit put {"entity":"habit","op":"put","habit":{"id":${String(habit.body.id)}`);
    expect(receiverOutput).toMatch(new RegExp(`record put .*"habitId":${String(habit.body.id)},"date":"${today}"`));
    const listed = await until(async () => {
      const [webhook] = (await call('GET', '/api/webhooks', session)).body as unknown as Array<{ lastSuccessAt: string | null; failures: number }>;
      return webhook.lastSuccessAt !== null && webhook;
    });
    expect(listed.failures).toBe(0);
  });
});
