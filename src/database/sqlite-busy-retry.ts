import type { DataSource, QueryRunner } from 'typeorm';

const RETRY_EVERY_MS = 20;
const BUSY = /SQLITE_BUSY/;

/**
 * SQLite's own busy timeout cannot be used: while the driver's worker thread waits in SQLite's
 * busy handler it holds the connection's mutex, and the event loop blocks on it as soon as it
 * touches the connection (every request stalled, /health included, while another process held a
 * write lock). So the driver gives up at once (busy_timeout 0) and the shared query runner retries
 * here on timers, until `timeoutMs` has passed: then SQLITE_BUSY reaches the caller (a 503).
 * A transaction takes the write lock when it begins (BEGIN IMMEDIATE), so only statements that
 * hold nothing yet are retried: the BEGIN itself, COMMIT, and statements outside a transaction.
 * The snapshot-read connection (SqliteSnapshotReader) keeps its BEGIN deferred (`beginImmediate`
 * false): its transactions only read, and a read in WAL mode holds no lock a writer waits for.
 */
export function installBoundedBusyRetry(dataSource: DataSource, timeoutMs: number, { beginImmediate = true } = {}): void {
  // The sqlite driver hands every caller the same query runner.
  const runner: QueryRunner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner);
  runner.query = (async (sql: string, parameters?: unknown[], structured?: boolean) => {
    const statement = beginImmediate && sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await query(statement, parameters, structured as true);
      } catch (error) {
        if (!isBusy(error) || Date.now() + RETRY_EVERY_MS > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_EVERY_MS));
      }
    }
  }) as QueryRunner['query'];
}

function isBusy(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return BUSY.test(message);
}
