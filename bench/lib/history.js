'use strict';

const { call } = require('./http');
const { addDays } = require('./dates');
const { HABIT_TEMPLATES, createAccount, insertRecords, recordsOf } = require('./seed');
const { percentile, round } = require('./stats');
const { cannon } = require('./throughput');

const YEARS = [1, 10];

/**
 * Scenario `history` (issue 13, part 4): the uncached 30-day compliance of a heavy user (the 20 habits
 * of the seed, records as plausible as the seed's) with 1 and with 10 years of history behind the
 * same range. p50 at concurrency 1 over interleaved batches, through the bench's uncached route (the
 * real AnalyticsService, no response cache). The first request of each user is reported apart
 * (`coldMs*`): it walks the whole history once and keeps the checkpoints the later ones resume from.
 */
async function runHistory({ api, databasePath, today, count, batches, log }) {
  const users = [];
  for (const years of YEARS) users.push(await seedUser(api.port, databasePath, today, years));
  log(`  history users: ${users.map((u) => `${u.years} y = ${u.records} records`).join(', ')}`);
  const path = `/api/bench/uncached/compliance?from=${addDays(today, -29)}&to=${today}`;
  const cold = {};
  for (const user of users) cold[user.years] = (await cannon(api.port, path, user.token, 1, 0, 1)).latencies[0];
  const latencies = Object.fromEntries(YEARS.map((years) => [years, []]));
  let errors = 0;
  for (let batch = 0; batch < batches; batch += 1) {
    for (const user of users) {
      const run = await cannon(api.port, path, user.token, 1, 0, Math.ceil(count / batches));
      latencies[user.years].push(...run.latencies);
      errors += run.errors;
    }
  }
  const p50 = (years) => percentile(latencies[years], 50);
  return {
    p50Ms1y: round(p50(1), 3),
    p50Ms10y: round(p50(10), 3),
    growth: round(p50(10) / p50(1), 3),
    p99Ms1y: round(percentile(latencies[1], 99), 3),
    p99Ms10y: round(percentile(latencies[10], 99), 3),
    coldMs1y: round(cold[1], 3),
    coldMs10y: round(cold[10], 3),
    records1y: users[0].records,
    records10y: users[1].records,
    samples: latencies[1].length,
    errors,
  };
}

/** An account with the seed's 20 habits started `years` ago, and their records straight into SQLite. */
async function seedUser(port, databasePath, today, years) {
  const user = await createAccount(port, `bench-history-${years}y@bench.test`);
  const startDate = addDays(today, -(365 * years - 1));
  for (const template of HABIT_TEMPLATES) {
    const habit = await call(port, 'POST', '/api/habits', { token: user.token, body: { ...template, startDate } });
    user.habits.push({ id: habit.id, kind: habit.kind, target: habit.target, schedule: habit.schedule, startDate: habit.startDate });
  }
  const rows = user.habits.flatMap((habit) => recordsOf(user, habit, today));
  await insertRecords(databasePath, rows);
  return { years, token: user.token, records: rows.length };
}

module.exports = { runHistory };
