'use strict';

const autocannon = require('autocannon');
const { request } = require('./http');
const { median, percentile, round } = require('./stats');

/**
 * Scenario notModified: revalidations of a cached route with a matching If-None-Match (304, no
 * body) against plain hits of the same route (200 with the body), in interleaved rounds on one
 * instance. Reports the 304 rps, the body bytes the 304s carried (a sample read in full), and the
 * median per-round ratio 304 rps / hit rps (ratios.notModifiedOverHit).
 *
 * Variant notModifiedFetch, in the same rounds: the revalidation a browser's `fetch` sends
 * (`Cache-Control: no-cache` beside `If-None-Match`, API.md v3 detail 1). Any answer that is not a
 * 304 with `X-Cache: HIT` is an error; ratios.notModifiedFetchOverHit is its per-round ratio to hits.
 */
async function runNotModified({ api, token, path, connections, seconds, warmupSeconds, rounds, log }) {
  const first = await request(api.port, 'GET', path, { token });
  const etag = first.headers.etag;
  const problems = [];
  if (first.status !== 200 || !etag) problems.push(`the route answered ${first.status} without an ETag`);
  const revalidate = { 'if-none-match': etag };
  const fetchRevalidate = { 'if-none-match': etag, 'cache-control': 'no-cache' };
  const sample = await bodySample(api.port, path, token, revalidate);
  if (sample.statuses.some((status) => status !== 304)) problems.push(`revalidations answered ${[...new Set(sample.statuses)].join(', ')}`);
  await run(api.port, path, token, {}, 200, connections, warmupSeconds);
  await run(api.port, path, token, revalidate, 304, connections, warmupSeconds);
  await run(api.port, path, token, fetchRevalidate, 304, connections, warmupSeconds, { mustHit: true });
  const hits = [];
  const revalidations = [];
  const fetches = [];
  for (let r = 0; r < rounds; r += 1) {
    hits.push(await run(api.port, path, token, {}, 200, connections, seconds));
    revalidations.push(await run(api.port, path, token, revalidate, 304, connections, seconds));
    fetches.push(await run(api.port, path, token, fetchRevalidate, 304, connections, seconds, { mustHit: true }));
    log(`  round ${r + 1}/${rounds} hit ${hits[r].rps.toFixed(0).padStart(6)} rps, notModified ${revalidations[r].rps.toFixed(0).padStart(6)} rps, notModifiedFetch ${fetches[r].rps.toFixed(0).padStart(6)} rps${fetches[r].errors ? ` (${fetches[r].errors} not 304 HIT)` : ''}`);
  }
  const ratios = revalidations.map((revalidation, i) => revalidation.rps / hits[i].rps);
  const fetchRatios = fetches.map((fetched, i) => fetched.rps / hits[i].rps);
  const chosen = medianRun(revalidations);
  const chosenFetch = medianRun(fetches);
  return {
    fetchSummary: {
      rps: round(chosenFetch.rps, 1),
      p50Ms: round(chosenFetch.p50Ms, 3),
      p99Ms: round(chosenFetch.p99Ms, 3),
      errors: fetches.reduce((sum, item) => sum + item.errors, 0),
      roundsRatio: fetchRatios.map((ratio) => round(ratio, 3)),
    },
    notModifiedFetchOverHit: round(median(fetchRatios), 3),
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

/** The round of median rps. */
function medianRun(runs) {
  return [...runs].sort((a, b) => a.rps - b.rps)[Math.floor((runs.length - 1) / 2)];
}

/** Whether the response headers (http-parser-js' flat [name, value, …] list) carry `X-Cache: HIT`. */
function carriesHit(headers) {
  for (let i = 0; i + 1 < headers.length; i += 2) if (headers[i].toLowerCase() === 'x-cache') return headers[i + 1] === 'HIT';
  return false;
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

/**
 * One autocannon run; only answers with `status` count (any other is an error); with `mustHit`,
 * an answer without `X-Cache: HIT` is an error too (its headers are read on each connection).
 */
function run(port, path, token, headers, status, connections, seconds, { mustHit = false } = {}) {
  const latencies = [];
  let firstAt = 0n;
  let lastAt = 0n;
  let wrong = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}${path}`,
        connections,
        duration: seconds,
        timeout: 10,
        headers: { authorization: `Bearer ${token}`, ...headers },
        setupClient: (client) => client.on('headers', (info) => (client.lastAnswerWasHit = carriesHit(info.headers))),
      },
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
    instance.on('response', (client, statusCode, _bytes, responseTime) => {
      if (statusCode !== status || (mustHit && !client.lastAnswerWasHit)) {
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
