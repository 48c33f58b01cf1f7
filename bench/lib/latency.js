'use strict';

const { cannon } = require('./throughput');
const { percentile, round } = require('./stats');

const FLOOR_PLUS_GET = '/api/bench/floor-redis';

/**
 * Scenario 5: one connection, one request at a time (a person opening the page): p50 of the
 * uncached route against the cached one, per-response latencies from autocannon (µs precision).
 * The four routes are measured in interleaved batches, so that a slow moment of a shared machine
 * weighs on all of them. The floor at concurrency 1 is reported too (no cached answer can beat
 * it), and the floor plus one Redis GET of the same body (the price of one more round trip).
 */
async function runLatency({ api, token, paths, hitCount, uncachedCount, latencyBatches: batches }) {
  const routes = { floor: paths.floor, floorPlusGet: FLOOR_PLUS_GET, hit: paths.hit, uncached: paths.uncached };
  const latencies = Object.fromEntries(Object.keys(routes).map((name) => [name, []]));
  let errors = 0;
  for (const path of Object.values(routes)) await cannon(api.port, path, token, 1, 0, 5);
  for (let batch = 0; batch < batches; batch += 1) {
    for (const [name, path] of Object.entries(routes)) {
      const count = Math.ceil((name === 'uncached' ? uncachedCount : hitCount) / batches);
      const run = await cannon(api.port, path, token, 1, 0, count);
      latencies[name].push(...run.latencies);
      errors += run.errors;
    }
  }
  const p50 = (name) => percentile(latencies[name], 50);
  return {
    uncachedP50Ms: round(p50('uncached'), 3),
    hitP50Ms: round(p50('hit'), 3),
    reductionPct: round((1 - p50('hit') / p50('uncached')) * 100, 2),
    floorP50Ms: round(p50('floor'), 3),
    floorReductionPct: round((1 - p50('floor') / p50('uncached')) * 100, 2),
    floorPlusOneGetP50Ms: round(p50('floorPlusGet'), 3),
    uncachedP99Ms: round(percentile(latencies.uncached, 99), 3),
    hitP99Ms: round(percentile(latencies.hit, 99), 3),
    samples: Object.fromEntries(Object.entries(latencies).map(([name, values]) => [name, values.length])),
    errors,
  };
}

module.exports = { runLatency };
