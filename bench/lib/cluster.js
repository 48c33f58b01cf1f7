'use strict';

const { execFile } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const { createClient } = require('@redis/client');
const { call, request } = require('./http');
const { cpuTimeOf, freePort } = require('./processes');
const { median, round, sleep } = require('./stats');
const { cannon } = require('./throughput');

const run = promisify(execFile);

/**
 * A local Redis Cluster for the `cluster` pass: 6 redis-server processes (--cluster-enabled, no
 * persistence) on free loopback ports, joined by `redis-cli --cluster create … --cluster-replicas 1`
 * into 3 masters with one replica each. Every process is a child of the harness (stopped with it).
 */
async function startRedisCluster(children, size = 6) {
  const ports = [];
  while (ports.length < size) {
    const port = await freePort();
    if (port < 55536 && !ports.includes(port)) ports.push(port); // the cluster bus listens on port + 10000
  }
  const folder = mkdtempSync(path.join(os.tmpdir(), 'bench-cluster-'));
  const processes = ports.map((port) => children.spawn(`redis-cluster-${port}`, 'redis-server', nodeArgs(port, folder)));
  const close = async () => {
    await Promise.all(processes.map((child) => children.stop(child)));
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    await Promise.all(ports.map((port) => waitFor(() => command(port, 'PING').then((reply) => reply === 'PONG'), 10_000)));
    await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '1', '--cluster-yes'], { timeout: 30_000 });
    await waitFor(async () => (await Promise.all(ports.map((port) => command(port, 'CLUSTER', 'INFO')))).every((info) => info.includes('cluster_state:ok')), 30_000);
    const masters = [];
    for (const [index, port] of ports.entries()) {
      if ((await command(port, 'INFO', 'replication')).includes('role:master')) masters.push({ port, pid: processes[index].pid });
    }
    return { seeds: ports.slice(0, 2).map((port) => `127.0.0.1:${port}`).join(','), masters, size, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function nodeArgs(port, folder) {
  return [
    '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', path.join(folder, `nodes-${port}.conf`),
    '--cluster-node-timeout', '2000', '--save', '', '--appendonly', 'no', '--dir', folder,
  ];
}

/** Until the instance's readiness says Redis is up (every master answers). */
function waitForRedisUp(api) {
  return waitFor(async () => JSON.parse((await request(api.port, 'GET', '/health/ready')).text).checks.redis.status === 'up', 30_000);
}

/**
 * Floor and hit on one instance in interleaved rounds (as in the single-Redis throughput phase):
 * each scenario's median round, `hitOverFloor` the median per-round ratio, API CPU per request.
 * The floor answers the hit's bytes; `hitChecks` says the hit route really answered HIT.
 */
async function runFloorAndHit({ api, token, paths, connections, seconds, warmupSeconds, rounds }) {
  await request(api.port, 'GET', paths.hit, { token });
  const hit = await request(api.port, 'GET', paths.hit, { token });
  await call(api.port, 'PUT', '/api/bench/floor', { token, body: { body: hit.text } });
  const runs = { floor: [], hit: [] };
  for (const name of ['floor', 'hit']) await cannon(api.port, paths[name], token, connections, warmupSeconds);
  for (let r = 0; r < rounds; r += 1) {
    for (const name of ['floor', 'hit']) {
      const cpuBefore = cpuTimeOf(api.pid);
      const measured = await cannon(api.port, paths[name], token, connections, seconds);
      runs[name].push({ rps: measured.rps, p99Ms: measured.p99Ms, errors: measured.errors, cpuUs: ((cpuTimeOf(api.pid) - cpuBefore) * 1000) / measured.latencies.length });
    }
  }
  const summary = (list) => ({
    rps: round(median(list.map((one) => one.rps)), 1),
    p99Ms: round(median(list.map((one) => one.p99Ms)), 3),
    errors: list.reduce((sum, one) => sum + one.errors, 0),
    apiCpuUsPerRequest: round(median(list.map((one) => one.cpuUs)), 1),
  });
  const hitOverFloor = round(median(runs.hit.map((one, i) => one.rps / runs.floor[i].rps)), 3);
  return { floor: summary(runs.floor), hit: summary(runs.hit), hitOverFloor, hitAnsweredHit: hit.headers['x-cache'] === 'HIT' };
}

async function command(port, ...args) {
  const client = createClient({ socket: { host: '127.0.0.1', port, reconnectStrategy: false } });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return String(await client.sendCommand(args));
  } finally {
    client.destroy();
  }
}

async function waitFor(condition, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error('the bench Redis Cluster did not come up in time');
    await sleep(100);
  }
}

module.exports = { startRedisCluster, runFloorAndHit, waitForRedisUp };
