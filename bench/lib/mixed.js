'use strict';

const http = require('node:http');
const { request } = require('./http');
const { addDays } = require('./dates');
const { memoryOf } = require('./processes');
const { percentile, prng, round } = require('./stats');

const WRITE_SHARE = 0.1;
const CLIENTS_PER_USER = 2;

/**
 * The load of scenarios 6, 9 and 10: two API instances on one database and one Redis; every user
 * has two clients (each owns half of the user's habits, so that no client overwrites another's
 * record); each client, one request at a time, on a random instance: 90 % reads spread over the
 * four cached groups, 10 % record writes (PUT with a unique note). The read that follows a write
 * goes to the OTHER instance and lists the records: the record just written must be there with
 * the status, value and note the PUT answered, or it is a stale read.
 *
 * Bounded by time and by a request budget. `timeline` ([{ atMs, run }]) injects events (freeze).
 */
async function runMixedLoad({ instances, users, today, seconds, timeline = [], watchPids = [], seed = 1 }) {
  const samples = [];
  const staleExamples = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const startedAt = process.hrtime.bigint();
  const now = () => Number(process.hrtime.bigint() - startedAt) / 1e6;
  const endAt = seconds * 1000;
  const budget = seconds * 20_000;
  const memory = watchMemory(watchPids);
  const timers = timeline.map((event) => setTimeout(event.run, event.atMs));

  const clients = users.flatMap((user) => Array.from({ length: CLIENTS_PER_USER }, (_, part) => ({ user, part })));
  await Promise.all(
    clients.map(async ({ user, part }, index) => {
      const random = prng(seed * 1000 + index);
      const habits = user.habits.filter((_, i) => i % CLIENTS_PER_USER === part);
      let pending = null;
      let sequence = 0;
      while (now() < endAt && samples.length < budget) {
        const t0 = now();
        if (pending) {
          const res = await request(pending.instance.port, 'GET', '/api/records', { token: user.token, agent });
          const sample = record(samples, t0, res, 'verify', pending.instance);
          if (res.status === 200) checkFreshness(res.text, pending, sample, staleExamples);
          pending = null;
        } else if (random() < WRITE_SHARE && habits.length > 0) {
          const instanceIndex = random() < 0.5 ? 0 : 1;
          const write = nextWrite(user, habits, random, today, (sequence += 1), part);
          const res = await request(instances[instanceIndex].port, 'PUT', write.path, { token: user.token, body: write.body, agent });
          record(samples, t0, res, 'write', instances[instanceIndex]);
          if (res.status === 200 || res.status === 201) {
            pending = { ...write, written: JSON.parse(res.text), instance: instances[1 - instanceIndex] };
          }
        } else {
          const instance = instances[random() < 0.5 ? 0 : 1];
          const res = await request(instance.port, 'GET', readPath(user, random, today), { token: user.token, agent });
          record(samples, t0, res, 'read', instance);
        }
      }
    }),
  );
  timers.forEach(clearTimeout);
  agent.destroy();
  return { samples, staleExamples, elapsedMs: now(), memory: memory.stop() };
}

function record(samples, t0, res, kind, instance) {
  const sample = {
    t0,
    ms: res.ms,
    kind,
    instance: instance.name,
    ok: res.status >= 200 && res.status < 300,
    status: res.status,
    xCache: res.headers['x-cache'] ?? null,
    stale: false,
  };
  samples.push(sample);
  return sample;
}

/** Reads spread evenly over the four cached groups, a few distinct keys per group. */
function readPath(user, random, today) {
  const group = Math.floor(random() * 4);
  const roll = random();
  if (group === 0) return '/api/categories';
  if (group === 1) return roll < 0.75 ? '/api/habits' : `/api/habits/${user.habits[Math.floor(roll * 8) % user.habits.length].id}`;
  if (group === 2) return roll < 0.7 ? '/api/records' : `/api/records?from=${addDays(today, -6)}&to=${today}`;
  if (roll < 0.4) return '/api/analytics/compliance';
  if (roll < 0.7) return '/api/analytics/performance';
  return `/api/analytics/compliance?from=${addDays(today, -364)}&to=${today}`;
}

/** A PUT of one of this client's habits, on a date of the last 30 days, with a note nobody wrote before. */
function nextWrite(user, habits, random, today, sequence, part) {
  const habit = habits[Math.floor(random() * habits.length)];
  let date = addDays(today, -Math.floor(random() * 30));
  if (date < habit.startDate) date = habit.startDate;
  const note = `bench u${user.id} c${part} #${sequence}`;
  const done = random() < 0.9;
  const body =
    habit.kind === 'numeric'
      ? done
        ? { status: 'done', value: 1 + Math.floor(random() * habit.target * 2), note }
        : { status: 'skipped', note }
      : { status: done ? 'done' : 'skipped', note };
  return { habitId: habit.id, date, body, path: `/api/habits/${habit.id}/records/${date}` };
}

function checkFreshness(text, pending, sample, staleExamples) {
  const records = JSON.parse(text);
  const found = records.find((r) => r.habitId === pending.habitId && r.date === pending.date);
  const w = pending.written;
  if (found && found.status === w.status && found.value === w.value && found.note === w.note) return;
  sample.stale = true;
  if (staleExamples.length < 5) {
    staleExamples.push({ wrote: { habitId: w.habitId, date: w.date, status: w.status, value: w.value, note: w.note }, read: found ?? null, xCache: sample.xCache });
  }
}

/** Polls VmRSS of the API processes every 100 ms; returns each one's peak and VmHWM. */
function watchMemory(pids) {
  const peaks = new Map(pids.map((pid) => [pid, 0]));
  const poll = () => {
    for (const pid of pids) peaks.set(pid, Math.max(peaks.get(pid), memoryOf(pid).rssMb || 0));
  };
  poll();
  const timer = setInterval(poll, 100);
  return {
    stop() {
      clearInterval(timer);
      poll();
      return pids.map((pid) => ({ pid, peakRssMb: round(peaks.get(pid), 1), vmHwmMb: round(memoryOf(pid).hwmMb, 1) }));
    },
  };
}

/** Throughput, p99, hit rate (X-Cache of the reads), errors and stale reads of a slice of samples. */
function summarizeMixed(samples, elapsedMs) {
  const reads = samples.filter((s) => s.kind !== 'write' && s.xCache);
  const hits = reads.filter((s) => s.xCache === 'HIT').length;
  return {
    rps: round(samples.length / (elapsedMs / 1000), 1),
    p99Ms: round(percentile(samples.map((s) => s.ms), 99), 3),
    hitRate: reads.length ? round(hits / reads.length, 4) : null,
    errors: samples.filter((s) => !s.ok).length,
    staleReads: samples.filter((s) => s.stale).length,
    p50Ms: round(percentile(samples.map((s) => s.ms), 50), 3),
    requests: samples.length,
    writes: samples.filter((s) => s.kind === 'write').length,
    freshnessChecks: samples.filter((s) => s.kind === 'verify').length,
    errorStatuses: countBy(samples.filter((s) => !s.ok), (s) => String(s.status)),
  };
}

function hitRateOf(samples) {
  const reads = samples.filter((s) => s.kind !== 'write' && s.xCache);
  return reads.length ? reads.filter((s) => s.xCache === 'HIT').length / reads.length : null;
}

function countBy(items, keyOf) {
  const counts = {};
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}

module.exports = { runMixedLoad, summarizeMixed, hitRateOf };
