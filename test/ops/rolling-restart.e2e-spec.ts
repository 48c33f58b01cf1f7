import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { todayIn } from '../../src/common/dates/calendar-date';
import { AppProcess, startAppProcess } from '../support/app-process';
import { freePort } from '../support/free-port';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { privateRedisUrl } from '../support/test-app';
import { sleep } from './ops-support';

jest.setTimeout(120_000);

const PASSWORD = 'correct horse battery';
/** HAProxy checks readiness every 250 ms and takes an instance out after two failures. */
const CHECK_MS = 250;
const INSTANCE_ENV = {
  TRUST_PROXY_HOPS: '1',
  // Longer than HAProxy needs to see readiness 503 twice (2 × 250 ms), with room for a slow check.
  SHUTDOWN_DRAIN_DELAY_MS: '1500',
  SHUTDOWN_GRACE_MS: '5000',
  RATE_LIMIT_LOGIN_PER_IP: '5',
  RATE_LIMIT_LOGIN_PER_EMAIL: '1000',
};

function haproxyConfig(frontPort: number, backendPorts: number[]): string {
  return `global
  maxconn 2000
defaults
  mode http
  timeout connect 1s
  timeout client 15s
  timeout server 15s
  timeout queue 5s
  # Readiness answers within 1 s even when a dependency hangs; a busy machine must not fail a check.
  timeout check 2s
  # A refused connection (nothing was sent) goes to another instance.
  retries 3
  option redispatch 1
  retry-on conn-failure
  option http-server-close
frontend api
  bind 127.0.0.1:${frontPort}
  option forwardfor
  default_backend instances
backend instances
  balance roundrobin
  option httpchk
  http-check send meth GET uri /health/ready
  http-check expect status 200
  default-server inter ${CHECK_MS}ms fastinter ${CHECK_MS}ms downinter ${CHECK_MS}ms fall 2 rise 2
${backendPorts.map((port, index) => `  server app${index + 1} 127.0.0.1:${port} check`).join('\n')}
`;
}

interface Answer {
  status: number;
  body: string;
  cache?: string;
}

/** One request through HAProxy, from a chosen loopback source address. */
function send(port: number, method: string, path: string, options: { token?: string; body?: unknown; from?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        localAddress: options.from ?? '127.0.0.1',
        agent: false,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        timeout: 10_000,
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, cache: res.headers['x-cache'] as string | undefined }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}

interface Traffic {
  requests: number;
  failures: string[];
  staleReads: string[];
}

/** A user writing a record and reading it back (from whichever instance HAProxy picks) until `stop()`. */
async function client(port: number, index: number, traffic: Traffic, stopped: () => boolean): Promise<void> {
  const email = `rolling-${index}-${Date.now()}@example.test`;
  // Each user from an address of its own (rate limits are per forwarded address).
  const from = `127.0.1.${index + 1}`;
  const call = async (method: string, path: string, options: Parameters<typeof send>[3] = {}): Promise<Answer | null> => {
    traffic.requests += 1;
    try {
      const answer = await send(port, method, path, { from, ...options });
      if (answer.status >= 200 && answer.status < 300) return answer;
      traffic.failures.push(`${method} ${path} → ${answer.status} ${answer.body.slice(0, 200)}`);
    } catch (error) {
      traffic.failures.push(`${method} ${path} → ${(error as Error).message}`);
    }
    return null;
  };
  await call('POST', '/api/auth/register', { body: { email, password: PASSWORD } });
  const login = await call('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  const token = (JSON.parse(login?.body ?? '{}') as { accessToken: string }).accessToken;
  const habit = await call('POST', '/api/habits', { token, body: { name: `Habit ${index}`, schedule: { type: 'daily' } } });
  const habitId = (JSON.parse(habit?.body ?? '{}') as { id: number }).id;
  if (!habitId) return; // the failure is recorded
  const today = todayIn('UTC');
  for (let round = 1; !stopped(); round += 1) {
    const note = `round ${round}`;
    if (!(await call('PUT', `/api/habits/${habitId}/records/${today}`, { token, body: { note } }))) continue;
    const read = await call('GET', `/api/records?habitId=${habitId}`, { token });
    const records = read ? (JSON.parse(read.body) as { note: string }[]) : null;
    if (records && records[0]?.note !== note) traffic.staleReads.push(`user ${index}: wrote "${note}", read (X-Cache ${read?.cache}) ${JSON.stringify(records)}`);
    if (round % 3 === 0) await call('GET', '/api/analytics/compliance', { token });
    if (round % 3 === 1) await call('GET', '/api/habits', { token });
  }
}

describe('a rolling restart behind HAProxy (three instances, one PostgreSQL schema, one Redis)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolling-restart-'));
  let database: TestDatabase;
  let haproxy: ChildProcess | undefined;
  let frontPort: number;
  let env: Record<string, string>;
  const instances: AppProcess[] = [];

  beforeAll(async () => {
    try {
      execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
    } catch {
      throw new Error('haproxy is not installed: this suite needs it (apt-get install -y haproxy; .ci/run installs it)');
    }
    database = await createTestDatabase('postgres');
    env = { ...database.env, REDIS_URL: await privateRedisUrl(7), ...INSTANCE_ENV };
    // The first instance alone brings the schema up to date; then the other two.
    instances.push(await startAppProcess(env));
    instances.push(...(await Promise.all([startAppProcess(env), startAppProcess(env)])));
    frontPort = await freePort();
    const config = join(dir, 'haproxy.cfg');
    writeFileSync(config, haproxyConfig(frontPort, instances.map((instance) => instance.port)));
    execFileSync('haproxy', ['-c', '-q', '-f', config]);
    haproxy = spawn('haproxy', ['-db', '-f', config], { stdio: 'ignore' });
    while ((await send(frontPort, 'GET', '/health/ready').catch(() => ({ status: 0 }))).status !== 200) await sleep(100);
    await sleep(CHECK_MS * 3); // every server seen up (rise 2)
  });

  afterAll(async () => {
    haproxy?.kill('SIGKILL');
    await Promise.all(instances.map((instance) => instance.stop('SIGKILL')));
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const traffic: Traffic = { requests: 0, failures: [], staleReads: [] };

  it('restarts every instance with SIGTERM under steady mixed traffic: zero failed requests', async () => {
    let stop = false;
    const clients = Promise.all(Array.from({ length: 4 }, (_, index) => client(frontPort, index, traffic, () => stop)));
    await sleep(1000);
    for (let index = 0; index < instances.length; index += 1) {
      const old = instances[index];
      const exit = await old.stop('SIGTERM');
      // Nest re-raises the signal once its shutdown hooks are done; HAProxy's checks saw readiness 503 meanwhile.
      expect([exit, old.output()]).toEqual([{ code: null, signal: 'SIGTERM' }, expect.stringMatching(/"route":"\/health\/ready"[^\n]*"status":503/)]);
      instances[index] = await startAppProcess({ ...env, PORT: String(old.port) });
      await sleep(CHECK_MS * 4); // HAProxy sees it up again (rise 2) before the next one goes
    }
    await sleep(1000);
    stop = true;
    await clients;
    expect(traffic.failures).toEqual([]);
    expect(traffic.requests).toBeGreaterThan(200);
  });

  it('reads every acknowledged write back, on whichever instance answers: zero stale reads', () => {
    expect(traffic.requests).toBeGreaterThan(200);
    expect(traffic.staleReads).toEqual([]);
  });

  it('keys per-client rate limits on the address HAProxy forwards, not on HAProxy own address (and not on a spoofed header)', async () => {
    const failedLogin = (from: string, attempt: number, headers: Record<string, string> = {}) =>
      send(frontPort, 'POST', '/api/auth/login', { from, headers, body: { email: `nobody-${attempt}@example.test`, password: 'wrong password' } });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const answer = await failedLogin('127.0.0.2', attempt, { 'x-forwarded-for': `198.51.100.${attempt + 1}` });
      statuses.push(answer.status);
      if (answer.status >= 500) throw new Error(`login answered ${answer.status} ${answer.body}`);
    }
    // Counted across the three instances (through Redis): the sixth failure of that address is refused.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await failedLogin('127.0.0.3', 99)).status).toBe(401);
  });
});
