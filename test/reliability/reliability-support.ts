import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';

/** Helpers of the reliability suites (test/reliability). */

export interface Timed<T> {
  value: T;
  ms: number;
}

export async function timed<T>(work: PromiseLike<T>): Promise<Timed<T>> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

/**
 * Samples GET /health every `everyMs` until `until` settles; resolves to every latency seen (ms).
 * Sampling starts `afterMs` after the call: the test's own client shares the event loop with the
 * app, and sending a burst of requests takes it for a moment.
 */
export async function livenessWhile(app: NestFastifyApplication, until: Promise<unknown>, everyMs = 50, afterMs = 150): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  const latencies: number[] = [];
  while (!done) {
    const { value, ms } = await timed(request(app.getHttpServer()).get('/health'));
    if (value.status !== 200) throw new Error(`/health answered ${value.status}`);
    latencies.push(ms);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return latencies;
}

/** A 503 as API.md wants it: Retry-After, the error shape, and a message that names the database. */
export function expectDatabaseUnavailable(response: request.Response): void {
  expect({ status: response.status, body: response.body as unknown }).toEqual({
    status: 503,
    body: { statusCode: 503, error: 'Service Unavailable', message: expect.stringMatching(/^The database is /) },
  });
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
}

/**
 * Liveness never waited on the database: the median sample under 50 ms, and no sample anywhere
 * near the lock timeout, under half of it (the machine is shared, so a single sample may be late
 * by scheduling; one that waited for the database would take the whole lock timeout).
 */
export function expectLivenessUnaffected(latencies: number[], lockTimeoutMs: number): void {
  expect(latencies.length).toBeGreaterThan(3);
  const sorted = [...latencies].sort((a, b) => a - b);
  // Liveness never waits on the database: had a probe queued behind the lock, it would have taken
  // the whole lock timeout. The margins leave room for a loaded 2-core machine.
  expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(lockTimeoutMs / 4);
  expect(sorted[sorted.length - 1]).toBeLessThan(lockTimeoutMs * 0.9);
}
