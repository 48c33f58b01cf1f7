'use strict';

const http = require('node:http');
const { call, request } = require('./http');

/**
 * Scenario 8: `concurrent` requests at once, each on its own connection, for one cached key that
 * nobody asked for before (a range used nowhere else), on one instance. The bench app counts the
 * runs of the real AnalyticsService.compliance; the difference is how often the handler ran.
 */
async function runStampede({ api, token, path, concurrent }) {
  const before = await call(api.port, 'GET', '/api/bench/handler-runs', { token });
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const responses = await Promise.all(Array.from({ length: concurrent }, () => request(api.port, 'GET', path, { token, agent })));
  agent.destroy();
  const after = await call(api.port, 'GET', '/api/bench/handler-runs', { token });
  const xCache = {};
  for (const res of responses) {
    const key = res.status === 200 ? (res.headers['x-cache'] ?? 'none') : `status ${res.status}`;
    xCache[key] = (xCache[key] ?? 0) + 1;
  }
  const bodies = new Set(responses.filter((res) => res.status === 200).map((res) => res.text));
  return {
    concurrent,
    handlerRuns: after.compliance - before.compliance,
    errors: responses.filter((res) => res.status !== 200).length,
    xCache,
    distinctBodies: bodies.size,
  };
}

module.exports = { runStampede };
