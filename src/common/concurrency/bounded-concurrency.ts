/**
 * At most `limit` tasks run at once; the others wait their turn in arrival order. A waiting task
 * holds a closure, not the task's working memory (for password hashing: 19 MiB each).
 */
export class BoundedConcurrency {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  /** Tasks running now (for tests and metrics). */
  get active(): number {
    return this.running;
  }
}
