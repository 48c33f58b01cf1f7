'use strict';

const http = require('node:http');
const { msSince } = require('./stats');

/** One shared keep-alive pool for the harness' own requests (load tools bring their own). */
const sharedAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * One HTTP request to 127.0.0.1. Never rejects: a network error or a timeout answers status 0.
 * Resolves { status, headers, text, ms, error }.
 */
function request(port, method, path, { token, body, headers = {}, agent = sharedAgent, timeoutMs = 10_000 } = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const allHeaders = { ...headers };
    if (token) allHeaders.authorization = `Bearer ${token}`;
    if (payload !== undefined) {
      allHeaders['content-type'] = 'application/json';
      allHeaders['content-length'] = Buffer.byteLength(payload);
    }
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      resolve({ headers: {}, text: '', error: null, ...result, ms: msSince(started) });
    };
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: allHeaders }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => finish({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => finish({ status: 0, error }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on('error', (error) => finish({ status: 0, error }));
    req.end(payload);
  });
}

/** Like request(), but throws unless the status is one of `expected`; returns the parsed JSON body (or null). */
async function call(port, method, path, options = {}, expected = [200, 201, 204]) {
  const res = await request(port, method, path, options);
  if (!expected.includes(res.status)) {
    const cause = res.error ? res.error.message : res.text.slice(0, 300);
    throw new Error(`${method} ${path} answered ${res.status}: ${cause}`);
  }
  return res.text ? JSON.parse(res.text) : null;
}

module.exports = { request, call, sharedAgent };
