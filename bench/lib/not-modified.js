'use strict';

const autocannon = require('autocannon');
const { request } = require('./http');
const { median, percentile, round } = require('./stats');

/**
 * Scenario notModified: revalidations of a cached route with a matching If-None-Match (304, no
 * body) against plain hits of the same route (200 with the body), in interleaved rounds on one
 * instance. Reports the 304 rps, the body bytes the 304s carried (a sample read in full), and the
 * median per-round ratio 304 rps / hit rps (ratios.notModifiedOverHit).
 */
async function runNotModified({ api, token, path, connections, seconds, warmupSeconds, rounds, log }) {
  const first = await request(api.port, 'GET', path, { token });
  const etag = first.headers.etag;
  const problems = [];
  if (first.status !== 200 || !etag) problems.push(`the route answered ${first.status} without an ETag`);
  const revalidate = { 'if-none-match': etag };
  const sample = await bodySample(api.port, path, token, revalidate);
  if (sample.statuses.some((status) => status !== 304)) problems.push(`revalidations answered ${[...new Set(sample.statuses)].join(', ')}`);
  await run(api.port, path, token, {}, 200, connections, warmupSeconds);
  await run(api.port, path, token, revalidate, 304, connections, warmupSeconds);
  const hits = [];
  const revalidations = [];
  for (let r = 0; r < rounds; r += 1) {
    hits.push(await run(api.port, path, token, {}, 200, connections, seconds));
    revalidations.push(await run(api.port, path, token, revalidate, 304, connections, seconds));
    log(`  round ${r + 1}/${rounds} hit ${hits[r].rps.toFixed(0).padStart(6)} rps, notModified ${revalidations[r].rps.toFixed(0).padStart(6)} rps`);
  }
  const ratios = revalidations.map((revalidation, i) => revalidation.rps / hits[i].rps);
  const chosen = [...revalidations].sort((a, b) => a.rps - b.rps)[Math.floor((revalidations.length - 1) / 2)];
  return {
    summary: {
      rps: round(chosen.rps, 1),
      p50Ms: round(chosen.p50Ms, 3),
      p99Ms: round(chosen.p99Ms, 3),
      bodyBytes: sample.bodyBytes,
      errors: revalidations.reduce((sum, item) => sum + item.errors, 0),
      hitRps: round(median(hits.map((hit) => hit.rps)), 1),
      hitBodyBytes: Buffer.byteLength(first.text),
      roundsRatio: ratios.map((ratio) => round(ratio, 3)),
      problems,
    },
    notModifiedOverHit: round(median(ratios), 3),
  };
}

/** 50 revalidations read in full: their statuses and the body bytes they carried in all. */
async function bodySample(port, path, token, headers) {
  const statuses = [];
  let bodyBytes = 0;
  for (let i = 0; i < 50; i += 1) {
    const res = await request(port, 'GET', path, { token, headers });
    statuses.push(res.status);
    bodyBytes += Buffer.byteLength(res.text);
  }
  return { statuses, bodyBytes };
}

/** One autocannon run; only answers with `status` count (any other is an error). */
function run(port, path, token, headers, status, connections, seconds) {
  const latencies = [];
  let firstAt = 0n;
  let lastAt = 0n;
  let wrong = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: `http://127.0.0.1:${port}${path}`, connections, duration: seconds, timeout: 10, headers: { authorization: `Bearer ${token}`, ...headers } },
      (error, result) => {
        if (error) return reject(error);
        const spanS = Number(lastAt - firstAt) / 1e9;
        resolve({
          rps: latencies.length > 1 && spanS > 0 ? (latencies.length - 1) / spanS : 0,
          p50Ms: percentile(latencies, 50) ?? NaN,
          p99Ms: percentile(latencies, 99) ?? NaN,
          errors: result.errors + wrong,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode !== status) {
        wrong += 1;
        return;
      }
      lastAt = process.hrtime.bigint();
      if (latencies.length === 0) firstAt = lastAt;
      latencies.push(responseTime);
    });
  });
}

module.exports = { runNotModified };
