#!/usr/bin/env node
'use strict';

/**
 * `npm run bench` (full, about 3 minutes) or `npm run bench -- --quick` (every scenario for a
 * second or two). Builds the bench app if needed, starts a private redis-server and two compiled
 * API instances on a fresh SQLite file, seeds the data set, runs the scenarios of the benchmark
 * issue and writes bench/results/latest.json plus a table on stdout. See docs/performance.md.
 *
 * Options: --quick; --cpu-prof (api-a writes a V8 CPU profile to bench/results/profiles/);
 * --out <file> (default bench/results/latest.json); --only <phase,…> runs just those phases
 * (e.g. `--only notModified`) and writes their raw results to bench/results/only-<phases>.json.
 */

const { execFileSync, spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { addDays, todayUtc } = require('./lib/dates');
const { postgresDatabase, sqliteDatabase } = require('./lib/database');
const { runEvents } = require('./lib/events');
const { runRedisFreeze } = require('./lib/freeze');
const { runHistory } = require('./lib/history');
const { runInvalidation } = require('./lib/invalidation');
const { runLatency } = require('./lib/latency');
const { runNotModified } = require('./lib/not-modified');
const { runReminderDelivery } = require('./lib/reminders');
const { runReadsDuringWrites } = require('./lib/reads-during-writes');
const { runMixedLoad, summarizeMixed } = require('./lib/mixed');
const { runAnalyticsMiss } = require('./lib/analytics-miss');
const { PhaseObserver } = require('./lib/observer');
const { ChildProcesses, startApi, startBare, startRedis } = require('./lib/processes');
const { evaluateTargets, renderTable } = require('./lib/report');
const { seed } = require('./lib/seed');
const { runStampede } = require('./lib/stampede');
const { runFloorAndHit, startRedisCluster, waitForRedisUp } = require('./lib/cluster');
const { round } = require('./lib/stats');
const { checkEquivalence, runThroughput } = require('./lib/throughput');
const { call } = require('./lib/http');

const ROOT = path.resolve(__dirname, '..');
const ENTRY = path.join(ROOT, 'dist-bench', 'bench', 'app', 'bench-main.js');
const PROFILE_DIR = path.join(ROOT, 'bench', 'results', 'profiles');

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const CPU_PROF = args.includes('--cpu-prof');
const DB = args.includes('--db') ? args[args.indexOf('--db') + 1] : 'sqlite';
if (!['sqlite', 'postgres'].includes(DB)) throw new Error(`--db: sqlite or postgres, not ${DB}`);
const REDIS = args.includes('--redis') ? args[args.indexOf('--redis') + 1] : 'single';
if (!['single', 'cluster'].includes(REDIS)) throw new Error(`--redis: single or cluster, not ${REDIS}`);
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
const DEFAULT_OUT = ONLY ? `bench/results/only-${ONLY.join('-')}.json` : REDIS === 'cluster' ? 'bench/results/cluster.json' : 'bench/results/latest.json';
const OUT = path.resolve(ROOT, args.includes('--out') ? args[args.indexOf('--out') + 1] : DEFAULT_OUT);

/** Durations and sizes per mode; the same connection count for every throughput scenario. */
const PLAN = QUICK
  ? {
      connections: 10, seconds: 1.5, warmupSeconds: 0.5, rounds: 1, hitCount: 500, uncachedCount: 20, latencyBatches: 2,
      mixedS: 2, freeze: { baselineS: 2, freezeS: 2, afterS: 6 }, invalidationIterations: 50, largeKeys: 100_000,
      events: { streams: 200, writes: 40 },
      historyCount: 40, historyBatches: 4, reminders: 20, analyticsMissRounds: 20,
      readsDuringWrites: { readsPerBatch: 25, batches: 2 },
    }
  : {
      connections: 10, seconds: 2, warmupSeconds: 2, rounds: 8, hitCount: 5000, uncachedCount: 200, latencyBatches: 10,
      mixedS: 20, freeze: { baselineS: 5, freezeS: 5, afterS: 15 }, invalidationIterations: 1000, largeKeys: 1_000_000,
      events: { streams: 2000, writes: 400 },
      historyCount: 300, historyBatches: 10, reminders: 200, analyticsMissRounds: 100,
      readsDuringWrites: { readsPerBatch: 100, batches: 6 },
    };

const log = (message) => process.stdout.write(`${message}\n`);

async function main() {
  const startedAt = new Date();
  buildIfNeeded();
  const children = new ChildProcesses();
  installSignalHandlers(children);
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'habits-bench-'));
  try {
    const loadBefore = os.loadavg()[0];
    const result = await withDatabase(DB, workDir, (database) => runAll(children, database, { workDir }));
    // The default run also measures PostgreSQL (several instances' database) and files it under `postgres`.
    if (DB === 'sqlite' && !ONLY && REDIS === 'single') {
      result.postgres = await withDatabase('postgres', workDir, (database) => runAll(children, database, { postgresPass: true, workDir }));
      result.targets = evaluateTargets(result);
    }
    Object.assign(result, {
      startedAt: startedAt.toISOString(),
      durationSeconds: round((Date.now() - startedAt.getTime()) / 1000, 1),
      machine: machine({ loadBefore, loadAfter: os.loadavg()[0] }),
      source: sourceVersion(),
    });
    mkdirSync(path.dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
    log(`\n${ONLY || REDIS === 'cluster' ? JSON.stringify(result, null, 2) : renderTable(result)}`);
    log(`Written ${path.relative(ROOT, OUT)} in ${result.durationSeconds} s`);
  } finally {
    await children.stopAll();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Services, data set, then the scenarios in the order that keeps each one's measurement clean. */
async function withDatabase(kind, workDir, run) {
  const database = kind === 'postgres' ? await postgresDatabase() : sqliteDatabase(workDir);
  try {
    return await run(database);
  } finally {
    await database.drop();
  }
}

/**
 * Services, data set, then the scenarios in the order that keeps each one's measurement clean.
 * The PostgreSQL pass of the default run measures what depends on the database: mixed (with and
 * without the cache), the uncached CPU and the history scenario.
 */
async function runAll(children, database, { postgresPass = false, workDir } = {}) {
  log(`Bench (${QUICK ? 'quick' : 'full'}) on ${database.kind}, ${os.cpus().length} CPUs, Node ${process.version}`);
  const today = todayUtc();
  const redis = await startRedis(children);
  const env = apiEnv(redis.url, database.url);
  const { a, b } = await startApis(children, env);
  log(`redis-server :${redis.port}, api-a :${a.port} (pid ${a.pid}), api-b :${b.port} (pid ${b.pid})`);
  const observer = new PhaseObserver([a, b]);
  await observer.snapshot('started');

  log('Seeding…');
  const data = await seed({ port: a.port, database, today });
  log(`  ${JSON.stringify(data.summary)}`);
  observer.adminToken = data.admin.token;
  await observer.snapshot('seeded');

  const ctx = { a, b, redis, data, today, observer, database, env, children, workDir, paths: scenarioPaths(today) };
  if (ONLY) return runOnly(ctx);
  if (REDIS === 'cluster') return runClusterOnly(ctx);
  const result = postgresPass ? await runDatabasePhases(ctx) : await runEveryPhase(ctx);
  result.peakRssMb = Math.max(result.peakRssMb ?? 0, ...[a, b].map((api) => peakRssMbOf(api.pid)));
  if (!postgresPass && REDIS === 'single') result.targets = evaluateTargets(result);
  await Promise.all([a.close(), b.close()]);
  await redis.close();
  if (CPU_PROF && !postgresPass) log(`CPU profile of api-a in ${path.relative(ROOT, PROFILE_DIR)}/`);
  return result;
}

/** What `--only` can run, by name (each also a phase of the full run). */
const PHASES = {
  mixed: runMixed,
  mixedNoCache: runMixedNoCache,
  redisFreeze: runFreeze,
  throughput: runRatios,
  notModified: runNotModifiedScenario,
  latency: runLatencyScenario,
  history: runHistoryScenario,
  readsDuringWrites: runReadsDuringWritesScenario,
  stampede: runStampedeScenario,
  invalidation: runInvalidationScenario,
  events: runEventsScenario,
  reminders: runRemindersScenario,
  analyticsMiss: runAnalyticsMissScenario,
};

async function runOnly(ctx) {
  const unknown = ONLY.filter((name) => !PHASES[name]);
  if (unknown.length) throw new Error(`--only: unknown phase ${unknown.join(', ')} (known: ${Object.keys(PHASES).join(', ')})`);
  const result = { node: process.version, cpus: os.cpus().length, quick: QUICK, only: ONLY };
  for (const name of ONLY) result[name] = await phase(ctx, name, PHASES[name]);
  await Promise.all([ctx.a.close(), ctx.b.close()]);
  await ctx.redis.close();
  return result;
}

async function runEveryPhase(ctx) {
  // Mixed first: peak RSS "under mixed" is then not the heap grown by the synthetic uncached flood.
  const mixed = await phase(ctx, 'mixed', runMixed);
  const mixedNoCache = await phase(ctx, 'mixedNoCache', runMixedNoCache);
  const redisFreeze = await phase(ctx, 'redisFreeze', runFreeze);
  const throughput = await phase(ctx, 'throughput', runRatios);
  const notModified = await phase(ctx, 'notModified', runNotModifiedScenario);
  const latency = await phase(ctx, 'latency', runLatencyScenario);
  const history = await phase(ctx, 'history', runHistoryScenario);
  const readsDuringWrites = await phase(ctx, 'readsDuringWrites', runReadsDuringWritesScenario);
  const stampede = await phase(ctx, 'stampede', runStampedeScenario);
  const invalidation = await phase(ctx, 'invalidation', runInvalidationScenario);
  const events = await phase(ctx, 'events', runEventsScenario);
  const reminders = await phase(ctx, 'reminders', runRemindersScenario);
  const cluster = await phase(ctx, 'cluster', (c) => runClusterScenario(c, mixed.summary));
  const result = assemble({ ...throughput, notModified, latency, history, readsDuringWrites, mixed: mixed.summary, rssByInstance: mixed.rssByInstance, invalidation, stampede, redisFreeze, observer: ctx.observer, data: ctx.data });
  return withMixedNoCache({ ...result, events, reminders, cluster }, mixedNoCache);
}

/** `--redis cluster`: the single-Redis mixed load (the reference), then the cluster pass. */
async function runClusterOnly(ctx) {
  const mixed = await phase(ctx, 'mixed', runMixed);
  const cluster = await phase(ctx, 'cluster', (c) => runClusterScenario(c, mixed.summary));
  await Promise.all([ctx.a.close(), ctx.b.close()]);
  await ctx.redis.close();
  const result = { node: process.version, cpus: os.cpus().length, quick: QUICK, redis: 'cluster', mixed: mixed.summary, cluster };
  const targets = Object.entries(evaluateTargets(result)).filter(([, target]) => target.value !== undefined);
  return { ...result, targets: Object.fromEntries(targets) };
}

/**
 * cluster (issue 22): a local Redis Cluster (3 masters, 3 replicas) started by the harness, two more
 * instances (api-e, api-f) on the same database with REDIS_CLUSTER_NODES; the mixed load on them,
 * then floor and hit in interleaved rounds. `mixedOverSingle` = their mixed rps ÷ the single-Redis
 * mixed rps of this run.
 */
async function runClusterScenario({ data, today, env, children, paths }, singleMixed) {
  log(`Scenario cluster: a local Redis Cluster (3 masters, 3 replicas); mixed load for ${PLAN.mixedS} s, then floor and hit…`);
  const cluster = await startRedisCluster(children);
  const { REDIS_URL: _single, ...rest } = env;
  const pair = await startApis(children, { ...rest, REDIS_CLUSTER_NODES: cluster.seeds }, { profile: false, names: ['api-e', 'api-f'] });
  try {
    await Promise.all([waitForRedisUp(pair.a), waitForRedisUp(pair.b)]);
    const run = await runMixedLoad({ instances: [pair.a, pair.b], users: data.users, today, seconds: PLAN.mixedS, seed: 22 });
    const mixed = { ...summarizeMixed(run.samples, run.elapsedMs), staleExamples: run.staleExamples };
    const { hitOverFloor, ...throughput } = await runFloorAndHit({ api: pair.a, token: data.heavy.token, paths, ...pick(PLAN, 'connections', 'seconds', 'warmupSeconds', 'rounds') });
    const ratios = { hitOverFloor, mixedOverSingle: round(mixed.rps / singleMixed.rps, 3) };
    return { topology: { masters: cluster.masters.length, replicas: cluster.size - cluster.masters.length }, mixed, ...throughput, ratios };
  } finally {
    await Promise.all([pair.a.close(), pair.b.close()]);
    await cluster.close();
  }
}

async function runDatabasePhases(ctx) {
  const mixed = await phase(ctx, 'mixed', runMixed);
  const mixedNoCache = await phase(ctx, 'mixedNoCache', runMixedNoCache);
  const { scenarios, ratios, cpuPerRequest } = await phase(ctx, 'throughput', runRatios);
  const history = await phase(ctx, 'history', runHistoryScenario);
  const result = {
    mixed: mixed.summary,
    history,
    hit: scenarios.hit,
    hitWithToken: scenarios.hitWithToken,
    uncached: scenarios.uncached,
    ratios: { hitOverUncached: ratios.hitOverUncached, hitWithTokenOverHit: ratios.hitWithTokenOverHit, uncachedCpuOverFloor: uncachedCpuOverFloor(cpuPerRequest) },
    cpuPerRequest,
    peakRssMb: Math.max(...mixed.rssByInstance.map((i) => i.peakRssMb), mixedNoCache.peakRssMb),
  };
  return withMixedNoCache(result, mixedNoCache);
}

function withMixedNoCache(result, mixedNoCache) {
  const { peakRssMb, ...summary } = mixedNoCache;
  return {
    ...result,
    mixedNoCache: summary,
    ratios: { ...result.ratios, mixedOverNoCache: round(result.mixed.rps / summary.rps, 2) },
    peakRssMb: Math.max(result.peakRssMb ?? 0, peakRssMb),
  };
}

function uncachedCpuOverFloor(cpuPerRequest) {
  return round(cpuPerRequest.uncached.apiUsPerRequest / cpuPerRequest.floor.apiUsPerRequest, 1);
}

/** VmHWM: the most resident memory the process ever had (so peaks between samples count too). */
function peakRssMbOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return round(Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024, 1);
  } catch {
    return 0;
  }
}

async function phase(ctx, name, run) {
  const result = await run(ctx);
  await ctx.observer.snapshot(name);
  return result;
}

/**
 * reminders (issue 18): reminders of many users due in the same minute, fired by the schedulers of
 * both instances and delivered to signed webhook channels on a local receiver (every instance of
 * the bench may call 127.0.0.1 over http: OUTBOUND_ALLOW_* in apiEnv).
 */
async function runRemindersScenario({ a, b }) {
  log(`Scenario reminders: ${PLAN.reminders} reminders of ${PLAN.reminders} users due in one minute, two instances…`);
  return runReminderDelivery({ instances: [a, b], count: PLAN.reminders, log });
}

/** analyticsMiss (`--only analyticsMiss`): the heavy user's analytics misses after each check-in, with the fragments they used. */
async function runAnalyticsMissScenario({ a, data, today, observer }) {
  log(`Scenario analyticsMiss: ${PLAN.analyticsMissRounds} check-ins of the heavy user, each followed by its three analytics reports…`);
  const before = await observer.fragmentCounters();
  const result = await runAnalyticsMiss({ api: a, heavy: data.heavy, today, rounds: PLAN.analyticsMissRounds });
  return { ...result, fragments: fragmentsDuring(before, await observer.fragmentCounters()) };
}

/** Scenarios 6 and 10. */
async function runMixed({ a, b, data, today, observer }) {
  log(`Scenarios 6 + 10: mixed load on two instances for ${PLAN.mixedS} s…`);
  const errorsBefore = await observer.storeErrors();
  const fragmentsBefore = await observer.fragmentCounters();
  const run = await runMixedLoad({ instances: [a, b], users: data.users, today, seconds: PLAN.mixedS, watchPids: [a.pid, b.pid] });
  const summary = {
    ...summarizeMixed(run.samples, run.elapsedMs),
    cacheStoreErrors: (await observer.storeErrors()) - errorsBefore,
    fragments: fragmentsDuring(fragmentsBefore, await observer.fragmentCounters()),
    staleExamples: run.staleExamples,
  };
  return { summary, rssByInstance: run.memory.map((m, i) => ({ instance: [a.name, b.name][i], ...m })) };
}

/** Analytics fragments during mixed: hits, misses and the hit rate (a check-in recomputes one habit's part, the others stay hits). */
function fragmentsDuring(before, after) {
  const hit = after.hit - before.hit;
  const miss = after.miss - before.miss;
  return { hit, miss, hitRate: hit + miss > 0 ? round(hit / (hit + miss), 4) : null };
}

/**
 * mixedNoCache: the same mixed traffic against two more instances on the same database and Redis
 * with CACHE_ENABLED=false (every cached route a BYPASS), so `ratios.mixedOverNoCache` says what
 * the cache buys on real traffic.
 */
async function runMixedNoCache({ data, today, env, children }) {
  log(`Scenario mixedNoCache: the same mixed load with CACHE_ENABLED=false for ${PLAN.mixedS} s…`);
  const pair = await startApis(children, { ...env, CACHE_ENABLED: 'false' }, { profile: false, names: ['api-c', 'api-d'] });
  try {
    const run = await runMixedLoad({ instances: [pair.a, pair.b], users: data.users, today, seconds: PLAN.mixedS, watchPids: [pair.a.pid, pair.b.pid] });
    const peakRssMb = Math.max(...[pair.a, pair.b].map((api) => peakRssMbOf(api.pid)));
    return { ...summarizeMixed(run.samples, run.elapsedMs), peakRssMb };
  } finally {
    await Promise.all([pair.a.close(), pair.b.close()]);
  }
}

/** Scenario 9. */
function runFreeze({ a, b, data, today, redis }) {
  log(`Scenario 9: redis frozen for ${PLAN.freeze.freezeS} s during the mixed load…`);
  return runRedisFreeze({ instances: [a, b], users: data.users, today, redis, ...PLAN.freeze });
}

/** Scenarios 1–4, after checking that the four routes answer the same bytes. */
async function runRatios({ a, redis, data, paths, children, workDir }) {
  const { body, ...equivalence } = await checkEquivalence({ api: a, token: data.heavy.token, paths });
  const personalToken = await createPersonalToken(a, data.heavy.token);
  const problems = equivalence.problems.length ? `; PROBLEMS: ${equivalence.problems.join('; ')}` : '';
  const bare = await startBare(children, { body, workDir });
  log(`Scenarios bare, 1-4: bare Fastify, floor, hit, uncached, stock (${PLAN.connections} connections, ${PLAN.rounds} x ${PLAN.seconds} s), hit body ${equivalence.responseBytes} bytes${problems}`);
  const options = pick(PLAN, 'connections', 'seconds', 'warmupSeconds', 'rounds');
  const { ratios, roundRatios, cpu, cpuRatios, ...scenarios } = await runThroughput({ api: a, bare, redisPid: redis.pid, token: data.heavy.token, personalToken, adminToken: data.admin.token, paths, log, ...options });
  await bare.close();
  return { scenarios, ratios, roundRatios, cpuPerRequest: cpu, cpuRatios, equivalence };
}

/** A read-scope personal access token of the heavy user (hitWithToken: the hit route with it instead of the JWT). */
async function createPersonalToken(api, token) {
  const created = await call(api.port, 'POST', '/api/auth/tokens', { token, body: { name: 'bench', scope: 'read' } });
  if (!created?.secret) throw new Error('could not create a personal access token for hitWithToken');
  return created.secret;
}

/** Scenario notModified: 304 revalidations of the hit route against hits of it. */
function runNotModifiedScenario({ a, data, paths }) {
  log(`Scenario notModified: If-None-Match revalidations vs hits (${PLAN.connections} connections, ${PLAN.rounds} x ${PLAN.seconds} s)…`);
  return runNotModified({ api: a, token: data.heavy.token, path: paths.hit, log, ...pick(PLAN, 'connections', 'seconds', 'warmupSeconds', 'rounds') });
}

/** Scenario 5. */
function runLatencyScenario({ a, data, paths }) {
  log('Scenario 5: latency at concurrency 1…');
  return runLatency({ api: a, token: data.heavy.token, paths, ...pick(PLAN, 'hitCount', 'uncachedCount', 'latencyBatches') });
}

/** Scenario `history`: uncached 30-day compliance with 1 and 10 years behind it. */
function runHistoryScenario({ a, today, database }) {
  log('Scenario history: uncached 30-day compliance with 1 and 10 years of history…');
  return runHistory({ api: a, database, today, count: PLAN.historyCount, batches: PLAN.historyBatches, log });
}

/** Scenario readsDuringWrites: uncached 30-day reads on api-a, alone and beside 100 writes/s through api-b. */
function runReadsDuringWritesScenario({ a, b, data, today }) {
  const { readsPerBatch, batches } = PLAN.readsDuringWrites;
  log(`Scenario readsDuringWrites: ${batches} x ${readsPerBatch} uncached 30-day reads on api-a, without and with 100 writes/s through api-b…`);
  return runReadsDuringWrites({ reader: a, writer: b, readerUser: data.heavy, writerUser: data.users[1], today, readsPerBatch, batches });
}

/** Scenario 8: a range nobody asked for before, so the key is cold. */
function runStampedeScenario({ a, data, today }) {
  log('Scenario 8: stampede…');
  const path = `/api/analytics/compliance?from=${addDays(today, -300)}&to=${addDays(today, -1)}`;
  return runStampede({ api: a, token: data.heavy.token, concurrent: 200, path });
}

/** Scenario 7, last: it leaves a million keys in Redis. */
function runInvalidationScenario({ a, redis, data }) {
  log(`Scenario 7: invalidation with 1 000 and ${PLAN.largeKeys.toLocaleString('en')} other keys…`);
  return runInvalidation({ api: a, redis, admin: data.admin, target: data.users[1], iterations: PLAN.invalidationIterations, largeKeys: PLAN.largeKeys });
}

/** Scenario events: 2,000 change-feed streams on api-a, writes through api-b. */
function runEventsScenario({ a, b, today }) {
  log(`Scenario events: ${PLAN.events.streams} open streams on api-a, ${PLAN.events.writes} writes through api-b…`);
  return runEvents({ a, b, today, log, ...PLAN.events });
}

/** latest.json: the keys first, then the details that explain them. */
function assemble({ scenarios, ratios, roundRatios, cpuPerRequest, cpuRatios, equivalence, notModified, latency, history, readsDuringWrites, mixed, invalidation, stampede, redisFreeze, rssByInstance, observer, data }) {
  const problems = [...equivalence.problems];
  for (const [name, s] of Object.entries(scenarios)) if (s.errors) problems.push(`${name}: ${s.errors} failed requests`);
  if (latency.errors) problems.push(`latency: ${latency.errors} failed requests`);
  problems.push(...notModified.summary.problems.map((problem) => `notModified: ${problem}`));
  if (notModified.summary.errors) problems.push(`notModified: ${notModified.summary.errors} answers that were not 304`);
  if (notModified.fetchSummary.errors) problems.push(`notModifiedFetch: ${notModified.fetchSummary.errors} answers that were not 304 with X-Cache: HIT`);
  if (stampede.errors) problems.push(`stampede: ${stampede.errors} failed requests`);
  if (history.errors) problems.push(`history: ${history.errors} failed requests`);
  if (readsDuringWrites.readErrors || readsDuringWrites.writeErrors) problems.push(`readsDuringWrites: ${readsDuringWrites.readErrors} failed reads, ${readsDuringWrites.writeErrors} failed writes`);
  const notes = QUICK ? [`quick mode: short runs, numbers indicative only; invalidation "1M" measured with ${PLAN.largeKeys} other keys`] : [];
  const result = {
    node: process.version,
    cpus: os.cpus().length,
    quick: QUICK,
    ...scenarios,
    notModified: notModified.summary,
    notModifiedFetch: notModified.fetchSummary,
    ratios: {
      ...ratios,
      notModifiedOverHit: notModified.notModifiedOverHit,
      notModifiedFetchOverHit: notModified.notModifiedFetchOverHit,
      readP99UnderWrites: readsDuringWrites.readP99UnderWrites,
      uncachedCpuOverFloor: uncachedCpuOverFloor(cpuPerRequest),
    },
    latency,
    history,
    readsDuringWrites,
    mixed,
    invalidation,
    stampede,
    redisFreeze,
    peakRssMb: Math.max(...rssByInstance.map((i) => i.peakRssMb)),
    roundRatios,
    cpuPerRequest,
    cpuRatios,
    rssByInstance,
    memoryTimeline: observer.memoryTimeline,
    cacheHealth: observer.cacheHealth,
    circuitReasons: observer.circuitReasons(),
    dataset: { ...data.summary, responseBytes: equivalence.responseBytes },
    settings: { ...PLAN },
    problems,
    notes,
  };
  result.targets = evaluateTargets(result);
  return result;
}

function scenarioPaths(today) {
  const query = `?from=${addDays(today, -364)}&to=${today}`;
  return {
    floor: '/api/bench/floor',
    hit: `/api/analytics/compliance${query}`,
    uncached: `/api/bench/uncached/compliance${query}`,
    stock: `/api/bench/stock/compliance${query}`,
  };
}

/** api-a first (it runs the migrations on the fresh file), then api-b on the same database and Redis. */
/** The V8 flags of `npm run start:prod` (and so of the Dockerfile), so that peak RSS is measured as deployed. */
function deployedNodeArgs() {
  const script = require(path.join(ROOT, 'package.json')).scripts['start:prod'];
  return script.split(/\s+/).filter((word) => word.startsWith('--'));
}

async function startApis(children, env, { profile = CPU_PROF, names = ['api-a', 'api-b'] } = {}) {
  if (profile) mkdirSync(PROFILE_DIR, { recursive: true });
  const nodeArgs = [...deployedNodeArgs(), ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])];
  const a = await startApi(children, { name: names[0], entry: ENTRY, env, nodeArgs });
  const b = await startApi(children, { name: names[1], entry: ENTRY, env, nodeArgs: deployedNodeArgs() });
  return { a, b };
}

function apiEnv(redisUrl, databaseUrl) {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^(CACHE_|RATE_LIMIT_|NODE_OPTIONS$)/.test(name)) delete env[name];
  return {
    ...env,
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-only-secret-bench-only-secret-0123456789',
    REDIS_URL: redisUrl,
    DATABASE_URL: databaseUrl,
    ADMIN_EMAILS: 'bench-admin@bench.test',
    LOG_LEVEL: 'warn',
    SHUTDOWN_GRACE_MS: '2000',
    // Tokens are issued once at seeding; a full run (both databases) outlasts the default 15 minutes.
    JWT_EXPIRES_IN: '12h',
    // The load comes from one IP and a few users: keep the rate limits out of the measurement.
    RATE_LIMIT_PER_USER: '1000000000',
    RATE_LIMIT_LOGIN_PER_IP: '1000000',
    RATE_LIMIT_REGISTER_PER_IP: '1000000',
    // The reminders scenario's receiver listens on 127.0.0.1 over http; any instance may send.
    OUTBOUND_ALLOW_PRIVATE: 'true',
    OUTBOUND_ALLOW_HTTP: 'true',
  };
}

/** Compiles bench/app (and src/ with it) into dist-bench/ when the output is missing or a source is newer. */
function buildIfNeeded() {
  const sources = [path.join(ROOT, 'src'), path.join(ROOT, 'bench', 'app')];
  const configs = ['tsconfig.json', 'bench/tsconfig.json', 'package-lock.json'].map((file) => path.join(ROOT, file));
  const newest = Math.max(...sources.map(newestMtime), ...configs.filter(existsSync).map((file) => statSync(file).mtimeMs));
  if (existsSync(ENTRY) && statSync(ENTRY).mtimeMs >= newest) return;
  log('Building the bench app (tsc -p bench/tsconfig.json)…');
  rmSync(path.join(ROOT, 'dist-bench'), { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  const build = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'bench', 'tsconfig.json')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('bench build failed (tsc -p bench/tsconfig.json)');
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function machine({ loadBefore, loadAfter }) {
  let redisVersion = 'unknown';
  try {
    redisVersion = /v=(\S+)/.exec(execFileSync('redis-server', ['--version']).toString())?.[1] ?? redisVersion;
  } catch {
    // reported as unknown
  }
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
    platform: `${os.platform()} ${os.release()}`,
    redis: redisVersion,
    // 1-minute load average before and after: above the CPU count, other work shared the machine.
    loadAverage: { before: round(loadBefore, 2), after: round(loadAfter, 2) },
  };
}

/** The commit measured, and whether src/ or bench/ had uncommitted changes (read-only git commands). */
function sourceVersion() {
  try {
    const git = (...gitArgs) => execFileSync('git', gitArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return { commit: git('rev-parse', 'HEAD'), uncommittedChanges: git('status', '--porcelain', '--', 'src', 'bench/app').length > 0 };
  } catch {
    return { commit: 'unknown', uncommittedChanges: null };
  }
}

function pick(object, ...keys) {
  return Object.fromEntries(keys.map((key) => [key, object[key]]));
}

function installSignalHandlers(children) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      log(`\n${signal}: stopping child processes…`);
      children.stopAll().finally(() => process.exit(130));
    });
  }
}

// Exit explicitly: a Redis client or socket left open by a failed scenario must not keep the harness alive.
main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
