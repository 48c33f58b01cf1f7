import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN_EMAILS_WARNING } from '../../src/auth/admin-emails-warning';
import { ApiClient } from '../support/api-client';
import { LogCapture } from '../ops/ops-support';
import { startTestApp } from '../support/test-app';
import { http, startTwoInstances, TwoInstances } from '../sessions/sessions-support';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

describe.each(['sqlite', 'postgres'] as const)('admins granted by the operator on %s (npm run admin)', (kind) => {
  let env: TwoInstances;
  let api: ApiClient;

  beforeAll(async () => {
    env = await startTwoInstances(kind);
    api = new ApiClient(env.a.app);
  });

  afterAll(() => env.close());

  /** The operator's command, in a process of its own with the instances' settings. */
  function admin(...args: string[]) {
    const settings = { ...env.database.env, REDIS_URL: env.redis.url, NODE_ENV: 'test', LOG_LEVEL: 'error' };
    return run('npm', ['run', '--silent', 'admin', '--', ...args], { cwd: ROOT, env: { ...process.env, ...settings } }).then(
      (done) => ({ code: 0, ...done }),
      (failed: { code: number; stdout: string; stderr: string }) => failed,
    );
  }

  const statsStatus = async (app: TwoInstances['a'], token: string) =>
    (await http(app).get('/api/admin/cache/stats').set('Authorization', `Bearer ${token}`)).status;

  it('grants and revokes at once on every instance, for an access token issued before', async () => {
    const session = await api.register();
    for (const app of [env.a, env.b]) expect(await statsStatus(app, session.token)).toBe(403);

    const granted = await admin('grant', session.email.toUpperCase());
    expect(granted.code).toBe(0);
    expect(granted.stdout).toContain('is now an admin');
    for (const app of [env.a, env.b]) expect(await statsStatus(app, session.token)).toBe(200);
    expect((await http(env.b).get('/api/auth/me').set('Authorization', `Bearer ${session.token}`)).body.role).toBe('admin');

    const revoked = await admin('revoke', session.email);
    expect(revoked.code).toBe(0);
    for (const app of [env.a, env.b]) expect(await statsStatus(app, session.token)).toBe(403);
    expect((await http(env.a).get('/api/auth/me').set('Authorization', `Bearer ${session.token}`)).body.role).toBe('user');
  }, 120_000);

  it('says so when no account has the email, and refuses a bad command', async () => {
    const missing = await admin('grant', 'nobody@example.test');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No account has the email nobody@example.test');
    const bad = await admin('promote', 'x@example.test');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage: npm run admin');
  }, 120_000);
});

describe('ADMIN_EMAILS in production', () => {
  it('still makes those accounts admins, and start-up warns about it', async () => {
    const logs = new LogCapture();
    const testApp = await startTestApp({ env: { NODE_ENV: 'production', ADMIN_EMAILS: 'boss@example.test', LOG_LEVEL: 'warn' }, logDestination: logs });
    try {
      expect(logs.text).toContain(ADMIN_EMAILS_WARNING);
      const boss = await new ApiClient(testApp.app).register({ email: 'boss@example.test' });
      expect((await new ApiClient(testApp.app).as(boss).get('/api/auth/me')).body.role).toBe('admin');
    } finally {
      await testApp.close();
    }
  });

  it('logs no warning when ADMIN_EMAILS is empty', async () => {
    const logs = new LogCapture();
    const testApp = await startTestApp({ env: { NODE_ENV: 'production', ADMIN_EMAILS: '', LOG_LEVEL: 'warn' }, logDestination: logs });
    await testApp.close();
    expect(logs.text).not.toContain('ADMIN_EMAILS');
  });
});
