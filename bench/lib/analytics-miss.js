'use strict';

const { request } = require('./http');
const { addDays } = require('./dates');
const { cpuTimeOf } = require('./processes');
const { percentile, round } = require('./stats');

/**
 * Scenario `analyticsMiss` (issue 21, part 3): what the analytics misses after one check-in cost.
 * Each round, the heavy user (20 habits, a year of records) checks in on one habit, then reads the
 * three analytics reports of the mixed load (compliance over 30 and 365 days, performance over 30):
 * all three are misses of the whole response. Reports the API's CPU per round (reads and the
 * check-in) and the p50 of the reads; with per-habit fragments only the checked-in habit's parts
 * are computed again.
 */
async function runAnalyticsMiss({ api, heavy, today, rounds }) {
  const paths = [
    `/api/analytics/compliance?from=${addDays(today, -364)}&to=${today}`,
    '/api/analytics/compliance',
    '/api/analytics/performance',
  ];
  for (const path of paths) await request(api.port, 'GET', path, { token: heavy.token });
  const latencies = [];
  let errors = 0;
  const cpuBefore = cpuTimeOf(api.pid);
  for (let round = 0; round < rounds; round += 1) {
    const habit = heavy.habits[round % heavy.habits.length];
    const body = habit.kind === 'numeric' ? { status: 'done', value: habit.target, note: `miss ${round}` } : { status: 'done', note: `miss ${round}` };
    const write = await request(api.port, 'PUT', `/api/habits/${habit.id}/records/${addDays(today, -(round % 25) - 1)}`, { token: heavy.token, body });
    if (write.status >= 300) errors += 1;
    for (const path of paths) {
      const read = await request(api.port, 'GET', path, { token: heavy.token });
      if (read.status !== 200 || read.headers['x-cache'] !== 'MISS') errors += 1;
      latencies.push(read.ms);
    }
  }
  return {
    apiCpuMsPerRound: round((cpuTimeOf(api.pid) - cpuBefore) / rounds, 2),
    readP50Ms: round(percentile(latencies, 50), 3),
    readP99Ms: round(percentile(latencies, 99), 3),
    rounds,
    errors,
  };
}

module.exports = { runAnalyticsMiss };
