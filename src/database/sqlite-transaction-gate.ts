import { AsyncLocalStorage } from 'node:async_hooks';
import type { QueryRunner } from 'typeorm';

type Query = QueryRunner['query'];

/**
 * SQLite has one connection here (TypeORM's SQLite driver shares one query runner), so a
 * transaction is open for every statement sent meanwhile: a concurrent request's write would
 * commit or roll back with it, and a second transaction would nest as a savepoint. The gate
 * runs one transaction at a time, and holds statements from outside the running transaction
 * (told apart by AsyncLocalStorage) until it has ended; a transaction starts once the
 * statements already sent from outside have finished. Keep transactions short: everything else
 * waits for them. A transaction that waits in line longer than `waitMs` (another process holding
 * the file's write lock makes every queued one wait) fails with SQLITE_BUSY (a 503) instead.
 */
export class SqliteTransactionGate {
  private readonly context = new AsyncLocalStorage<symbol>();
  private queue: Promise<void> = Promise.resolve();
  private active: { owner: symbol; ended: Promise<void> } | null = null;
  private outsideInFlight = 0;
  private drained: (() => void) | null = null;

  constructor(private readonly waitMs = Number.POSITIVE_INFINITY) {}

  /** Wraps the shared query runner's `query` so that statements from outside a running transaction wait for its end. */
  install(runner: QueryRunner): void {
    const query: Query = runner.query.bind(runner);
    const gated = async (...args: Parameters<Query>) => {
      if (this.active && this.context.getStore() === this.active.owner) return query(...args);
      while (this.active) await this.active.ended;
      this.outsideInFlight += 1;
      try {
        return await query(...args);
      } finally {
        this.outsideInFlight -= 1;
        if (this.outsideInFlight === 0) this.drained?.();
      }
    };
    runner.query = gated as Query;
  }

  /** Runs `work` (which opens and ends the transaction) alone on the connection. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active && this.context.getStore() === this.active.owner) throw new Error('Transactions do not nest: pass the EntityManager down instead');
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => ended);
    if (!(await admittedWithin(previous, this.waitMs))) {
      void previous.then(end); // those behind this one wait for the transactions before it
      throw Object.assign(new Error(`SQLITE_BUSY: database is locked (waited ${this.waitMs} ms for the transactions before this one)`), { code: 'SQLITE_BUSY' });
    }
    const owner = Symbol('transaction');
    this.active = { owner, ended };
    try {
      if (this.outsideInFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      this.drained = null;
      return await this.context.run(owner, work);
    } finally {
      this.active = null;
      end();
    }
  }
}

/** Whether `previous` settled within `waitMs`. */
function admittedWithin(previous: Promise<void>, waitMs: number): Promise<boolean> {
  if (!Number.isFinite(waitMs)) return previous.then(() => true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), waitMs);
    void previous.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
