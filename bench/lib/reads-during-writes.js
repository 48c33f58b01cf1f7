'use strict';

const { addDays } = require('./dates');
const { request } = require('./http');
const { percentile, round, sleep } = require('./stats');

const WRITES_PER_SECOND = 100;
const MAX_WRITES_IN_FLIGHT = 20;

/**
 * Scenario readsDuringWrites: uncached 30-day compliance reads, one at a time, on one instance,
 * in interleaved batches: with no writer, then while the other instance commits
 * WRITES_PER_SECOND record writes per second on the same database (another user's records, so
 * only the database is shared). ratios.readP99UnderWrites = p99 with the writer ÷ p99 without.
 */
async function runReadsDuringWrites({ reader, writer, readerUser, writerUser, today, readsPerBatch, batches }) {
  const path = `/api/bench/uncached/compliance?from=${addDays(today, -29)}&to=${today}`;
  const quiet = [];
  const busy = [];
  let readErrors = 0;
  const writes = { committed: 0, errors: 0, seconds: 0 };
  const readBatch = async (into) => {
    for (let i = 0; i < readsPerBatch; i += 1) {
      const res = await request(reader.port, 'GET', path, { token: readerUser.token });
      if (res.status === 200) into.push(res.ms);
      else readErrors += 1;
    }
  };
  for (let i = 0; i < 3; i += 1) await request(reader.port, 'GET', path, { token: readerUser.token });
  for (let batch = 0; batch < batches; batch += 1) {
    await readBatch(quiet);
    const load = startWriter(writer, writerUser, today, writes, batch);
    await load.firstCommit;
    await readBatch(busy);
    await load.stop();
  }
  const p99 = (values) => percentile(values, 99);
  return {
    quietP50Ms: round(percentile(quiet, 50), 3),
    quietP99Ms: round(p99(quiet), 3),
    busyP50Ms: round(percentile(busy, 50), 3),
    busyP99Ms: round(p99(busy), 3),
    readsPerCondition: quiet.length,
    readErrors,
    writesCommitted: writes.committed,
    writeErrors: writes.errors,
    writesPerSecond: round(writes.committed / writes.seconds, 1),
    readP99UnderWrites: round(p99(busy) / p99(quiet), 2),
  };
}

/**
 * Record writes (PUT, a unique note each) through `writer` at WRITES_PER_SECOND, on a steady
 * schedule (at most MAX_WRITES_IN_FLIGHT unanswered); `stop()` ends it once all have answered.
 */
function startWriter(writer, user, today, writes, batch) {
  const habits = user.habits.filter((habit) => habit.startDate <= today);
  const inFlight = new Set();
  const startedAt = Date.now();
  let sequence = 0;
  let resolveFirst;
  const firstCommit = new Promise((resolve) => (resolveFirst = resolve));
  const writeOnce = () => {
    const habit = habits[sequence % habits.length];
    const note = `readsDuringWrites b${batch} #${sequence}`;
    sequence += 1;
    const pending = request(writer.port, 'PUT', `/api/habits/${habit.id}/records/${today}`, { token: user.token, body: { status: 'skipped', note } }).then((res) => {
      if (res.status === 200 || res.status === 201) writes.committed += 1;
      else writes.errors += 1;
      resolveFirst();
      inFlight.delete(pending);
    });
    inFlight.add(pending);
  };
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - startedAt) * WRITES_PER_SECOND) / 1000) - sequence;
    for (let i = 0; i < due && inFlight.size < MAX_WRITES_IN_FLIGHT; i += 1) writeOnce();
  }, 5);
  return {
    firstCommit: Promise.race([firstCommit, sleep(10_000)]),
    async stop() {
      clearInterval(timer);
      await Promise.all([...inFlight]);
      writes.seconds += (Date.now() - startedAt) / 1000;
    },
  };
}

module.exports = { runReadsDuringWrites };
