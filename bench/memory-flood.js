'use strict';

/**
 * Peak RSS of one instance under an uncached analytics flood (issue 12), outside the full bench:
 * `node bench/memory-flood.js [seconds] [connections]`, with NODE_OPTIONS for the instance taken
 * from APP_NODE_OPTIONS (default: what `npm run start:prod` and the Dockerfile use). It runs the
 * server as test/support/app-process.ts builds it (dist-test/main.js: run a suite that uses it, or
 * `npx ts-node -T -e "require('./test/support/app-process').compiledMain()"`, first).
 */
const path = require('node:path');
const { mkdtempSync, rmSync } = require('node:fs');
const os = require('node:os');
const autocannon = require('autocannon');
const { ChildProcesses, startRedis, startApi, memoryOf } = require('./lib/processes');
const { seed } = require('./lib/seed');
const { addDays } = require('./lib/dates');

const ROOT = path.join(__dirname, '..');
const SECONDS = Number(process.argv[2] ?? 20);
const CONNECTIONS = Number(process.argv[3] ?? 20);
const DEPLOYED = require('../package.json').scripts['start:prod'].split(/\s+/).filter((word) => word.startsWith('--')).join(' ');
const NODE_OPTIONS = process.env.APP_NODE_OPTIONS ?? DEPLOYED;

async function main() {
  const children = new ChildProcesses();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'memory-flood-'));
  const databasePath = path.join(dir, 'flood.sqlite');
  const today = new Date().toISOString().slice(0, 10);
  try {
    const redis = await startRedis(children);
    const api = await startApi(children, {
      name: 'api',
      entry: path.join(ROOT, 'dist-test', 'main.js'),
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        NODE_OPTIONS,
        JWT_SECRET: 'memory-flood-secret-memory-flood-secret',
        DATABASE_URL: `sqlite:${databasePath}`,
        REDIS_URL: redis.url,
        ADMIN_EMAILS: 'bench-admin@bench.test',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_USER: '1000000000',
        RATE_LIMIT_LOGIN_PER_IP: '1000000',
        RATE_LIMIT_REGISTER_PER_IP: '1000000',
      },
    });
    const data = await seed({ port: api.port, databasePath, today });
    const started = memoryOf(api.pid);
    let peak = started.rssMb;
    const sampler = setInterval(() => (peak = Math.max(peak, memoryOf(api.pid).rssMb)), 100);
    // Every request a different range (no cache entry, no single-flight sharing) and no-cache: all computed.
    let offset = 0;
    const result = await autocannon({
      url: `http://127.0.0.1:${api.port}`,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => {
            offset = (offset + 1) % 300;
            const kind = offset % 2 === 0 ? 'compliance' : 'performance';
            return { ...request, path: `/api/analytics/${kind}?from=${addDays(today, -365 + (offset % 60))}&to=${addDays(today, -offset % 30)}` };
          },
          headers: { authorization: `Bearer ${data.heavy.token}`, 'cache-control': 'no-cache' },
        },
      ],
    });
    clearInterval(sampler);
    const end = memoryOf(api.pid);
    console.log(
      JSON.stringify({
        nodeOptions: NODE_OPTIONS,
        seconds: SECONDS,
        connections: CONNECTIONS,
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
        p99Ms: result.latency.p99,
        rssAtStartMb: Math.round(started.rssMb),
        peakRssMb: Math.round(Math.max(peak, end.rssMb)),
        vmHwmMb: Math.round(end.hwmMb),
      }),
    );
  } finally {
    await children.stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
