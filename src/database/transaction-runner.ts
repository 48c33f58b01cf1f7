import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { SqliteTransactionGate } from './sqlite-transaction-gate';

/**
 * The one way to run a transaction, on both databases. On PostgreSQL each transaction has a pooled
 * connection of its own; on SQLite (one shared connection) transactions run one at a time through
 * SqliteTransactionGate. `snapshot` asks for one consistent view over several reads (REPEATABLE
 * READ on PostgreSQL; a SQLite transaction always is one).
 */
@Injectable()
export class TransactionRunner implements OnModuleInit {
  private readonly gate: SqliteTransactionGate | null;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    // A transaction waits in line at most as long as it would wait for another process's lock.
    this.gate = dataSource.options.type === 'sqlite' ? new SqliteTransactionGate(config.database.limits.lockTimeoutMs) : null;
  }

  onModuleInit(): void {
    if (this.gate) this.gate.install(this.dataSource.driver.createQueryRunner('master'));
  }

  run<T>(work: (manager: EntityManager) => Promise<T>, options: { snapshot?: boolean } = {}): Promise<T> {
    if (this.gate) return this.gate.run(() => this.dataSource.transaction(work));
    return options.snapshot ? this.dataSource.transaction('REPEATABLE READ', work) : this.dataSource.transaction(work);
  }
}
