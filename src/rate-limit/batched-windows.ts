import { startWindow, WindowCount } from './window-count';

/** Adds `count` to the shared window of `key` (created with `ttlMs`); answers the shared total. */
export type SyncWindow = (key: string, count: number, ttlMs: number) => Promise<WindowCount>;

interface SharedWindow {
  /** The shared total at the last successful sync (every instance's hits), or the local count. */
  synced: number;
  /** Hits of this process being sent right now. */
  sending: number;
  /** Hits of this process not sent yet. */
  unsynced: number;
  resetAt: number;
  ttlMs: number;
}

/**
 * Approximate fixed-window counters for a generous limit on the hot path: a hit is counted in
 * process (no I/O), and `flush()` — every 100 ms — adds each key's new hits to the shared counter
 * in one batch and reads the shared total back. An instance therefore sees the others' hits at
 * most one flush late; when the shared store cannot be reached, counting simply goes on locally.
 */
export class BatchedWindows {
  private readonly windows = new Map<string, SharedWindow>();

  constructor(private readonly maxKeys = 100_000) {}

  hit(key: string, ttlMs: number, now = Date.now()): WindowCount {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = startWindow(this.windows, key, { synced: 0, sending: 0, unsynced: 0, resetAt: now + ttlMs, ttlMs }, this.maxKeys);
    }
    window.unsynced += 1;
    return { total: window.synced + window.sending + window.unsynced, resetInMs: window.resetAt - now };
  }

  get hasUnsynced(): boolean {
    for (const window of this.windows.values()) if (window.unsynced > 0) return true;
    return false;
  }

  /**
   * Sends every key's unsynced hits through `sync` (null: the store is unavailable, keep them
   * local) and forgets windows that ended. Resolves true when every sync succeeded.
   */
  async flush(sync: SyncWindow | null, now = Date.now()): Promise<boolean> {
    const pending: Promise<boolean>[] = [];
    for (const [key, window] of this.windows) {
      if (window.resetAt <= now && window.unsynced === 0 && window.sending === 0) this.windows.delete(key);
      else if (window.unsynced > 0) pending.push(this.send(key, window, sync, now));
    }
    return (await Promise.all(pending)).every(Boolean);
  }

  private async send(key: string, window: SharedWindow, sync: SyncWindow | null, now: number): Promise<boolean> {
    const count = window.unsynced;
    window.unsynced = 0;
    window.sending += count;
    try {
      if (!sync) throw new Error('shared store unavailable');
      const shared = await sync(key, count, window.ttlMs);
      window.synced = shared.total;
      window.resetAt = now + shared.resetInMs;
      return true;
    } catch {
      window.synced += count;
      return false;
    } finally {
      window.sending -= count;
    }
  }
}
