'use strict';

const autocannon = require('autocannon');
const { call, request } = require('./http');
const { cpuTimeOf } = require('./processes');
const { median, percentile, round } = require('./stats');

/**
 * Scenarios 1–4 on one API process (and `bare`, a plain Fastify server of its own) with one connection count: floor, hit, uncached and stock,
 * plus hitWithToken (the hit route with a personal access token instead of the session's JWT).
 * Each scenario is warmed up once, then measured in `rounds` interleaved runs (floor, hit,
 * uncached, stock, floor, …). Each scenario reports its median round (by rps); each ratio is the
 * median of the per-round ratios (the two runs of a round are seconds apart, so a noisy neighbour
 * on a shared machine weighs on both). Latencies are taken per response (µs precision), not from
 * autocannon's 1 ms histogram.
 */
async function runThroughput({ api, bare, redisPid, token, personalToken, adminToken, paths, connections, seconds, warmupSeconds, rounds, log }) {
  const names = ['bare', 'floor', 'hit', 'hitWithToken', 'uncached', 'stock'];
  const pathOf = (name) => (name === 'hitWithToken' ? paths.hit : name === 'bare' ? bare.path : paths[name]);
  const tokenOf = (name) => (name === 'hitWithToken' ? personalToken : token);
  // `bare` is its own process (a plain Fastify server): its port, and its CPU time.
  const serverOf = (name) => (name === 'bare' ? bare : api);
  for (const name of names) await cannon(serverOf(name).port, pathOf(name), tokenOf(name), connections, warmupSeconds);
  const runs = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = 0; r < rounds; r += 1) {
    for (const name of names) {
      const before = await cacheCounters(api.port, adminToken);
      const server = serverOf(name);
      const cpuBefore = [cpuTimeOf(server.pid), cpuTimeOf(redisPid)];
      const run = await cannon(server.port, pathOf(name), tokenOf(name), connections, seconds);
      const requests = run.latencies.length;
      run.apiCpuUs = ((cpuTimeOf(server.pid) - cpuBefore[0]) * 1000) / requests;
      run.redisCpuUs = ((cpuTimeOf(redisPid) - cpuBefore[1]) * 1000) / requests;
      run.cache = diffCounters(before, await cacheCounters(api.port, adminToken));
      runs[name].push(run);
      log(`  round ${r + 1}/${rounds} ${name.padEnd(12)} ${run.rps.toFixed(0).padStart(6)} rps  p50 ${run.p50Ms.toFixed(2)} ms  p99 ${run.p99Ms.toFixed(2)} ms${run.errors ? `  errors ${run.errors}` : ''}`);
    }
  }
  const perRound = (other) => runs.hit.map((hit, i) => hit.rps / runs[other][i].rps);
  const ratios = {
    hitOverFloor: round(median(perRound('floor')), 3),
    hitOverUncached: round(median(perRound('uncached')), 1),
    hitOverStock: round(median(perRound('stock')), 3),
    hitWithTokenOverHit: round(median(runs.hitWithToken.map((run, i) => run.rps / runs.hit[i].rps)), 3),
    hitOverBare: round(median(perRound('bare')), 3),
  };
  // Server CPU per request (API process, all threads; and redis-server): far less sensitive to a noisy
  // neighbour than rps, since time spent waiting for a CPU does not count.
  const cpu = Object.fromEntries(
    names.map((name) => [name, { apiUsPerRequest: round(median(runs[name].map((run) => run.apiCpuUs)), 1), redisUsPerRequest: round(median(runs[name].map((run) => run.redisCpuUs)), 1) }]),
  );
  const roundRatios = {
    hitOverFloor: perRound('floor').map((v) => round(v, 3)),
    hitOverUncached: perRound('uncached').map((v) => round(v, 1)),
    hitOverStock: perRound('stock').map((v) => round(v, 3)),
    hitOverBare: perRound('bare').map((v) => round(v, 3)),
  };
  // The same ratios from server CPU per request (throughput of a CPU-bound server is its inverse).
  const cpuRatio = (other) => cpu[other].apiUsPerRequest / cpu.hit.apiUsPerRequest;
  // API CPU per hit ÷ the bare server's CPU per request: how far a hit is from the HTTP limit.
  ratios.hitCpuOverBare = round(cpu.hit.apiUsPerRequest / cpu.bare.apiUsPerRequest, 2);
  const cpuRatios = { hitOverFloor: round(cpuRatio('floor'), 3), hitOverUncached: round(cpuRatio('uncached'), 1), hitOverStock: round(cpuRatio('stock'), 3) };
  return { ...Object.fromEntries(names.map((name) => [name, summarize(runs[name])])), ratios, roundRatios, cpu, cpuRatios };
}

function summarize(runs) {
  const sorted = [...runs].sort((a, b) => a.rps - b.rps);
  const chosen = sorted[Math.floor((sorted.length - 1) / 2)];
  return {
    rps: round(chosen.rps, 1),
    p50Ms: round(chosen.p50Ms, 3),
    p99Ms: round(chosen.p99Ms, 3),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    roundsRps: runs.map((run) => round(run.rps, 1)),
    // X-Cache counters of the process during the chosen round, and cache-store errors over all rounds.
    cacheCounters: { hit: chosen.cache.hit, miss: chosen.cache.miss },
    cacheStoreErrors: runs.reduce((sum, run) => sum + run.cache.errors, 0),
  };
}

/** One autocannon run for `seconds` (or exactly `amount` requests); per-response latencies in ms. */
function cannon(port, path, token, connections, seconds, amount) {
  const latencies = [];
  let firstAt = 0n;
  let lastAt = 0n;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}${path}`,
        connections,
        ...(amount ? { amount } : { duration: seconds }),
        timeout: 10,
        headers: { authorization: `Bearer ${token}` },
      },
      (error, result) => {
        if (error) return reject(error);
        // Between the first and the last 2xx response: neither connection set-up nor the drain counts.
        const spanS = Number(lastAt - firstAt) / 1e9;
        resolve({
          rps: latencies.length > 1 && spanS > 0 ? (latencies.length - 1) / spanS : 0,
          p50Ms: percentile(latencies, 50) ?? NaN,
          p99Ms: percentile(latencies, 99) ?? NaN,
          requests: result['2xx'],
          errors: result.errors + result.non2xx, // autocannon counts timeouts in errors
          latencies,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode >= 300) return;
      lastAt = process.hrtime.bigint();
      if (latencies.length === 0) firstAt = lastAt;
      latencies.push(responseTime);
    });
  });
}

/** The process' X-Cache counters (admin stats), to show the hit run really was all hits. */
async function cacheCounters(port, adminToken) {
  const stats = await call(port, 'GET', '/api/admin/cache/stats', { token: adminToken });
  return { hit: stats.hits, miss: stats.misses, errors: stats.errors };
}

function diffCounters(before, after) {
  return Object.fromEntries(Object.keys(before).map((name) => [name, after[name] - before[name]]));
}

/**
 * Before any load: the four routes answer the same bytes (floor: the same size), and the two
 * cached ones answer HIT on their second call. Returns the findings; problems are listed, not thrown.
 */
async function checkEquivalence({ api, token, paths }) {
  const problems = [];
  const get = (path) => request(api.port, 'GET', path, { token });
  const firstHit = await get(paths.hit);
  const hit = await get(paths.hit);
  const uncached = await get(paths.uncached);
  await get(paths.stock);
  const stock = await get(paths.stock);
  for (const [name, res] of Object.entries({ hit, uncached, stock })) {
    if (res.status !== 200) problems.push(`${name} answered ${res.status}`);
  }
  if (hit.headers['x-cache'] !== 'HIT') problems.push(`hit: second call answered X-Cache ${hit.headers['x-cache']}`);
  if (stock.headers['x-cache'] !== 'HIT') problems.push(`stock: second call answered X-Cache ${stock.headers['x-cache']}`);
  if (firstHit.text !== hit.text) problems.push('hit: HIT body differs from the MISS that filled it');
  if (uncached.text !== hit.text) problems.push('uncached body differs from the cached one');
  if (stock.text !== hit.text) problems.push('stock body differs from the cached one');
  await call(api.port, 'PUT', '/api/bench/floor', { token, body: { body: hit.text } });
  const floor = await get(paths.floor);
  if (floor.status !== 200 || floor.text.length !== hit.text.length) problems.push('floor body is not the size of the hit body');
  return { body: hit.text, responseBytes: Buffer.byteLength(hit.text), habits: JSON.parse(hit.text).habits.length, problems };
}

module.exports = { runThroughput, checkEquivalence, cannon };
