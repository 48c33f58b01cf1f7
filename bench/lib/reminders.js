'use strict';

const { createHmac, timingSafeEqual } = require('node:crypto');
const http = require('node:http');
const { call } = require('./http');
const { cpuTimeOf } = require('./processes');
const { percentile, round, sleep } = require('./stats');

const PASSWORD = 'bench-password-123';
/** The reminders' minute starts at least this long after they are created (the scheduler must not see them late). */
const LEAD_MS = 15_000;
/** API.md: a reminder fires within 60 s of its instant; wait that long plus the retries' first step. */
const WAIT_AFTER_MS = 75_000;

/**
 * Scenario `reminders` (issue 18): `count` users, each with one daily habit, one reminder due in the
 * same minute and one webhook channel to a local receiver that verifies the Standard Webhooks
 * signature with that user's secret. Both instances run their schedulers; the receiver notes when
 * each delivery arrives. Latency runs from the reminder's instant (the start of its minute) to the
 * receiver's answer; `missed` are reminders that never arrived, `duplicates` repeated arrivals of
 * one (reminder, date). CPU is what the two instances used from 5 s before the minute to the last arrival.
 */
async function runReminderDelivery({ instances, count, log }) {
  const receiver = await startReceiver();
  try {
    const users = await prepareUsers(instances[0].port, count, receiver.port);
    for (const user of users) receiver.keys.set(user.index, user.key);
    const instant = nextMinuteAfter(Date.now() + LEAD_MS);
    const time = new Date(instant).toISOString().slice(11, 16);
    await inBatches(users, 20, (user) => call(instances[0].port, 'POST', `/api/habits/${user.habitId}/reminders`, { token: user.token, body: { time } }));
    log(`  ${count} reminders at ${time} UTC; waiting for the minute…`);
    await sleep(Math.max(0, instant - 5000 - Date.now()));
    const cpuBefore = instances.map((api) => cpuTimeOf(api.pid));
    const deadline = instant + WAIT_AFTER_MS;
    while (Date.now() < deadline && receiver.distinct() < count) await sleep(250);
    const lastArrival = Math.max(instant, ...receiver.arrivals.map((arrival) => arrival.at));
    const cpuMs = instances.map((api, i) => cpuTimeOf(api.pid) - cpuBefore[i]);
    return summarize({ users, receiver, instant, cpuMs, windowMs: lastArrival - instant + 5000 });
  } finally {
    await receiver.close();
  }
}

function summarize({ users, receiver, instant, cpuMs, windowMs }) {
  const firstByUser = new Map();
  let duplicates = 0;
  for (const arrival of receiver.arrivals) {
    if (!arrival.valid) continue;
    if (firstByUser.has(arrival.user)) duplicates += 1;
    else firstByUser.set(arrival.user, arrival.at - instant);
  }
  const latencies = [...firstByUser.values()];
  return {
    reminders: users.length,
    delivered: firstByUser.size,
    missed: users.length - firstByUser.size,
    duplicates,
    badSignatures: receiver.arrivals.filter((arrival) => !arrival.valid).length,
    p50Ms: round(percentile(latencies, 50), 0),
    p99Ms: round(percentile(latencies, 99), 0),
    maxMs: round(latencies.length ? Math.max(...latencies) : null, 0),
    instanceCpuMs: cpuMs.map((ms) => round(ms, 0)),
    instanceCpuShare: round(cpuMs.reduce((sum, ms) => sum + ms, 0) / windowMs, 3),
  };
}

/** Accounts, one daily habit and one webhook channel each (registration is the slow part: password hashing). */
async function prepareUsers(port, count, receiverPort) {
  const stamp = Date.now().toString(36);
  const indexes = Array.from({ length: count }, (_, index) => index);
  const users = [];
  await inBatches(indexes, 8, async (index) => {
    const email = `bench-reminder-${stamp}-${index}@bench.test`;
    await call(port, 'POST', '/api/auth/register', { body: { email, password: PASSWORD } });
    const { accessToken: token } = await call(port, 'POST', '/api/auth/login', { body: { email, password: PASSWORD } });
    const habit = await call(port, 'POST', '/api/habits', { token, body: { name: `Stretch ${index}`, schedule: { type: 'daily' } } });
    const channel = await call(port, 'POST', '/api/notifications/webhooks', { token, body: { url: `http://127.0.0.1:${receiverPort}/hooks/${index}` } });
    users[index] = { index, token, habitId: habit.id, key: Buffer.from(channel.secret.slice('whsec_'.length), 'base64') };
  });
  return users;
}

/** A Standard Webhooks receiver: 204 to every POST, each arrival noted with its time and whether its signature holds. */
function startReceiver() {
  const arrivals = [];
  const keys = new Map();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const at = Date.now();
      const user = Number(/^\/hooks\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
      const body = Buffer.concat(chunks).toString('utf8');
      const valid = keys.has(user) && verify(keys.get(user), req.headers, body) && JSON.parse(body).type === 'reminder';
      arrivals.push({ user, at, id: req.headers['webhook-id'], valid });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: server.address().port,
        arrivals,
        keys,
        distinct: () => new Set(arrivals.filter((arrival) => arrival.valid).map((arrival) => arrival.user)).size,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    );
  });
}

function verify(key, headers, body) {
  const expected = Buffer.from(`v1,${createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest('base64')}`);
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(Buffer.from(candidate), expected));
}

function nextMinuteAfter(ms) {
  return Math.ceil(ms / 60_000) * 60_000;
}

async function inBatches(items, size, work) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

module.exports = { runReminderDelivery };
