import { BatchedWindows, SyncWindow } from './batched-windows';

/** A shared store as Redis holds it: one counter per key, with its window. */
function sharedStore(now: () => number): { sync: SyncWindow; totals: Map<string, number> } {
  const totals = new Map<string, number>();
  const resets = new Map<string, number>();
  const sync: SyncWindow = async (key, count, ttlMs) => {
    if ((resets.get(key) ?? 0) <= now()) {
      totals.set(key, 0);
      resets.set(key, now() + ttlMs);
    }
    totals.set(key, totals.get(key)! + count);
    return { total: totals.get(key)!, resetInMs: resets.get(key)! - now() };
  };
  return { sync, totals };
}

describe('BatchedWindows', () => {
  it('counts locally at once, without waiting for the shared store', () => {
    const windows = new BatchedWindows();
    expect(windows.hit('k', 60_000, 0)).toEqual({ total: 1, resetInMs: 60_000 });
    expect(windows.hit('k', 60_000, 10).total).toBe(2);
    expect(windows.hasUnsynced).toBe(true);
  });

  it("adds every instance's hits to the shared total and reads it back", async () => {
    let clock = 0;
    const { sync, totals } = sharedStore(() => clock);
    const a = new BatchedWindows();
    const b = new BatchedWindows();
    for (let i = 0; i < 3; i += 1) a.hit('k', 60_000, clock);
    for (let i = 0; i < 4; i += 1) b.hit('k', 60_000, clock);
    await a.flush(sync, clock);
    await b.flush(sync, clock);
    expect(totals.get('k')).toBe(7);
    clock = 100;
    expect(b.hit('k', 60_000, clock).total).toBe(8);
    // a learns the others' hits with its next batch: until then it is at most one batch behind.
    expect(a.hit('k', 60_000, clock).total).toBe(4);
    await b.flush(sync, clock);
    await a.flush(sync, clock);
    expect(a.hasUnsynced).toBe(false);
    expect(a.hit('k', 60_000, clock).total).toBe(10);
  });

  it('keeps counting locally when the shared store fails, and reports the failure', async () => {
    const windows = new BatchedWindows();
    windows.hit('k', 60_000, 0);
    windows.hit('k', 60_000, 0);
    const failing: SyncWindow = () => Promise.reject(new Error('down'));
    await expect(windows.flush(failing, 10)).resolves.toBe(false);
    await expect(windows.flush(null, 10)).resolves.toBe(true);
    expect(windows.hit('k', 60_000, 20).total).toBe(3);
  });

  it('counts hits made while a batch is being sent', async () => {
    const windows = new BatchedWindows();
    windows.hit('k', 60_000, 0);
    let release!: () => void;
    const slow: SyncWindow = (_key, count) => new Promise((resolve) => (release = () => resolve({ total: count + 10, resetInMs: 50_000 })));
    const flushing = windows.flush(slow, 0);
    expect(windows.hit('k', 60_000, 1).total).toBe(2);
    release();
    await flushing;
    expect(windows.hit('k', 60_000, 2).total).toBe(13);
  });

  it('forgets windows that ended', async () => {
    const windows = new BatchedWindows();
    windows.hit('k', 1000, 0);
    await windows.flush(null, 0);
    await windows.flush(null, 2000);
    expect(windows.hit('k', 1000, 2000).total).toBe(1);
  });
});
