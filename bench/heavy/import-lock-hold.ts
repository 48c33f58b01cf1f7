/**
 * The longest hold of SQLite's write lock (one transaction, BEGIN to COMMIT) while importing a 10-year,
 * 20-habit account (our JSON export, 73,000 records, gzip-encoded), with another user writing records and
 * /health probed all along. Run: `npx ts-node --transpile-only bench/heavy/import-lock-hold.ts [sqlite|postgres]`.
 */
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { startTestApp } from '../../test/support/test-app';
import { account, percentile, Probe, register } from './heavy-support';

async function main(): Promise<void> {
  const kind = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
  const testApp = await startTestApp({ database: kind });
  await testApp.app.listen(0, '127.0.0.1');
  const url = await testApp.app.getUrl();
  const holds: number[] = [];
  const dataSource = testApp.app.get(DataSource);
  const transaction = dataSource.transaction.bind(dataSource) as (...args: unknown[]) => Promise<unknown>;
  (dataSource as unknown as { transaction: unknown }).transaction = async (...args: unknown[]) => {
    const started = performance.now();
    try {
      return await transaction(...args);
    } finally {
      holds.push(performance.now() - started);
    }
  };
  const importer = await register(url);
  const other = await register(url);
  const habit = (await (await fetch(`${url}/api/habits`, { method: 'POST', headers: other.headers, body: JSON.stringify({ name: 'Walk', schedule: { type: 'daily' }, startDate: '2000-01-01' }) })).json()) as { id: number };
  const body = gzipSync(JSON.stringify(account(20, 3650)));
  const probe = new Probe(url, other, habit.id);
  probe.start();
  const started = performance.now();
  const response = await fetch(`${url}/api/import`, { method: 'POST', headers: { ...importer.headers, 'content-encoding': 'gzip' }, body });
  const elapsed = performance.now() - started;
  const summary = await response.text();
  await probe.stop();
  holds.sort((a, b) => b - a);
  console.log(JSON.stringify({
    database: kind,
    importStatus: response.status,
    summary: summary.slice(0, 200),
    importMs: Math.round(elapsed),
    gzipBytes: body.length,
    longestTransactionsMs: holds.slice(0, 5).map((ms) => Math.round(ms)),
    otherUserWrites: probe.writeStatuses(),
    healthMs: { count: probe.health.length, p50: percentile(probe.health, 50), p99: percentile(probe.health, 99), max: percentile(probe.health, 100) },
  }, null, 1));
  await testApp.close();
}

void main().then(() => process.exit(0));
