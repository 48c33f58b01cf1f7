import { startWindow, WindowCount } from './window-count';

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Exact fixed-window counters of this process: what the login and registration limits fall back
 * to while Redis cannot be reached. Bounded: past `maxKeys`, the oldest window is forgotten.
 */
export class MemoryWindows {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly maxKeys = 100_000) {}

  hit(key: string, ttlMs: number, now = Date.now()): WindowCount {
    const window = this.liveWindow(key, ttlMs, now);
    window.count += 1;
    return { total: window.count, resetInMs: window.resetAt - now };
  }

  /**
   * Removes the key's hits of its current window and answers how many there were: hits counted
   * here while Redis was away, handed over to the shared counter once it is back.
   */
  take(key: string, now = Date.now()): number {
    const window = this.windows.get(key);
    this.windows.delete(key);
    return window && window.resetAt > now ? window.count : 0;
  }

  /** Puts back hits that were taken but could not be handed over. */
  add(key: string, count: number, ttlMs: number, now = Date.now()): void {
    if (count > 0) this.liveWindow(key, ttlMs, now).count += count;
  }

  /** Gives one hit back (a login that succeeded). */
  refund(key: string, now = Date.now()): void {
    const window = this.windows.get(key);
    if (window && window.resetAt > now && window.count > 0) window.count -= 1;
  }

  /** The key's current window, or a new empty one when it has none or it has ended. */
  private liveWindow(key: string, ttlMs: number, now: number): Window {
    const window = this.windows.get(key);
    if (window && window.resetAt > now) return window;
    return startWindow(this.windows, key, { count: 0, resetAt: now + ttlMs }, this.maxKeys);
  }
}
