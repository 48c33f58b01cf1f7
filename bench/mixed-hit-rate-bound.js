'use strict';

/**
 * The best hit rate any correct per-group cache can reach on the mixed workload (bench/lib/mixed.js):
 * the same clients, write share, read mix and freshness reads, against an ideal cache where a read
 * hits whenever its key was filled since the last write that could change it. No server involved.
 *
 *   node bench/mixed-hit-rate-bound.js [requests]
 *
 * Variants: what invalidating records by date range would give, and the (incorrect) upper bound of
 * leaving analytics valid after a record write.
 */
const { prng } = require('./lib/stats');

const USERS = 10;
const CLIENTS_PER_USER = 2;
const WRITE_SHARE = 0.1;
const WRITE_DAYS = 30;

/** The key a read of bench/lib/mixed.js's readPath lands on: [group, variant]. */
function readKey(random) {
  const group = Math.floor(random() * 4);
  const roll = random();
  if (group === 0) return ['categories', 'list'];
  if (group === 1) return ['habits', roll < 0.75 ? 'list' : `habit ${Math.floor(roll * 8)}`];
  if (group === 2) return ['records', roll < 0.7 ? 'default' : 'week'];
  return ['analytics', roll < 0.4 ? 'compliance' : roll < 0.7 ? 'performance' : 'year'];
}

function boundFor(requests, invalidates, seed = 1) {
  const random = prng(seed);
  const valid = new Set();
  const pending = new Set();
  let reads = 0;
  let hits = 0;
  const read = (user, [group, variant]) => {
    const key = `${user} ${group} ${variant}`;
    reads += 1;
    if (valid.has(key)) hits += 1;
    valid.add(key);
  };
  for (let i = 0; i < requests; i += 1) {
    const client = Math.floor(random() * USERS * CLIENTS_PER_USER);
    const user = Math.floor(client / CLIENTS_PER_USER);
    if (pending.delete(client)) read(user, ['records', 'default']);
    else if (random() < WRITE_SHARE) {
      const daysAgo = Math.floor(random() * WRITE_DAYS);
      for (const key of [...valid]) {
        const [owner, group, variant] = key.split(' ');
        if (Number(owner) === user && invalidates(group, variant, daysAgo)) valid.delete(key);
      }
      pending.add(client);
    } else read(user, readKey(random));
  }
  return Math.round((hits / reads) * 1000) / 1000;
}

const requests = Number(process.argv[2] ?? 1_000_000);
const result = {
  perGroup: boundFor(requests, (group) => group === 'records' || group === 'analytics'),
  recordsByDateRange: boundFor(requests, (group, variant, daysAgo) => group === 'analytics' || (group === 'records' && (variant === 'default' || daysAgo < 7))),
  analyticsNeverInvalidated: boundFor(requests, (group) => group === 'records'),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
