export class DeadlineExceededError extends Error {
  constructor(ms: number) {
    super(`cache operation exceeded its ${ms} ms deadline`);
  }
}

/**
 * Settles with the operation, or rejects after `ms` (the operation itself is not cancelled).
 *
 * The rejection waits for the I/O phase that follows the timer (setImmediate runs after it): when
 * the event loop was busy (a burst of requests), the timer fires late, and a reply that arrived
 * meanwhile is still waiting to be read. Without this, a loaded process would count its own lag
 * as store failures, open the circuit and serve a burst from the database, the very moment the
 * cache (and its stampede protection) is needed most.
 */
export function withDeadline<T>(operation: Promise<T>, ms: number): Promise<T> {
  // One promise and one reaction (not a race of two promises and a finally): it runs on every cache read.
  return new Promise<T>((resolve, reject) => {
    let afterIo: NodeJS.Immediate | undefined;
    const timer = setTimeout(() => {
      afterIo = setImmediate(() => reject(new DeadlineExceededError(ms)));
    }, ms);
    const settle = () => {
      clearTimeout(timer);
      clearImmediate(afterIo);
    };
    operation.then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: Error) => {
        settle();
        reject(error);
      },
    );
  });
}
