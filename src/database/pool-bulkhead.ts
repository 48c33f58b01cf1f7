import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

type Release = (error?: unknown) => void;
type ConnectCallback = (error: Error | undefined, client: unknown, release: Release) => void;
interface CallbackPool {
  connect(callback: ConnectCallback): void;
}

const reserved = new AsyncLocalStorage<boolean>();

/** Runs `work` (a request of an auth route) with access to the connections kept back for it. */
export function withReservedConnections(work: () => void): void {
  reserved.run(true, work);
}

/** How many connections of a pool of `poolSize` ordinary requests may hold; the rest are kept for auth. */
export function generalShare(poolSize: number): number {
  return Math.max(1, poolSize - Math.max(1, Math.floor(poolSize / 4)));
}

/**
 * A bulkhead in front of the PostgreSQL pool: ordinary requests hold at most generalShare(size)
 * connections at once and wait at most `waitMs` for one (then the error pg-pool gives for its own
 * timeout, a 503 "pool exhausted"); requests of auth routes (withReservedConnections) skip the
 * line, so that a slow or locked table cannot starve logins.
 */
export function installPoolBulkhead(dataSource: DataSource, poolSize: number, waitMs: number): void {
  const pool = (dataSource.driver as unknown as { master?: CallbackPool }).master;
  if (!pool) return;
  const gate = new Gate(generalShare(poolSize));
  const connect = pool.connect.bind(pool);
  pool.connect = (callback: ConnectCallback) => {
    if (reserved.getStore()) return connect(callback);
    gate.enter(waitMs).then(
      () =>
        connect((error, client, release) => {
          if (error) gate.leave();
          callback(error, client, error ? release : once(release, () => gate.leave()));
        }),
      (error: Error) => callback(error, undefined, () => undefined),
    );
  };
}

function once(release: Release, after: () => void): Release {
  let released = false;
  return (error?: unknown) => {
    if (!released) {
      released = true;
      after();
    }
    release(error);
  };
}

/** A counting semaphore whose waiters give up after a deadline. */
class Gate {
  private inside = 0;
  private readonly waiting: { admit(): void }[] = [];

  constructor(private readonly capacity: number) {}

  enter(waitMs: number): Promise<void> {
    if (this.inside < this.capacity) {
      this.inside += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        admit: () => {
          clearTimeout(timer);
          this.inside += 1;
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(new Error('timeout exceeded when trying to connect (all connections for ordinary requests are busy)'));
      }, waitMs);
      this.waiting.push(waiter);
    });
  }

  leave(): void {
    this.inside -= 1;
    this.waiting.shift()?.admit();
  }
}
