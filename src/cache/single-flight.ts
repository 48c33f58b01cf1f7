/** Concurrent callers with the same key share one run of `work` (stampede protection). */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  /** Returns the shared promise and whether this caller started it. */
  run(key: string, work: () => Promise<T>): { result: Promise<T>; leader: boolean } {
    const existing = this.inFlight.get(key);
    if (existing) return { result: existing, leader: false };
    const result = work().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, result);
    return { result, leader: true };
  }
}
