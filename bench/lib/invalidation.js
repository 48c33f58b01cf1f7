'use strict';

const { call, request } = require('./http');
const { median, percentile, round } = require('./stats');

const FILL_CHUNK = 50_000;
/** Keys of other users shaped like the application's: user:<id>:analytics:<40 hex>, 10 per user, 1 day TTL. */
const FILL_SCRIPT = `
local first, last = tonumber(ARGV[1]), tonumber(ARGV[2])
for i = first, last - 1 do
  redis.call('SET', 'user:' .. (1000000 + math.floor(i / 10)) .. ':analytics:' .. redis.sha1hex(tostring(i)), 'x', 'EX', 86400)
end
return last - first`;

/**
 * Scenario 7: one user's invalidation (DELETE /api/admin/cache/users/:id, the admin route over
 * CacheInvalidator) with 1 000 and then `largeKeys` other users' keys in Redis. Before each
 * invalidation the user has three fresh cached responses (three GETs, not timed). Commands per
 * invalidation: INFO commandstats delta around the DELETE, minus what any authenticated request
 * costs (the guard's validity read, measured the same way on the floor route).
 */
async function runInvalidation({ api, redis, admin, target, iterations, largeKeys }) {
  const authCommands = await commandsOf(redis.client, iterations / 5, () =>
    request(api.port, 'GET', '/api/bench/floor', { token: admin.token }),
  );
  await fill(redis.client, 0, 1000);
  const small = await measure({ api, redis, admin, target, iterations });
  await fill(redis.client, 1000, largeKeys);
  const large = await measure({ api, redis, admin, target, iterations });
  const ratio = large.p99Ms / small.p99Ms;
  return {
    p99Ms1k: round(small.p99Ms, 3),
    p99Ms1M: round(large.p99Ms, 3),
    ratio: round(ratio, 2),
    commandsPerInvalidation: large.commands - authCommands,
    p50Ms1k: round(small.p50Ms, 3),
    p50Ms1M: round(large.p50Ms, 3),
    otherKeysLarge: largeKeys,
    dbsizeLarge: large.dbsize,
    commandsPerRequest: large.commands,
    commandsPerAuthenticatedRequest: authCommands,
    commandsByName: large.commandsByName,
    deletedPerInvalidation: large.deleted,
    iterations,
  };
}

async function fill(client, from, to) {
  for (let first = from; first < to; first += FILL_CHUNK) {
    await client.sendCommand(['EVAL', FILL_SCRIPT, '0', String(first), String(Math.min(to, first + FILL_CHUNK))]);
  }
}

async function measure({ api, redis, admin, target, iterations }) {
  const latencies = [];
  const commands = [];
  const deleted = [];
  let byName = null;
  for (let i = 0; i < iterations; i += 1) {
    for (const path of ['/api/categories', '/api/habits', '/api/records']) {
      await call(api.port, 'GET', path, { token: target.token });
    }
    const before = await commandStats(redis.client);
    const res = await request(api.port, 'DELETE', `/api/admin/cache/users/${target.id}`, { token: admin.token });
    const after = await commandStats(redis.client);
    if (res.status !== 200) throw new Error(`invalidation answered ${res.status}: ${res.text}`);
    latencies.push(res.ms);
    deleted.push(JSON.parse(res.text).deleted);
    const delta = diff(before, after);
    commands.push(Object.values(delta).reduce((a, b) => a + b, 0));
    byName = delta;
  }
  return {
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    commands: median(commands),
    commandsByName: byName,
    deleted: median(deleted),
    dbsize: Number(await redis.client.sendCommand(['DBSIZE'])),
  };
}

/** Median number of Redis commands one call of `work` costs. */
async function commandsOf(client, iterations, work) {
  const counts = [];
  for (let i = 0; i < Math.max(5, iterations); i += 1) {
    const before = await commandStats(client);
    await work();
    const delta = diff(before, await commandStats(client));
    counts.push(Object.values(delta).reduce((a, b) => a + b, 0));
  }
  return median(counts);
}

/** calls per command from INFO commandstats, without INFO itself (the harness' own probe). */
async function commandStats(client) {
  const info = String(await client.sendCommand(['INFO', 'commandstats']));
  const calls = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    if (match[1] !== 'info') calls[match[1]] = Number(match[2]);
  }
  return calls;
}

function diff(before, after) {
  const delta = {};
  for (const [name, count] of Object.entries(after)) {
    const d = count - (before[name] ?? 0);
    if (d > 0) delta[name] = d;
  }
  return delta;
}

module.exports = { runInvalidation };
