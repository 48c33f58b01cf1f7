export class DeadlineExceededError extends Error {
  constructor(ms: number) {
    super(`cache operation exceeded its ${ms} ms deadline`);
  }
}

/** Settles with the operation, or rejects after `ms` (the operation itself is not cancelled). */
export function withDeadline<T>(operation: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(ms)), ms);
  });
  return Promise.race([operation, deadline]).finally(() => clearTimeout(timer));
}
