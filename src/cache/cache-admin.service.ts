import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { CacheGroup } from '../common/change-groups';
import { ALL_SCOPES } from './cache-group';
import { StoreNodeSize, StoreSize } from './cache-backend';
import { CacheStats } from './cache-stats';
import { CacheStore } from './cache-store';

export interface CacheStatsReport {
  store: 'redis' | 'memory' | 'disabled';
  connected: boolean;
  keys: number;
  memoryBytes: number;
  hits: number;
  misses: number;
  hitRate: number | null;
  invalidations: number;
  errors: number;
  ttlSeconds: Record<CacheGroup, number>;
  /** Each master's keys and memory, on a Redis Cluster or Sentinel only. */
  nodes?: StoreNodeSize[];
}

/** Admin operations on the cache (these may scan; no request path does). */
@Injectable()
export class CacheAdminService {
  constructor(
    private readonly store: CacheStore,
    private readonly stats: CacheStats,
    private readonly config: AppConfig,
  ) {}

  async report(): Promise<CacheStatsReport> {
    const size = await this.describeStore();
    const hits = this.stats.total('hit');
    const misses = this.stats.total('miss');
    return {
      store: this.store.mode,
      connected: this.store.mode !== 'disabled' && size !== null && this.store.connected,
      keys: size?.keys ?? 0,
      memoryBytes: size?.memoryBytes ?? 0,
      hits,
      misses,
      hitRate: hits + misses === 0 ? null : Math.round((hits / (hits + misses)) * 10000) / 10000,
      invalidations: this.stats.invalidations,
      errors: this.stats.errors,
      ttlSeconds: { ...this.config.cache.ttlSeconds },
      ...(size?.nodes ? { nodes: size.nodes } : {}),
    };
  }

  async dropUser(userId: number): Promise<{ deleted: number }> {
    return { deleted: await this.store.invalidate(userId, ALL_SCOPES) };
  }

  /** 503 when the store cannot be reached (down, or hung: each step has a deadline); the flush may then be partial. */
  async flush(): Promise<{ deleted: number }> {
    if (!this.store.backend) return { deleted: 0 };
    try {
      return { deleted: await this.store.backend.flush() };
    } catch {
      throw new ServiceUnavailableException('The cache store is unavailable: the flush did not complete, try again');
    }
  }

  private async describeStore(): Promise<StoreSize | null> {
    try {
      return (await this.store.backend?.describe()) ?? null;
    } catch {
      return null;
    }
  }
}
