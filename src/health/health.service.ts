import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withDeadline } from '../redis/deadline';
import { CacheStore } from '../cache/cache-store';

export interface ReadinessReport {
  status: 'ok' | 'degraded' | 'error';
  checks: {
    database: { status: 'up' | 'down' };
    redis: { status: 'up' | 'down' | 'disabled'; latencyMs?: number };
  };
}

const CHECK_DEADLINE_MS = 800;

@Injectable()
export class HealthService {
  private draining = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: CacheStore,
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

  private async databaseUp(): Promise<boolean> {
    try {
      await withDeadline(this.dataSource.query('SELECT 1'), CHECK_DEADLINE_MS);
      return true;
    } catch {
      return false;
    }
  }

  private async redisCheck(): Promise<ReadinessReport['checks']['redis']> {
    if (this.cache.mode !== 'redis') return { status: 'disabled' };
    const latencyMs = await this.cache.ping(CHECK_DEADLINE_MS);
    return latencyMs === null ? { status: 'down' } : { status: 'up', latencyMs };
  }
}
