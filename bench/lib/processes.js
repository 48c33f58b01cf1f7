'use strict';

const { spawn } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { createServer } = require('node:net');
const { createClient } = require('@redis/client');
const { request } = require('./http');
const { sleep } = require('./stats');

/**
 * Every child process the harness starts, so that all of them are stopped whatever happens:
 * normal end, an error, Ctrl-C or SIGTERM. A frozen redis-server gets SIGCONT before it is killed.
 */
class ChildProcesses {
  constructor() {
    this.children = new Set();
    process.on('exit', () => this.killAllNow());
  }

  spawn(name, command, args, options) {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    child.benchName = name;
    child.output = '';
    child.logEvents = { circuitOpened: 0, epochReplaced: 0, firstReasons: [] };
    const keep = (chunk) => {
      const text = chunk.toString();
      child.output = (child.output + text).slice(-8000);
      // Best effort (log wording may change): the cache store's own warnings, counted for the report.
      const opened = text.match(/Cache store unavailable[^"\n]*/g) ?? [];
      child.logEvents.circuitOpened += opened.length;
      child.logEvents.epochReplaced += (text.match(/epoch replaced/g) ?? []).length;
      for (const reason of opened) if (child.logEvents.firstReasons.length < 3) child.logEvents.firstReasons.push(reason);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  /** SIGCONT, then SIGTERM; SIGKILL if it is still there after `graceMs`. */
  async stop(child, graceMs = child.stopGraceMs ?? 5000) {
    if (child.exitCode !== null || child.signalCode !== null) return child.exited;
    signal(child, 'SIGCONT');
    signal(child, 'SIGTERM');
    const timer = setTimeout(() => signal(child, 'SIGKILL'), graceMs);
    const result = await child.exited;
    clearTimeout(timer);
    return result;
  }

  async stopAll() {
    await Promise.all([...this.children].map((child) => this.stop(child)));
  }

  /** Last resort on process exit: synchronous, so it still runs when the event loop is gone. */
  killAllNow() {
    for (const child of this.children) {
      signal(child, 'SIGCONT');
      signal(child, 'SIGKILL');
    }
  }
}

function signal(child, name) {
  try {
    child.kill(name);
  } catch {
    // already gone
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A private redis-server on a free port, no persistence; `freeze()`/`resume()` send SIGSTOP/SIGCONT. */
async function startRedis(children) {
  const port = await freePort();
  const child = children.spawn('redis-server', 'redis-server', [
    '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes',
  ]);
  const url = `redis://127.0.0.1:${port}`;
  const client = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 500) } });
  client.on('error', () => undefined);
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`redis-server exited at start-up:\n${child.output}`);
    try {
      await client.connect();
      await client.ping();
      break;
    } catch (error) {
      if (attempt > 100) throw new Error(`redis-server did not answer on ${port}: ${error.message}`);
      await sleep(50);
    }
  }
  let frozen = false;
  return {
    port,
    url,
    pid: child.pid,
    client,
    get frozen() {
      return frozen;
    },
    freeze() {
      frozen = true;
      child.kill('SIGSTOP');
    },
    resume() {
      frozen = false;
      child.kill('SIGCONT');
    },
    async close() {
      if (frozen) this.resume();
      await client.close().catch(() => undefined);
      await children.stop(child);
    },
  };
}

/** One compiled bench app (the real AppModule + the bench module); resolves once /health answers. */
async function startApi(children, { name, entry, env, nodeArgs = [] }) {
  const port = await freePort();
  const child = children.spawn(name, process.execPath, [...nodeArgs, entry], {
    // As deployed (Dockerfile): fewer glibc arenas, so peak RSS reflects the process, not the allocator.
    env: { MALLOC_ARENA_MAX: '2', ...env, PORT: String(port) },
  });
  // Writing a CPU profile at exit can take a while: do not SIGKILL the process in the middle of it.
  if (nodeArgs.some((arg) => arg.startsWith('--cpu-prof'))) child.stopGraceMs = 60_000;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited at start-up:\n${child.output}`);
    const res = await request(port, 'GET', '/health', { timeoutMs: 1000 });
    if (res.status === 200) return { name, port, pid: child.pid, child, close: () => children.stop(child) };
    await sleep(100);
  }
  throw new Error(`${name} did not become healthy within 90 s:\n${child.output}`);
}

/** Scenario `bare`: bench/bare/bare-server.js on a free port, answering `body` on /bare. */
async function startBare(children, { body, workDir }) {
  const port = await freePort();
  const bodyFile = path.join(workDir, 'bare-body.json');
  writeFileSync(bodyFile, body);
  const entry = path.join(__dirname, '..', 'bare', 'bare-server.js');
  const child = children.spawn('bare', process.execPath, [entry], { env: { ...process.env, PORT: String(port), BARE_BODY_FILE: bodyFile } });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bare server exited at start-up:\n${child.output}`);
    const res = await request(port, 'GET', '/health', { timeoutMs: 1000 });
    if (res.status === 200) return { name: 'bare', port, pid: child.pid, path: '/bare', close: () => children.stop(child) };
    await sleep(100);
  }
  throw new Error(`bare server did not answer within 30 s:\n${child.output}`);
}

/** Resident set size now and its high-water mark, in MB (Linux /proc; `ps` elsewhere). */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    try {
      const { execFileSync } = require('node:child_process');
      const rssKb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim());
      return { rssMb: rssKb / 1024, hwmMb: NaN };
    } catch {
      return { rssMb: NaN, hwmMb: NaN };
    }
  }
}

/** CPU time (user + system, all threads) a process has used so far, in ms; NaN when unknown (no /proc). */
function cpuTimeOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of proc(5) (utime, stime), in clock ticks of 1/100 s on Linux.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

module.exports = { ChildProcesses, startRedis, startApi, startBare, memoryOf, cpuTimeOf, freePort };
