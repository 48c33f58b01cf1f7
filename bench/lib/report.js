'use strict';

/** The targets of the benchmark issue; `value(result)` picks the number, `ok(value)` says if it is met. */
const TARGETS = [
  { name: 'ratios.hitOverFloor', target: '>= 0.85', value: (r) => r.ratios.hitOverFloor, ok: (v) => v >= 0.85 },
  { name: 'ratios.hitOverUncached', target: '>= 20', value: (r) => r.ratios.hitOverUncached, ok: (v) => v >= 20 },
  { name: 'ratios.hitWithTokenOverHit', target: '>= 0.9', value: (r) => r.ratios.hitWithTokenOverHit, ok: (v) => v >= 0.9 },
  { name: 'ratios.hitOverStock', target: '>= 2', value: (r) => r.ratios.hitOverStock, ok: (v) => v >= 2 },
  { name: 'ratios.hitCpuOverBare', target: '<= 4', value: (r) => r.ratios.hitCpuOverBare, ok: (v) => v <= 4 },
  { name: 'notModified.bodyBytes', target: '= 0', value: (r) => r.notModified.bodyBytes, ok: (v) => v === 0 },
  { name: 'ratios.notModifiedOverHit', target: '>= 1', value: (r) => r.ratios.notModifiedOverHit, ok: (v) => v >= 1 },
  { name: 'notModifiedFetch.errors', target: '= 0', value: (r) => r.notModifiedFetch.errors, ok: (v) => v === 0 },
  { name: 'ratios.notModifiedFetchOverHit', target: '>= 1', value: (r) => r.ratios.notModifiedFetchOverHit, ok: (v) => v >= 1 },
  { name: 'ratios.readP99UnderWrites', target: '<= 2', value: (r) => r.ratios.readP99UnderWrites, ok: (v) => v <= 2 },
  { name: 'ratios.uncachedCpuOverFloor', target: '<= 80', value: (r) => r.ratios.uncachedCpuOverFloor, ok: (v) => v <= 80 },
  { name: 'mixed.errors', target: '= 0', value: (r) => r.mixed.errors, ok: (v) => v === 0 },
  { name: 'mixed.staleReads', target: '= 0', value: (r) => r.mixed.staleReads, ok: (v) => v === 0 },
  { name: 'mixed.hitRate', target: '>= 0.8', value: (r) => r.mixed.hitRate, ok: (v) => v >= 0.8 },
  { name: 'ratios.mixedOverNoCache', target: '>= 4', value: (r) => r.ratios.mixedOverNoCache, ok: (v) => v >= 4 },
  { name: 'invalidation.ratio', target: '<= 2', value: (r) => r.invalidation.ratio, ok: (v) => v <= 2 },
  { name: 'invalidation.commandsPerInvalidation', target: '<= 4', value: (r) => r.invalidation.commandsPerInvalidation, ok: (v) => v <= 4 },
  { name: 'stampede.handlerRuns', target: '= 1', value: (r) => r.stampede.handlerRuns, ok: (v) => v === 1 },
  { name: 'redisFreeze.errors', target: '= 0', value: (r) => r.redisFreeze.errors, ok: (v) => v === 0 },
  { name: 'redisFreeze.recoverySeconds', target: '<= 5', value: (r) => r.redisFreeze.recoverySeconds, ok: (v) => v !== null && v <= 5 },
  { name: 'peakRssMb', target: '<= 250', value: (r) => r.peakRssMb, ok: (v) => v <= 250 },
  { name: 'events.streams', target: '>= 2000', value: (r) => r.events?.streams, ok: (v) => v >= 2000 },
  { name: 'events.p99Ms', target: '<= 250', value: (r) => r.events?.p99Ms, ok: (v) => v <= 250 },
  { name: 'events.rssPerStreamKb', target: '<= 20', value: (r) => r.events?.rssPerStreamKb, ok: (v) => v <= 20 },
  { name: 'events.missed', target: '= 0', value: (r) => r.events?.missed, ok: (v) => v === 0 },
  { name: 'reminders.p99Ms', target: '<= 10000', value: (r) => r.reminders?.p99Ms, ok: (v) => v <= 10_000 },
  { name: 'reminders.missed', target: '= 0', value: (r) => r.reminders?.missed, ok: (v) => v === 0 },
  { name: 'reminders.duplicates', target: '= 0', value: (r) => r.reminders?.duplicates, ok: (v) => v === 0 },
  { name: 'history.growth', target: '<= 1.5', value: (r) => r.history?.growth, ok: (v) => v <= 1.5 },
  { name: 'cluster.mixed.errors', target: '= 0', value: (r) => r.cluster?.mixed.errors, ok: (v) => v === 0 },
  { name: 'cluster.mixed.staleReads', target: '= 0', value: (r) => r.cluster?.mixed.staleReads, ok: (v) => v === 0 },
  { name: 'postgres.mixed.errors', target: '= 0', value: (r) => r.postgres?.mixed.errors, ok: (v) => v === 0 },
  { name: 'postgres.mixed.staleReads', target: '= 0', value: (r) => r.postgres?.mixed.staleReads, ok: (v) => v === 0 },
  { name: 'postgres.ratios.uncachedCpuOverFloor', target: '<= 80', value: (r) => r.postgres?.ratios.uncachedCpuOverFloor, ok: (v) => v <= 80 },
  { name: 'postgres.history.growth', target: '<= 1.5', value: (r) => r.postgres?.history?.growth, ok: (v) => v <= 1.5 },
];

function phase(result, name) {
  return result.cacheHealth.find((entry) => entry.phase === name) ?? {};
}

function loopDelay(result, name) {
  const entry = result.memoryTimeline.find((e) => e.phase === name) ?? {};
  return ['api-a', 'api-b']
    .map((api) => entry[api]?.eventLoopDelayMs)
    .map((d) => (d ? `${d.p99} / ${d.max}` : '-'))
    .join('; ');
}

function evaluateTargets(result) {
  return Object.fromEntries(
    TARGETS.map((t) => {
      const value = valueOf(t, result);
      return [t.name, { value, target: t.target, met: value !== undefined && value !== null && t.ok(value) }];
    }),
  );
}

/** A figure the run did not produce (e.g. no PostgreSQL pass) is undefined, so its target is unmet. */
function valueOf(target, result) {
  try {
    return target.value(result);
  } catch {
    return undefined;
  }
}

/** The readable summary printed at the end (also the table docs/performance.md quotes). */
function renderTable(result) {
  const lines = [];
  const cell = (v) => (v === null || v === undefined ? '-' : String(v));
  const row = (cells, widths) => `| ${cells.map((c, i) => cell(c).padEnd(widths[i])).join(' | ')} |`;
  const table = (header, rows) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => cell(r[i]).length)));
    lines.push(row(header, widths), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map((r) => row(r, widths)));
    lines.push('');
  };
  const mode = result.quick ? 'QUICK (indicative only)' : 'full';
  const load = result.machine.loadAverage;
  lines.push(
    `Node ${result.node}, ${result.cpus} CPUs (${result.machine.cpuModel}), Redis ${result.machine.redis}, ${mode} run, ` +
      `${result.settings.connections} connections, load average ${load.before} before / ${load.after} after`,
    '',
  );
  table(
    ['scenario', 'rps', 'p50 ms', 'p99 ms', 'errors', 'API CPU µs/req', 'Redis CPU µs/req'],
    ['bare', 'floor', 'hit', 'hitWithToken', 'uncached', 'stock'].map((name) => [
      name,
      result[name].rps,
      result[name].p50Ms,
      result[name].p99Ms,
      result[name].errors,
      result.cpuPerRequest[name].apiUsPerRequest,
      result.cpuPerRequest[name].redisUsPerRequest,
    ]),
  );
  table(
    ['measure', 'value', 'target', 'met'],
    Object.entries(result.targets).map(([name, t]) => [name, t.value, t.target, t.met ? 'yes' : 'NO']),
  );
  const m = result.mixed;
  const f = result.redisFreeze;
  const inv = result.invalidation;
  table(
    ['detail', 'value'],
    [
      ['latency p50 uncached / hit (ms, concurrency 1)', `${result.latency.uncachedP50Ms} / ${result.latency.hitP50Ms}`],
      ['latency p50 floor (ms, concurrency 1) and its reduction', `${result.latency.floorP50Ms} (${result.latency.floorReductionPct} %)`],
      ['latency p50 floor + one Redis GET (ms, concurrency 1)', result.latency.floorPlusOneGetP50Ms],
      ['ratios from API CPU µs per request: hit/floor, hit/uncached, hit/stock', `${result.cpuRatios.hitOverFloor}, ${result.cpuRatios.hitOverUncached}, ${result.cpuRatios.hitOverStock}`],
      ['per-round hit/floor', result.roundRatios.hitOverFloor.join(' ')],
      ['per-round hit/stock', result.roundRatios.hitOverStock.join(' ')],
      ['cache-store errors during scenarios 1-4 (uncached run)', `${result.uncached.cacheStoreErrors} (circuit opened ${phase(result, 'throughput').circuitOpened}, epoch replaced ${phase(result, 'throughput').epochReplaced})`],
      ['mixed rps / p99 ms / hit rate', `${m.rps} / ${m.p99Ms} / ${m.hitRate}`],
      ['mixed requests / writes / freshness checks', `${m.requests} / ${m.writes} / ${m.freshnessChecks}`],
      ['mixed analytics fragments hit / miss / hit rate', m.fragments ? `${m.fragments.hit} / ${m.fragments.miss} / ${m.fragments.hitRate}` : '-'],
      ['mixed cache-store errors / circuit opened / epoch replaced', `${m.cacheStoreErrors} / ${phase(result, 'mixed').circuitOpened} / ${phase(result, 'mixed').epochReplaced}`],
      ['mixed event-loop delay p99 / max ms (api-a; api-b)', loopDelay(result, 'mixed')],
      ['invalidation p50 ms 1k / large', `${inv.p50Ms1k} / ${inv.p50Ms1M}`],
      ['invalidation p99 ms 1k / large', `${inv.p99Ms1k} / ${inv.p99Ms1M}`],
      ['invalidation other keys (large)', inv.otherKeysLarge],
      ['stampede X-Cache', JSON.stringify(result.stampede.xCache)],
      ['redisFreeze p99 ms during freeze / freeze s', `${f.p99MsDuringFreeze} / ${f.freezeSeconds}`],
      ['redisFreeze hit rate before / recovery s', `${f.hitRateBefore} / ${f.recoverySeconds}`],
      ['peak RSS MB per API instance (mixed)', result.rssByInstance.map((i) => i.peakRssMb).join(' / ')],
      ['mixed without cache rps / hit rate (all BYPASS)', result.mixedNoCache ? `${result.mixedNoCache.rps} / ${result.mixedNoCache.hitRate}` : '-'],
      ...postgresRows(result.postgres),
      ...clusterRows(result.cluster),
      ['hit response bytes', result.dataset.responseBytes],
      ['reminders p50 / p99 ms, delivered of due, missed, duplicates, CPU of both instances', result.reminders ? `${result.reminders.p50Ms} / ${result.reminders.p99Ms}, ${result.reminders.delivered} of ${result.reminders.reminders}, ${result.reminders.missed}, ${result.reminders.duplicates}, ${result.reminders.instanceCpuShare}` : '-'],
      ['events p50 / max ms, deliveries, missed, RSS MB before / after streams', result.events ? `${result.events.p50Ms} / ${result.events.maxMs}, ${result.events.deliveries}, ${result.events.missed}, ${result.events.rssBeforeMb} / ${result.events.rssAfterMb}` : '-'],
      ['notModified rps / hit rps (same phase) / per-round ratio', `${result.notModified.rps} / ${result.notModified.hitRps} / ${result.notModified.roundsRatio.join(' ')}`],
      ['notModifiedFetch rps / per-round ratio to hits', `${result.notModifiedFetch.rps} / ${result.notModifiedFetch.roundsRatio.join(' ')}`],
      ...historyRows(result.history),
      ...readsDuringWritesRows(result.readsDuringWrites),
    ],
  );
  if (result.problems.length) lines.push('Problems:', ...result.problems.map((p) => `  - ${p}`), '');
  if (result.notes.length) lines.push('Notes:', ...result.notes.map((n) => `  - ${n}`), '');
  return lines.join('\n');
}

/** The `history` scenario's details (also printed alone by `--only history`). */
function historyRows(h) {
  if (!h) return [];
  return [
    ['history p50 ms 1 y / 10 y (uncached 30-day compliance) and growth', `${h.p50Ms1y} / ${h.p50Ms10y} (${h.growth})`],
    ['history p99 ms 1 y / 10 y; first read (full walk) ms 1 y / 10 y', `${h.p99Ms1y} / ${h.p99Ms10y}; ${h.coldMs1y} / ${h.coldMs10y}`],
    ['history records 1 y / 10 y', `${h.records1y} / ${h.records10y}`],
  ];
}

function readsDuringWritesRows(w) {
  if (!w) return [];
  return [
    ['readsDuringWrites p50 / p99 ms without writer; with writer', `${w.quietP50Ms} / ${w.quietP99Ms}; ${w.busyP50Ms} / ${w.busyP99Ms}`],
    ['readsDuringWrites writes committed / per second / errors', `${w.writesCommitted} / ${w.writesPerSecond} / ${w.writeErrors}`],
  ];
}

function clusterRows(c) {
  if (!c) return [];
  return [
    ['cluster mixed rps / hit rate / errors / stale reads', `${c.mixed.rps} / ${c.mixed.hitRate} / ${c.mixed.errors} / ${c.mixed.staleReads}`],
    ['cluster hit / floor rps, hit over floor, mixed over single Redis', `${c.hit.rps} / ${c.floor.rps}, ${c.ratios.hitOverFloor}, ${c.ratios.mixedOverSingle}`],
  ];
}

function postgresRows(pg) {
  if (!pg) return [];
  return [
    ['postgres mixed rps / hit rate / errors / stale reads', `${pg.mixed.rps} / ${pg.mixed.hitRate} / ${pg.mixed.errors} / ${pg.mixed.staleReads}`],
    ['postgres mixed over no-cache, uncached CPU over floor', `${pg.ratios.mixedOverNoCache}, ${pg.ratios.uncachedCpuOverFloor}`],
    ['postgres history p50 ms 1y / 10y (growth)', pg.history ? `${pg.history.p50Ms1y} / ${pg.history.p50Ms10y} (${pg.history.growth})` : '-'],
    ['postgres peak RSS MB', pg.peakRssMb],
  ];
}

module.exports = { evaluateTargets, renderTable, historyRows };
