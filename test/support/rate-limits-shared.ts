import request from 'supertest';
import { TestApp } from './test-app';

/**
 * Waits until every instance counts rate limits in Redis again (its `rate_limit_shared` metric is 1):
 * after an outage, each one's storage probes Redis in the background once its circuit breaker's
 * cooldown (a second) is over, with no request needed.
 */
export async function rateLimitsShared(apps: TestApp[], timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const metrics = await Promise.all(apps.map((app) => request(app.app.getHttpServer()).get('/metrics')));
    if (metrics.every((response) => response.text.includes('\nrate_limit_shared 1'))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`rate limits were not shared again within ${timeoutMs} ms`);
}
