'use strict';

const http = require('node:http');
const { call } = require('./http');
const { addDays } = require('./dates');
const { memoryOf } = require('./processes');
const { percentile, round, sleep } = require('./stats');

const PASSWORD = 'bench-password-123';
/** API.md: at most 5 open streams per user. */
const STREAMS_PER_USER = 5;
const WRITERS = 8;
const DELIVERY_TIMEOUT_MS = 5000;

/**
 * The `events` scenario: `streams` open change-feed streams on api-a (5 per user), then `writes`
 * record writes through api-b (8 at a time, one user at a time each). For every write, the time
 * from its 2xx to the arrival of its `change` event on each of the user's 5 streams (0 when the
 * event came first: it is published before the answer leaves); RSS of api-a as streams open.
 */
async function runEvents({ a, b, streams, writes, today, log }) {
  const users = await createUsers(b.port, Math.ceil(streams / STREAMS_PER_USER), today);
  log(`  ${users.length} users with a habit each; opening ${streams} streams on ${a.name}…`);
  await sleep(1000);
  const rssBeforeMb = memoryOf(a.pid).rssMb;
  // Two halves: the first also pays one-off costs (the young generation and code caches grow under
  // the opening burst); the second half's growth is what each further stream costs.
  const half = Math.floor(users.length / 2);
  const first = await openStreams(a.port, users.slice(0, half), half * STREAMS_PER_USER);
  await sleep(2000);
  const rssHalfMb = memoryOf(a.pid).rssMb;
  const second = await openStreams(a.port, users.slice(half), streams - half * STREAMS_PER_USER);
  await sleep(2000);
  const rssAfterMb = memoryOf(a.pid).rssMb;
  const opened = { ok: first.ok + second.ok, failed: first.failed + second.failed };
  const openStreamsMetric = await openStreamsOn(a.port);
  log(`  ${opened.ok} streams open (${opened.failed} refused); ${writes} writes through ${b.name}…`);
  const measured = await measureWrites(b.port, users.filter((user) => user.streams.length > 0), writes, today);
  for (const user of users) for (const stream of user.streams) stream.close();
  return {
    streams: opened.ok,
    p50Ms: round(percentile(measured.latencies, 50), 1),
    p99Ms: round(percentile(measured.latencies, 99), 1),
    maxMs: round(Math.max(...measured.latencies), 1),
    // From sending the write (the event is published before the answer leaves, so it often arrives first).
    p50FromRequestMs: round(percentile(measured.fromSend, 50), 1),
    p99FromRequestMs: round(percentile(measured.fromSend, 99), 1),
    rssPerStreamKb: second.ok ? round(((rssAfterMb - rssHalfMb) * 1024) / second.ok, 1) : null,
    rssPerStreamKbAllIn: opened.ok ? round(((rssAfterMb - rssBeforeMb) * 1024) / opened.ok, 1) : null,
    rssBeforeMb: round(rssBeforeMb, 1),
    rssHalfMb: round(rssHalfMb, 1),
    rssAfterMb: round(rssAfterMb, 1),
    openStreamsMetric,
    refused: opened.failed,
    writes: measured.writes,
    writeErrors: measured.writeErrors,
    deliveries: measured.latencies.length,
    missed: measured.missed,
    eventsBeforeAnswer: measured.beforeAnswer,
  };
}

async function createUsers(port, count, today) {
  const users = new Array(count);
  let next = 0;
  const suffix = Date.now().toString(36);
  async function worker() {
    while (next < count) {
      const index = next++;
      const email = `bench-feed-${suffix}-${index}@bench.test`;
      await call(port, 'POST', '/api/auth/register', { body: { email, password: PASSWORD } });
      const { accessToken: token } = await call(port, 'POST', '/api/auth/login', { body: { email, password: PASSWORD } });
      const habit = await call(port, 'POST', '/api/habits', { token, body: { name: 'Feed', schedule: { type: 'daily' }, startDate: addDays(today, -365) } });
      users[index] = { token, habitId: habit.id, streams: [], arrivals: null, writes: 0 };
    }
  }
  await Promise.all(Array.from({ length: 4 }, worker));
  return users;
}

async function openStreams(port, users, total) {
  let ok = 0;
  let failed = 0;
  const plan = [];
  for (let i = 0; i < total; i += 1) plan.push(users[Math.floor(i / STREAMS_PER_USER) % users.length]);
  let next = 0;
  async function worker() {
    while (next < plan.length) {
      const user = plan[next++];
      const stream = await openStream(port, user);
      if (stream) {
        user.streams.push(stream);
        ok += 1;
      } else failed += 1;
    }
  }
  await Promise.all(Array.from({ length: 50 }, worker));
  return { ok, failed };
}

/** One stream; resolves once its opening (`retry:`) has arrived, or null when refused. */
function openStream(port, user) {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/api/events', agent: false, headers: { authorization: `Bearer ${user.token}` } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve(null);
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      let opened = false;
      res.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith('event: change') && user.arrivals) user.arrivals.push(performance.now());
        }
        if (!opened) {
          opened = true;
          resolve({ close: () => req.destroy() });
        }
      });
      res.on('error', () => undefined);
    });
    req.on('error', () => resolve(null));
    req.end();
  });
}

async function measureWrites(port, users, writes, today) {
  const latencies = [];
  const fromSend = [];
  let missed = 0;
  let beforeAnswer = 0;
  let writeErrors = 0;
  let started = 0;
  let cursor = 0;
  async function writer() {
    while (started < writes) {
      started += 1;
      const user = users[cursor++ % users.length];
      user.writes += 1;
      user.arrivals = [];
      const date = addDays(today, -(user.writes % 300));
      const sentAt = performance.now();
      try {
        await call(port, 'PUT', `/api/habits/${user.habitId}/records/${date}`, { token: user.token, body: { status: user.writes % 2 ? 'done' : 'skipped' } });
      } catch {
        writeErrors += 1;
        continue;
      }
      const answeredAt = performance.now();
      const arrivals = await waitForArrivals(user, user.streams.length);
      user.arrivals = null;
      missed += user.streams.length - arrivals.length;
      for (const at of arrivals) {
        if (at < answeredAt) beforeAnswer += 1;
        latencies.push(Math.max(0, at - answeredAt));
        fromSend.push(at - sentAt);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(WRITERS, users.length) }, writer));
  return { latencies, fromSend, missed, beforeAnswer, writeErrors, writes: started };
}

async function waitForArrivals(user, expected) {
  const deadline = performance.now() + DELIVERY_TIMEOUT_MS;
  while (user.arrivals.length < expected && performance.now() < deadline) await sleep(2);
  return [...user.arrivals];
}

async function openStreamsOn(port) {
  const res = await new Promise((resolve) => {
    http.get({ host: '127.0.0.1', port, path: '/metrics' }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve(text));
    }).on('error', () => resolve(''));
  });
  const match = /^events_open_streams (\d+)/m.exec(res);
  return match ? Number(match[1]) : null;
}

module.exports = { runEvents };
