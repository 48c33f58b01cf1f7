import { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';

/** Helpers shared by the operations suites (test/ops/*.e2e-spec.ts). */

/** Every row of every table (entities and the migrations table), rows in a stable order. */
export async function dumpDatabase(dataSource: DataSource): Promise<Record<string, string[]>> {
  const tables = [...dataSource.entityMetadatas.map((entity) => entity.tableName), 'migrations'].sort();
  const dump: Record<string, string[]> = {};
  for (const table of tables) {
    const rows: unknown[] = await dataSource.query(`SELECT * FROM ${dataSource.driver.escape(table)}`);
    dump[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return dump;
}

/** A pino destination that keeps every line written to it. */
export class LogCapture extends Writable {
  private readonly chunks: string[] = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk.toString());
    done();
  }

  get text(): string {
    return this.chunks.join('');
  }

  /** Every line, parsed. */
  get lines(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** The one-per-request lines. */
  get requests(): Record<string, unknown>[] {
    return this.lines.filter((line) => line.msg === 'request completed' || line.msg === 'request failed');
  }
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function inPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  });
  await Promise.all(workers);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 10 ms until it holds (a test waits for what it needs, not for a fixed time); fails after `timeoutMs`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

/** A made-up client address, so that each test has rate-limit buckets of its own. */
let lastAddress = 0;
export function freshAddress(): string {
  lastAddress += 1;
  return `198.51.${Math.floor(lastAddress / 250) % 250}.${(lastAddress % 250) + 1}`;
}
