/** Where the test services are (the CI script starts them if needed). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** With several Jest workers, each has a Redis of its own (global-setup.ts): this worker's. */
export const TEST_REDIS_URL = workerRedisUrl() ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function workerRedisUrl(): string | undefined {
  const urls = process.env.TEST_REDIS_URLS?.split(',');
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  return urls ? urls[(worker - 1) % urls.length] : undefined;
}

/** Refuses any database whose name does not say it is for tests. */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.slice(1);
  if (!/test/i.test(name)) throw new Error(`Refusing to run tests against database "${name}": its name must contain "test"`);
}
