import { createClient, RedisClientType } from '@redis/client';
import type { Response } from 'supertest';

/** Helpers shared by the caching suites (test/cache/*.e2e-spec.ts). */

/**
 * Each suite calls jest.setTimeout(SUITE_TIMEOUT_MS): the e2e project's `testTimeout` in
 * jest.config.js is not applied (Jest only reads it from the root config), so tests and hooks would
 * get 5 s, which app start-up plus a few scrypt registrations can exceed on a loaded machine.
 * Every wait inside a test has a hang guard of its own, far below this.
 */
export const SUITE_TIMEOUT_MS = 30_000;

export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** Runs every clean-up step even when one fails (a redis-server left behind outlives the run), then throws the first failure. */
export async function cleanUp(...steps: (() => unknown)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

/** Rejects when `promise` has not settled within `ms` (a hang guard, not a speed assertion). */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends a supertest request now and reports how long it took to answer. */
export async function timed(pending: PromiseLike<Response>): Promise<{ response: Response; ms: number }> {
  const started = performance.now();
  const response = await pending;
  return { response, ms: performance.now() - started };
}

/** Polls `probe` until `accept` holds; bounded by `attempts`. Returns the accepted value or throws with the last one. */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  { attempts = 60, intervalMs = 100 }: { attempts?: number; intervalMs?: number } = {},
): Promise<T> {
  let last: T | undefined;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    last = await probe();
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`condition not met after ${attempts} attempts; last value: ${JSON.stringify(last)}`);
}

/** mulberry32: a small seeded PRNG, so randomized runs are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Wraps a real async method so that, when armed, the next call waits for `release()` just before
 * it runs (`before`) or right after it ran for real (`after`: e.g. a request held right after its
 * database read). `reached` settles when that call is waiting.
 */
export function holdCall<T extends object, K extends keyof T>(target: T, method: K, at: 'before' | 'after') {
  const original = target[method] as unknown as (...args: unknown[]) => Promise<unknown>;
  let armed: { reached: Deferred; release: Deferred } | null = null;
  let calls = 0;
  const wait = async () => {
    const hold = armed;
    armed = null;
    if (!hold) return;
    hold.reached.resolve();
    await hold.release.promise;
  };
  const spy = jest.spyOn(target, method as never).mockImplementation((async function (this: unknown, ...args: unknown[]) {
    calls += 1;
    if (at === 'before') await wait();
    const result = await original.apply(this, args);
    if (at === 'after') await wait();
    return result;
  }) as never);
  return {
    get calls() {
      return calls;
    },
    arm(): { reached: Promise<void>; release: () => void } {
      const hold = { reached: deferred(), release: deferred() };
      armed = hold;
      return { reached: hold.reached.promise, release: () => hold.release.resolve() };
    },
    restore: () => spy.mockRestore(),
  };
}

export function holdAfter<T extends object, K extends keyof T>(target: T, method: K) {
  return holdCall(target, method, 'after');
}

/** Counts calls of a real method (which still runs); works on a prototype too. */
export function countCalls<T extends object, K extends keyof T>(target: T, method: K) {
  const original = target[method] as unknown as (...args: unknown[]) => unknown;
  let calls = 0;
  const spy = jest.spyOn(target, method as never).mockImplementation((function (this: unknown, ...args: unknown[]) {
    calls += 1;
    return original.apply(this, args);
  }) as never);
  return {
    get calls() {
      return calls;
    },
    reset: () => (calls = 0),
    restore: () => spy.mockRestore(),
  };
}

/** A plain client on a test's own Redis (database or server) for inspecting it. */
export async function inspectRedis(url: string): Promise<RedisClientType> {
  const client: RedisClientType = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** `INFO commandstats` as command name → calls. */
export async function commandCalls(client: RedisClientType): Promise<Map<string, number>> {
  const info = await client.info('commandstats');
  const calls = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1], Number(match[2]));
  return calls;
}

/** Calls per command between two `commandCalls` snapshots, leaving out the inspecting client's own INFO. */
export function callsBetween(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const delta = new Map<string, number>();
  for (const [command, calls] of after) {
    const added = calls - (before.get(command) ?? 0);
    if (added > 0 && command !== 'info') delta.set(command, added);
  }
  return delta;
}

/** Today as a calendar date in UTC (the test users' time zone) shifted by `days`. */
export function utcDate(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export function names(body: unknown): string[] {
  return (body as { name: string }[]).map((item) => item.name).sort();
}
