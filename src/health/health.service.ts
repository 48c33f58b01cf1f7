import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { withDeadline } from '../redis/deadline';
import { CacheStore } from '../cache/cache-store';

interface RedisNodeCheck {
  address: string;
  status: 'up' | 'down';
  latencyMs?: number;
}

export interface ReadinessReport {
  status: 'ok' | 'degraded' | 'error';
  checks: {
    database: { status: 'up' | 'down' };
    /** Up when every master answers; `nodes` (each master) on a cluster or Sentinel only. */
    redis: { status: 'up' | 'down' | 'disabled'; latencyMs?: number; nodes?: RedisNodeCheck[] };
  };
}

const CHECK_DEADLINE_MS = 800;

@Injectable()
export class HealthService {
  private draining = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: CacheStore,
    private readonly config: AppConfig,
  ) {}

  /** Readiness turns to error while the process drains on SIGTERM. */
  startDraining(): void {
    this.draining = true;
  }

  /** Both checks run in parallel, each bounded, so the answer comes within a second. */
  async readiness(): Promise<ReadinessReport> {
    const [databaseUp, redis] = await Promise.all([this.databaseUp(), this.redisCheck()]);
    const database = { status: databaseUp ? ('up' as const) : ('down' as const) };
    const status = !databaseUp || this.draining ? 'error' : redis.status === 'down' ? 'degraded' : 'ok';
    return { status, checks: { database, redis } };
  }

  /** Up means answering and accepting writes: a database that only reads would fail every write with 503. */
  private async databaseUp(): Promise<boolean> {
    try {
      return await withDeadline(this.acceptsWrites(), CHECK_DEADLINE_MS);
    } catch {
      return false;
    }
  }

  /**
   * Without writing anything (a probe write would queue behind an import's write lock): PostgreSQL says
   * whether a new transaction would be read-only (a standby, default_transaction_read_only); SQLite
   * whether the connection is query_only and the file and its folder (journal, WAL) can be written.
   */
  private async acceptsWrites(): Promise<boolean> {
    const database = this.config.database;
    if (database.type === 'postgres') {
      const rows: Array<{ readOnly: string }> = await this.dataSource.query(`SELECT current_setting('transaction_read_only') AS "readOnly"`);
      return rows[0]?.readOnly === 'off';
    }
    const rows: Array<{ query_only: number }> = await this.dataSource.query('PRAGMA query_only');
    if (rows[0]?.query_only !== 0) return false;
    if (database.path === ':memory:') return true;
    await Promise.all([access(database.path, constants.W_OK), access(dirname(database.path), constants.W_OK)]);
    return true;
  }

  private async redisCheck(): Promise<ReadinessReport['checks']['redis']> {
    if (this.cache.mode !== 'redis') return { status: 'disabled' };
    const { severalNodes, nodes } = await this.cache.pingNodes(CHECK_DEADLINE_MS);
    const up = nodes.length > 0 && nodes.every((node) => node.status === 'up');
    const check = up ? { status: 'up' as const, latencyMs: Math.max(...nodes.map((node) => node.latencyMs ?? 0)) } : { status: 'down' as const };
    return severalNodes ? { ...check, nodes } : check;
  }
}
