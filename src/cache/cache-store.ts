import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { CACHE_BACKEND, CacheBackend, FragmentRead, FragmentSlot, FragmentWrite, StorePing, Validity } from './cache-backend';
import { CacheGroup } from '../common/change-groups';
import { ValidityScope } from './cache-group';
import { CachedResponse, decodeEntry, encodeEntry } from './cached-response';
import { CacheStats } from './cache-stats';
import { CircuitBreaker, CircuitState } from '../redis/circuit-breaker';
import { withDeadline } from '../redis/deadline';

/** The store is unreachable, hung, or the circuit is open: serve from the database. */
export const UNAVAILABLE = Symbol('cache unavailable');
type Unavailable = typeof UNAVAILABLE;

/** While the circuit is open, how often the store is probed in the background (the breaker's cooldown). */
const REPAIR_INTERVAL_MS = 1000;

/**
 * Every cache operation goes through here: each has a deadline, reads pass a circuit breaker,
 * and a store that failed is only trusted again after the global epoch was replaced, so no
 * entry written before an invalidation that could not reach Redis is ever served.
 *
 * The epoch is replaced as soon as the store answers again, by a background probe, not only by
 * the next request: an instance that lost an invalidation while the others could still reach
 * Redis (a partition) must repair it even if no request comes its way, or the others would keep
 * serving the old entries (and accepting a token revoked meanwhile) until their TTL.
 */
@Injectable()
export class CacheStore implements OnApplicationShutdown {
  private readonly logger = new Logger(CacheStore.name);
  private readonly breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000 });
  private readonly timeoutMs: number;
  private repairTimer: NodeJS.Timeout | undefined;
  /** An invalidation failed, or the connection dropped: entries written before may be stale. */
  private invalidationMayBeLost = false;
  private shuttingDown = false;

  constructor(
    @Inject(CACHE_BACKEND) readonly backend: CacheBackend | null,
    private readonly stats: CacheStats,
    config: AppConfig,
  ) {
    this.timeoutMs = config.cache.operationTimeoutMs;
    backend?.onConnectionLost(() => {
      this.invalidationMayBeLost = true;
      this.breaker.trip();
      this.scheduleRepair();
    });
  }

  get mode(): 'redis' | 'memory' | 'disabled' {
    return this.backend?.kind ?? 'disabled';
  }

  get connected(): boolean {
    return this.backend !== null && this.breaker.state === 'closed';
  }

  get circuitState(): string {
    return this.backend ? this.breaker.state : 'disabled';
  }

  /** The user's validity tokens, or null when caching is off or the store is unavailable. */
  async validity(userId: number, group: CacheGroup | null): Promise<Validity | null> {
    const validity = await this.guardedRead((backend) => backend.readValidity(userId, group));
    return validity === UNAVAILABLE ? null : validity;
  }

  /** The validity tokens and, in the same round trip, one entry (raw); null = unavailable. */
  async validityWithEntry(userId: number, group: CacheGroup, key: string): Promise<(Validity & { raw: string | null }) | null> {
    const result = await this.guardedRead((backend) => backend.readValidityAndEntry(userId, group, key));
    return result === UNAVAILABLE ? null : result;
  }

  /**
   * The stored response if it was written under `validity`; null on a miss. `prefetched` is the
   * raw entry already read with the validity token (no second round trip).
   */
  async lookup(key: string, validity: string, prefetched?: string): Promise<CachedResponse | null | Unavailable> {
    const raw = prefetched ?? (await this.guardedRead((backend) => backend.getEntry(key)));
    if (raw === UNAVAILABLE || raw === undefined) return raw === UNAVAILABLE ? UNAVAILABLE : null;
    return this.current(raw, validity);
  }

  /** The response of an entry already read, if it was written under `validity`; null otherwise. */
  current(raw: string, validity: string): CachedResponse | null {
    const entry = decodeEntry(raw);
    return entry && entry.validity === validity ? entry.response : null;
  }

  async fill(userId: number, group: CacheGroup, key: string, validity: string, response: CachedResponse, ttlSeconds: number): Promise<void> {
    await this.guardedRead((backend) => backend.setEntry(userId, group, key, encodeEntry(validity, response), ttlSeconds * 1000));
  }

  /** Fragments with their habits' validity tokens (one round trip); null = unavailable. */
  async readFragments(userId: number, slots: readonly FragmentSlot[]): Promise<FragmentRead[] | null> {
    if (slots.length === 0) return [];
    const result = await this.guardedRead((backend) => backend.readFragments(userId, slots));
    return result === UNAVAILABLE ? null : result;
  }

  /** Stores fragments whose habits' tokens did not change since they were read; a failure only costs misses. */
  async storeFragments(userId: number, fragments: readonly FragmentWrite[], ttlSeconds: number): Promise<void> {
    if (fragments.length === 0) return;
    await this.guardedRead((backend) => backend.storeFragments(userId, fragments, ttlSeconds * 1000));
  }

  /**
   * Not gated by the breaker: the command is sent even while the circuit is open, so that on a
   * hung connection it still lands before later reads. A failure opens the circuit, and recovery
   * replaces the epoch.
   */
  async invalidate(userId: number, scopes: readonly ValidityScope[]): Promise<number> {
    if (!this.backend || scopes.length === 0) return 0;
    this.stats.invalidations += 1;
    try {
      return await withDeadline(this.backend.invalidate(userId, scopes), this.timeoutMs);
    } catch (error) {
      this.invalidationMayBeLost = true;
      this.onFailure(error, true);
      return 0;
    }
  }

  /** Each master's PING within `deadlineMs` (nothing without a store); never throws. */
  async pingNodes(deadlineMs: number): Promise<StorePing> {
    if (!this.backend) return { severalNodes: false, nodes: [] };
    return await withDeadline(this.backend.pingNodes(deadlineMs), deadlineMs + 50).catch(() => ({ severalNodes: false, nodes: [] }));
  }

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    clearTimeout(this.repairTimer);
    await this.backend?.close().catch(() => undefined);
  }

  private async guardedRead<T>(operation: (backend: CacheBackend) => Promise<T>): Promise<T | Unavailable> {
    if (!this.backend || !this.breaker.allowRequest()) return UNAVAILABLE;
    const backend = this.backend;
    try {
      if (this.breaker.state === 'half-open') await withDeadline(this.recover(backend), this.timeoutMs * 3);
      const result = await withDeadline(operation(backend), this.timeoutMs);
      this.breaker.recordSuccess();
      return result;
    } catch (error) {
      this.onFailure(error, false);
      return UNAVAILABLE;
    }
  }

  /**
   * Before a store that failed is trusted again, if an invalidation may have been lost (one failed,
   * or the connection dropped), every entry written before is made unservable. Reads that merely
   * timed out lose nothing, so they do not throw every user's entries away.
   */
  private async recover(backend: CacheBackend): Promise<void> {
    await backend.ping();
    if (this.invalidationMayBeLost) {
      this.invalidationMayBeLost = false;
      await backend.bumpEpoch().catch((error: unknown) => {
        this.invalidationMayBeLost = true;
        throw error;
      });
      this.logger.warn('Cache store reachable again: epoch replaced');
    }
    this.breaker.recordSuccess();
  }

  private onFailure(error: unknown, mustRecover: boolean): void {
    this.stats.errors += 1;
    const wasOpen = this.breaker.state === 'open';
    if (mustRecover) this.breaker.trip();
    else this.breaker.recordFailure();
    const nowState: CircuitState = this.breaker.state;
    if (nowState === 'open') this.scheduleRepair();
    if (!wasOpen && nowState === 'open') this.logger.warn(`Cache store unavailable, serving from the database: ${String(error)}`);
  }

  /** One pending background probe at a time, until the circuit is closed again. */
  private scheduleRepair(): void {
    if (this.repairTimer || this.shuttingDown) return;
    this.repairTimer = setTimeout(() => void this.repair(), REPAIR_INTERVAL_MS);
    this.repairTimer.unref();
  }

  private async repair(): Promise<void> {
    this.repairTimer = undefined;
    if (!this.backend || this.shuttingDown || this.breaker.state === 'closed') return;
    try {
      await withDeadline(this.recover(this.backend), this.timeoutMs * 3);
    } catch {
      this.scheduleRepair();
    }
  }
}
