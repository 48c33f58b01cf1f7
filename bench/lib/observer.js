'use strict';

const { call, request } = require('./http');
const { memoryOf } = require('./processes');
const { round } = require('./stats');

/**
 * Notes, after each phase of the run, what the two API processes went through: RSS and its
 * high-water mark, V8 heap, event-loop delay during the phase (bench route /api/bench/process),
 * and the cache store's circuit openings and epoch replacements (counted from its log warnings).
 */
class PhaseObserver {
  constructor(apis) {
    this.apis = apis;
    this.adminToken = null;
    this.memoryTimeline = [];
    this.cacheHealth = [];
    this.lastEvents = { circuitOpened: 0, epochReplaced: 0 };
  }

  async snapshot(phase) {
    const entry = { phase };
    for (const api of this.apis) {
      const memory = memoryOf(api.pid);
      const stats = this.adminToken ? await call(api.port, 'GET', '/api/bench/process', { token: this.adminToken }) : null;
      entry[api.name] = {
        rssMb: round(memory.rssMb, 1),
        hwmMb: round(memory.hwmMb, 1),
        ...(stats ? { heapTotalMb: stats.memoryMb.heapTotal, heapUsedMb: stats.memoryMb.heapUsed, eventLoopDelayMs: stats.eventLoopDelayMs } : {}),
      };
    }
    this.memoryTimeline.push(entry);
    const events = { circuitOpened: 0, epochReplaced: 0 };
    for (const api of this.apis) for (const name of Object.keys(events)) events[name] += api.child.logEvents[name];
    this.cacheHealth.push({
      phase,
      circuitOpened: events.circuitOpened - this.lastEvents.circuitOpened,
      epochReplaced: events.epochReplaced - this.lastEvents.epochReplaced,
    });
    this.lastEvents = events;
  }

  /** The first few reasons the cache store gave for opening its circuit, per process. */
  circuitReasons() {
    return Object.fromEntries(this.apis.map((api) => [api.name, api.child.logEvents.firstReasons]));
  }

  /** Analytics fragments served from the cache (hit) or computed (miss), summed over both processes (GET /metrics). */
  async fragmentCounters() {
    const pages = await Promise.all(this.apis.map((api) => request(api.port, 'GET', '/metrics')));
    const count = (text, outcome) => Number(new RegExp(`^cache_fragments_total\\{outcome="${outcome}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return {
      hit: pages.reduce((sum, page) => sum + count(page.text, 'hit'), 0),
      miss: pages.reduce((sum, page) => sum + count(page.text, 'miss'), 0),
    };
  }

  /** Sum of the cache-store error counters (GET /api/admin/cache/stats) of both processes. */
  async storeErrors() {
    const stats = await Promise.all(this.apis.map((api) => call(api.port, 'GET', '/api/admin/cache/stats', { token: this.adminToken })));
    return stats.reduce((sum, s) => sum + s.errors, 0);
  }
}

module.exports = { PhaseObserver };
