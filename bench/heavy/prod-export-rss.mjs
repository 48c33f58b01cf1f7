// Peak RSS (from /proc) of a production build (`node dist/main.js`, start:prod's flags) during GET /api/export/loop and
// GET /api/export of 100 daily habits started 1900-01-01 with one record each, and /health latency meanwhile; then the
// same server importing a 10-year, 20-habit account (gzip) while another user writes.
// Run after `npx nest build`: node bench/heavy/prod-export-rss.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

const port = 3900 + Math.floor(Math.random() * 90);
const url = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(join(tmpdir(), 'heavy-bench-'));
const server = spawn('node', ['--max-old-space-size=192', '--max-semi-space-size=8', 'dist/main.js'], {
  env: { ...process.env, PORT: String(port), DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-01', LOG_LEVEL: 'error', NODE_ENV: 'development', RATE_LIMIT_PER_USER: '1000000000', RATE_LIMIT_REGISTER_PER_IP: '1000', RATE_LIMIT_LOGIN_PER_IP: '1000' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const rssMb = () => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
for (let i = 0; ; i++) { try { if ((await fetch(`${url}/health`)).ok) break; } catch {} await sleep(200); if (i > 150) throw new Error('no server'); }

async function register() {
  const email = `b${Math.random().toString(36).slice(2)}@example.test`;
  const body = JSON.stringify({ email, password: 'correct horse battery' });
  await fetch(`${url}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const { accessToken } = await (await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json();
  return { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
}
const pct = (v, p) => { const s = [...v].sort((a, b) => a - b); return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] * 10) / 10; };

async function during(work, otherWrite) {
  const health = []; const statuses = {}; let running = true; let peak = rssMb();
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 20);
  const healthLoop = (async () => { while (running) { const t = performance.now(); await (await fetch(`${url}/health`)).text(); health.push(performance.now() - t); await sleep(20); } })();
  const writeLoop = (async () => { for (let d = 0; running && otherWrite; d++) { const r = await otherWrite(d); statuses[r] = (statuses[r] ?? 0) + 1; } })();
  const t = performance.now(); const result = await work(); const ms = Math.round(performance.now() - t);
  running = false; await Promise.all([healthLoop, writeLoop]); clearInterval(sampler);
  return { ...result, ms, peakRssMb: peak, otherWrites: statuses, health: { n: health.length, p50: pct(health, 50), p99: pct(health, 99), max: pct(health, 100) } };
}

const user = await register();
for (let i = 0; i < 100; i++) {
  const habit = await (await fetch(`${url}/api/habits`, { method: 'POST', headers: user, body: JSON.stringify({ name: `Habit ${i}`, schedule: { type: 'daily' }, startDate: '1900-01-01' }) })).json();
  await fetch(`${url}/api/habits/${habit.id}/records/1900-01-01`, { method: 'PUT', headers: user, body: JSON.stringify({ status: 'done' }) });
}
const idleRssMb = rssMb();
const download = (path) => async () => { const r = await fetch(`${url}${path}`, { headers: user }); let bytes = 0; for await (const c of r.body) bytes += c.length; return { status: r.status, bytes }; };
const loop = await during(download('/api/export/loop'));
const json = await during(download('/api/export'));

const importer = await register(); const other = await register();
const walk = await (await fetch(`${url}/api/habits`, { method: 'POST', headers: other, body: JSON.stringify({ name: 'Walk', schedule: { type: 'daily' }, startDate: '2000-01-01' }) })).json();
const end = Date.UTC(2025, 11, 31); const days = 3650;
const dates = Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * 86400000).toISOString().slice(0, 10));
const doc = { format: 'habit-tracker-export', version: 1, categories: [], habits: Array.from({ length: 20 }, (_, i) => ({ id: i + 1, name: `H${i}`, schedule: { type: 'daily' }, kind: 'boolean', target: 1, startDate: dates[0], archived: false })), records: Array.from({ length: 20 }, (_, h) => dates.map((date) => ({ habitId: h + 1, date, status: 'done', value: 1, note: null }))).flat() };
const body = gzipSync(JSON.stringify(doc));
const imported = await during(async () => { const r = await fetch(`${url}/api/import`, { method: 'POST', headers: { ...importer, 'content-encoding': 'gzip' }, body }); return { status: r.status, summary: await r.text() }; },
  async (d) => (await fetch(`${url}/api/habits/${walk.id}/records/${new Date(Date.UTC(2000, 0, 1) + d * 86400000).toISOString().slice(0, 10)}`, { method: 'PUT', headers: other, body: JSON.stringify({ status: 'done' }) })).status);
console.log(JSON.stringify({ idleRssMb, loop, json, import: imported }, null, 1));
server.kill('SIGTERM');
