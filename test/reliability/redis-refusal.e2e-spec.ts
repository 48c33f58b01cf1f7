import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { AppProcess, startAppProcess } from '../support/app-process';
import { freePort } from '../support/free-port';

jest.setTimeout(120_000);

/** A redis-server of this suite's own, with extra arguments (a password, a TLS port). */
async function startRedis(args: string[]): Promise<{ port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const portArgs = args.includes('--tls-port') ? ['--port', '0', '--tls-port', String(port)] : ['--port', String(port)];
  const child: ChildProcess = spawn('redis-server', [...portArgs, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...args.filter((arg) => arg !== '--tls-port')], { stdio: 'ignore' });
  for (let attempt = 0; !(await accepts(port)); attempt += 1) {
    if (attempt > 100) throw new Error('redis-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function get(app: AppProcess, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${app.port}${path}`, { headers });
}

function metric(text: string, name: string): number {
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!match) throw new Error(`no metric ${name}`);
  return Number(match[1]);
}

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** /health/ready and /metrics say the same about Redis. */
async function redisAsReported(app: AppProcess): Promise<{ ready: string; redisUp: number; shared: number }> {
  const ready = (await (await get(app, '/health/ready')).json()) as { checks: { redis: { status: string } } };
  const metrics = await (await get(app, '/metrics')).text();
  return { ready: ready.checks.redis.status, redisUp: metric(metrics, 'redis_up'), shared: metric(metrics, 'rate_limit_shared') };
}

describe('Redis that refuses us is said plainly, and /metrics agrees with /health/ready', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redis-refusal-'));
  const database = { DATABASE_URL: `sqlite:${join(dir, 'app.sqlite')}`, LOG_LEVEL: 'info' };
  const apps: AppProcess[] = [];

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop('SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(env: Record<string, string>): Promise<AppProcess> {
    const app = await startAppProcess({ ...database, ...env });
    apps.push(app);
    return app;
  }

  it('logs a wrong password at start-up once with the cause, reports Redis down everywhere, and logs the recovery', async () => {
    const redis = await startRedis(['--requirepass', 'the-right-one']);
    try {
      const app = await start({ REDIS_URL: `redis://:the-wrong-one@127.0.0.1:${redis.port}` });
      const refused = `Redis at redis://127.0.0.1:${redis.port} unavailable: authentication failed (WRONGPASS`;
      await until(() => app.output().includes(refused), 'the log line');
      await new Promise((resolve) => setTimeout(resolve, 2500)); // a few reconnection attempts
      expect(app.output().split(refused).length - 1).toBe(1);
      expect(app.output()).not.toContain('the-wrong-one');
      expect(await redisAsReported(app)).toEqual({ ready: 'down', redisUp: 0, shared: 0 });

      const admin = createClient({ url: `redis://:the-right-one@127.0.0.1:${redis.port}` });
      await admin.connect();
      await admin.configSet('requirepass', 'the-wrong-one');
      await admin.close();
      await until(() => app.output().includes(`Redis at redis://127.0.0.1:${redis.port} connected and ready`), 'the recovery line');
      await until(async () => (await redisAsReported(app)).shared === 1, 'shared rate limits');
      expect(await redisAsReported(app)).toEqual({ ready: 'up', redisUp: 1, shared: 1 });
    } finally {
      await redis.stop();
    }
  });

  describe('rediss:// with a private CA (a self-signed certificate made by openssl)', () => {
    let redis: { port: number; stop(): Promise<void> };
    const ca = join(dir, 'ca.crt');

    beforeAll(async () => {
      const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
      openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=Test private CA');
      openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
      writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
      openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'ext.cnf');
      const files = ['--tls-cert-file', join(dir, 'server.crt'), '--tls-key-file', join(dir, 'server.key'), '--tls-ca-cert-file', ca];
      redis = await startRedis(['--tls-port', ...files, '--tls-auth-clients', 'no']);
    });

    afterAll(() => redis?.stop());

    it('without REDIS_TLS_CA_FILE: logs the TLS failure naming the setting, and reports Redis down', async () => {
      const app = await start({ REDIS_URL: `rediss://127.0.0.1:${redis.port}` });
      await until(() => /Redis at rediss:\/\/127\.0\.0\.1:\d+ unavailable: TLS failed \(.*REDIS_TLS_CA_FILE/.test(app.output()), 'the TLS log line');
      expect(await redisAsReported(app)).toEqual({ ready: 'down', redisUp: 0, shared: 0 });
      await app.stop('SIGKILL');
    });

    it('with REDIS_TLS_CA_FILE: connects over TLS and caches in that Redis', async () => {
      const app = await start({ REDIS_URL: `rediss://127.0.0.1:${redis.port}`, REDIS_TLS_CA_FILE: ca });
      await until(async () => (await redisAsReported(app)).redisUp === 1, 'Redis up');
      expect(await redisAsReported(app)).toEqual({ ready: 'up', redisUp: 1, shared: 1 });
      const base = `http://127.0.0.1:${app.port}`;
      const json = { 'content-type': 'application/json' };
      const credentials = JSON.stringify({ email: 'tls@example.test', password: 'correct horse battery' });
      expect((await fetch(`${base}/api/auth/register`, { method: 'POST', headers: json, body: credentials })).status).toBe(201);
      const tokens = (await (await fetch(`${base}/api/auth/login`, { method: 'POST', headers: json, body: credentials })).json()) as { accessToken: string };
      const auth = { authorization: `Bearer ${tokens.accessToken}` };
      expect((await get(app, '/api/categories', auth)).headers.get('x-cache')).toBe('MISS');
      expect((await get(app, '/api/categories', auth)).headers.get('x-cache')).toBe('HIT');
      await app.stop('SIGKILL');
    });

    it('stops start-up naming REDIS_TLS_CA_FILE when the file cannot be read', async () => {
      await expect(start({ REDIS_URL: `rediss://127.0.0.1:${redis.port}`, REDIS_TLS_CA_FILE: join(dir, 'missing.pem') })).rejects.toThrow(
        /REDIS_TLS_CA_FILE: cannot read the file/,
      );
    });
  });
});
