import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { SqliteSnapshotReader } from './sqlite-snapshot-reader';
import { SqliteTransactionGate } from './sqlite-transaction-gate';

/**
 * The one way to run a transaction, on both databases. On PostgreSQL each transaction has a pooled
 * connection of its own; on SQLite (one shared connection) transactions run one at a time through
 * SqliteTransactionGate. `snapshot` asks for one consistent view over several reads, and promises
 * the work only reads: REPEATABLE READ on PostgreSQL; on SQLite a deferred read transaction on a
 * connection of its own (SqliteSnapshotReader), outside the write gate, so that reads never queue
 * behind writes (WAL). A write that follows a read (e.g. analytics checkpoints) runs after it, on
 * the write connection.
 */
@Injectable()
export class TransactionRunner implements OnModuleInit, OnModuleDestroy {
  private readonly gate: SqliteTransactionGate | null;
  private reader: SqliteSnapshotReader | null = null;
  private readonly lockTimeoutMs: number;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.lockTimeoutMs = config.database.limits.lockTimeoutMs;
    // A transaction waits in line at most as long as it would wait for another process's lock.
    this.gate = dataSource.options.type === 'sqlite' ? new SqliteTransactionGate(this.lockTimeoutMs) : null;
  }

  async onModuleInit(): Promise<void> {
    if (!this.gate) return;
    this.gate.install(this.dataSource.driver.createQueryRunner('master'));
    this.reader = await SqliteSnapshotReader.open(this.dataSource, this.lockTimeoutMs);
  }

  async onModuleDestroy(): Promise<void> {
    await this.reader?.close();
  }

  run<T>(work: (manager: EntityManager) => Promise<T>, options: { snapshot?: boolean } = {}): Promise<T> {
    if (this.gate) {
      if (options.snapshot && this.reader) return this.reader.run(work);
      return this.gate.run(() => this.dataSource.transaction(work));
    }
    return options.snapshot ? this.dataSource.transaction('REPEATABLE READ', work) : this.dataSource.transaction(work);
  }
}
