import { DataSource, EntityManager } from 'typeorm';
import type { SqliteConnectionOptions } from 'typeorm/driver/sqlite/SqliteConnectionOptions';
import { installBoundedBusyRetry } from './sqlite-busy-retry';
import { SqliteTransactionGate } from './sqlite-transaction-gate';

/**
 * Read snapshots on SQLite, beside the writes: a second connection to the same file (WAL), where
 * each snapshot is a deferred read transaction (`BEGIN`, no write lock). In WAL mode a reader sees
 * the database as of its first read and never waits for a writer, nor a writer for it; the write
 * connection and its gate (BEGIN IMMEDIATE, one transaction at a time) are left to the writes.
 * The connection is query_only: a write sent through a snapshot fails instead of slipping past the
 * gate. Snapshots run one at a time on this connection (its own gate). An in-memory database has
 * no second connection: the caller keeps its snapshots on the write connection.
 */
export class SqliteSnapshotReader {
  private readonly gate: SqliteTransactionGate;

  private constructor(
    private readonly dataSource: DataSource,
    waitMs: number,
  ) {
    this.gate = new SqliteTransactionGate(waitMs);
    this.gate.install(dataSource.driver.createQueryRunner('slave'));
  }

  /** Opens the read connection beside `writes`, or null when the database is in memory. */
  static async open(writes: DataSource, lockTimeoutMs: number): Promise<SqliteSnapshotReader | null> {
    const options = writes.options as SqliteConnectionOptions;
    if (options.database === ':memory:') return null;
    const reads = new DataSource({ ...options, name: 'sqlite-snapshot-reads', migrationsRun: false, synchronize: false, busyTimeout: lockTimeoutMs });
    await reads.initialize();
    // The two connections are one database to whoever observes it: the app's subscribers (and a
    // test's query counter) see the snapshot reads too.
    Object.assign(reads, { subscribers: writes.subscribers });
    await reads.query('PRAGMA busy_timeout = 0');
    await reads.query('PRAGMA query_only = ON');
    installBoundedBusyRetry(reads, lockTimeoutMs, { beginImmediate: false });
    return new SqliteSnapshotReader(reads, lockTimeoutMs);
  }

  /** `work` in one deferred read transaction: one consistent view of the file, taken at its first read. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.gate.run(() => this.dataSource.transaction(work));
  }

  close(): Promise<void> {
    return this.dataSource.isInitialized ? this.dataSource.destroy() : Promise.resolve();
  }
}
