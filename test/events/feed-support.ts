import { AddressInfo } from 'node:net';
import { ApiClient } from '../support/api-client';
import { TestDatabase } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

/** Helpers shared by the change-feed suites (test/events/*.e2e-spec.ts). */

/** App start-up, a few scrypt logins and second-long waits: far above any single wait, which has its own guard. */
export const FEED_SUITE_TIMEOUT_MS = 60_000;

/** API.md: an event within 1 s of the write's 2xx (the bound every delivery test waits for). */
export const DELIVERY_MS = 1000;

export interface FeedInstance {
  testApp: TestApp;
  api: ApiClient;
  port: number;
}

/** One API instance listening on a free port (streams need a real socket), with its typed client. */
export async function startFeedInstance(database: TestDatabase | 'sqlite', redisUrl: string | undefined, env: Record<string, string> = {}): Promise<FeedInstance> {
  const testApp = await startTestApp({ database, redisUrl, env: { EVENTS_HEARTBEAT_MS: '200', ...env } });
  await testApp.app.listen(0, '127.0.0.1');
  const port = (testApp.app.getHttpServer().address() as AddressInfo).port;
  return { testApp, api: new ApiClient(testApp.app), port };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A UTC calendar date `days` before today (users of these suites live in UTC). */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

export function yesterday(): string {
  return daysAgo(1);
}
