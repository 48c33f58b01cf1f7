'use strict';

const { hitRateOf, runMixedLoad, summarizeMixed } = require('./mixed');
const { percentile, round } = require('./stats');

const WINDOW_MS = 1000;
const STEP_MS = 100;

/**
 * Scenario 9: the mixed load; after `baselineS` redis-server gets SIGSTOP (a hung Redis: the
 * connections stay open, nothing answers), `freezeS` later SIGCONT; the load goes on `afterS`.
 * errors: failed requests over the whole run; p99 of requests sent during the freeze;
 * recoverySeconds: from SIGCONT to the start of the first 1 s window whose hit rate is back to
 * 90 % of the hit rate before the freeze (null when it never got there).
 */
async function runRedisFreeze({ instances, users, today, redis, baselineS, freezeS, afterS }) {
  const freezeAt = baselineS * 1000;
  const resumeAt = freezeAt + freezeS * 1000;
  const run = await runMixedLoad({
    instances,
    users,
    today,
    seconds: baselineS + freezeS + afterS,
    seed: 9,
    timeline: [
      { atMs: freezeAt, run: () => redis.freeze() },
      { atMs: resumeAt, run: () => redis.resume() },
    ],
  });
  if (redis.frozen) redis.resume();
  const { samples } = run;
  const before = hitRateOf(samples.filter((s) => s.t0 >= Math.min(1000, freezeAt / 2) && s.t0 < freezeAt));
  const during = samples.filter((s) => s.t0 >= freezeAt && s.t0 < resumeAt);
  const recoverySeconds = recovery(samples, resumeAt, run.elapsedMs, before);
  const whole = summarizeMixed(samples, run.elapsedMs);
  return {
    errors: whole.errors,
    p99MsDuringFreeze: round(percentile(during.map((s) => s.ms), 99), 3),
    recoverySeconds,
    freezeSeconds: freezeS,
    hitRateBefore: round(before, 4),
    hitRateDuringFreeze: round(hitRateOf(during), 4),
    requestsDuringFreeze: during.length,
    staleReads: whole.staleReads,
    errorStatuses: whole.errorStatuses,
    timeline: hitRateTimeline(samples, run.elapsedMs),
    staleExamples: run.staleExamples,
  };
}

function recovery(samples, resumeAt, elapsedMs, before) {
  if (before === null) return null;
  for (let start = resumeAt; start + WINDOW_MS <= elapsedMs; start += STEP_MS) {
    const rate = hitRateOf(samples.filter((s) => s.t0 >= start && s.t0 < start + WINDOW_MS));
    if (rate !== null && rate >= 0.9 * before) return round((start - resumeAt) / 1000, 1);
  }
  return null;
}

/** Hit rate and p99 per second of the run, for the report. */
function hitRateTimeline(samples, elapsedMs) {
  const seconds = [];
  for (let start = 0; start < elapsedMs; start += 1000) {
    const slice = samples.filter((s) => s.t0 >= start && s.t0 < start + 1000);
    seconds.push({
      second: start / 1000,
      requests: slice.length,
      hitRate: round(hitRateOf(slice), 3),
      p99Ms: round(percentile(slice.map((s) => s.ms), 99), 1),
      errors: slice.filter((s) => !s.ok).length,
    });
  }
  return seconds;
}

module.exports = { runRedisFreeze };
