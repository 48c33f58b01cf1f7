import type { Response } from 'supertest';
import { ApiClient } from '../support/api-client';
import { privateRedisUrl, startTestApp, TestApp } from '../support/test-app';
import { TestDatabaseKind } from '../support/test-database';

/** Every API suite runs once per supported database. */
export const DATABASES: readonly TestDatabaseKind[] = ['sqlite', 'postgres'];

export interface ApiSuite {
  testApp: TestApp;
  api: ApiClient;
  /** What the app was started with, for a second instance on the same database and Redis. */
  redisUrl: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The real application on a fresh database, with the cache in the loop as in production:
 * a private Redis database (`redisIndex`, one per suite file, 8..13 for test/api).
 */
export async function startApiSuite(database: TestDatabaseKind, redisIndex: number): Promise<ApiSuite> {
  const redisUrl = await privateRedisUrl(redisIndex);
  // startTestApp already raises the rate limits far above what a suite sends (they have suites of their own).
  const env: Record<string, string> = {};
  const testApp = await startTestApp({ database, redisUrl, env });
  return { testApp, api: new ApiClient(testApp.app), redisUrl, env, close: () => testApp.close() };
}

/** The error body of API.md, `{statusCode, error, message}`, and nothing that looks like a stack trace. */
export function expectError(response: Response, status: number): void {
  expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status, body: { statusCode: status } });
  expect(Object.keys(response.body as object).sort()).toEqual(['error', 'message', 'statusCode']);
  expect(typeof response.body.error).toBe('string');
  const message: unknown = response.body.message;
  const messages = Array.isArray(message) ? message : [message];
  expect(messages.length).toBeGreaterThan(0);
  for (const item of messages) expect(typeof item).toBe('string');
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.text).not.toMatch(/stack|\n\s+at |\.ts:\d+|\.js:\d+/i);
}

/** The messages of an error body, as one array. */
export function errorMessages(response: Response): string[] {
  const message: unknown = response.body.message;
  return Array.isArray(message) ? (message as string[]) : [String(message)];
}

/** A 400 whose message names each of `fields`. */
export function expectBadRequest(response: Response, ...fields: string[]): void {
  expectError(response, 400);
  const text = errorMessages(response).join('\n');
  for (const field of fields) expect(text).toContain(field);
}
