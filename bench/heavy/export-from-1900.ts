/**
 * GET /api/export/loop and GET /api/export of 100 daily habits started 1900-01-01 with one record each:
 * peak RSS of the process and /health latency while each export streams. Run:
 * `npx ts-node --transpile-only bench/heavy/export-from-1900.ts [sqlite|postgres]`.
 */
import { performance } from 'node:perf_hooks';
import { startTestApp } from '../../test/support/test-app';
import { percentile, Probe, register } from './heavy-support';

async function exportOnce(url: string, path: string, headers: Record<string, string>): Promise<Record<string, number>> {
  const probe = new Probe(url, null, 0);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  probe.start();
  const started = performance.now();
  const response = await fetch(`${url}${path}`, { headers });
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  const elapsed = performance.now() - started;
  await probe.stop();
  clearInterval(sampler);
  return {
    status: response.status, bytes, ms: Math.round(elapsed), peakRssMb: Math.round(peakRss / 1024 / 1024),
    healthCount: probe.health.length, healthP50: percentile(probe.health, 50), healthP99: percentile(probe.health, 99), healthMax: percentile(probe.health, 100),
  };
}

async function main(): Promise<void> {
  const kind = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
  const testApp = await startTestApp({ database: kind });
  await testApp.app.listen(0, '127.0.0.1');
  const url = await testApp.app.getUrl();
  const user = await register(url);
  for (let i = 0; i < 100; i++) {
    const habit = (await (await fetch(`${url}/api/habits`, { method: 'POST', headers: user.headers, body: JSON.stringify({ name: `Habit ${i}`, schedule: { type: 'daily' }, startDate: '1900-01-01' }) })).json()) as { id: number };
    await fetch(`${url}/api/habits/${habit.id}/records/1900-01-01`, { method: 'PUT', headers: user.headers, body: JSON.stringify({ status: 'done' }) });
  }
  global.gc?.();
  const baseline = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const loop = await exportOnce(url, '/api/export/loop', user.headers);
  const json = await exportOnce(url, '/api/export', user.headers);
  console.log(JSON.stringify({ database: kind, baselineRssMb: baseline, loop, json }, null, 1));
  await testApp.close();
}

void main().then(() => process.exit(0));
