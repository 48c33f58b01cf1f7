import type { Config } from '@jest/types';
import { createClient } from '@redis/client';
import { Client } from 'pg';
import { compiledMain } from './app-process';
import { makeTestCertificates } from './test-certificates';
import { assertTestDatabase, TEST_POSTGRES_URL, TEST_REDIS_URL } from './test-services';
import { ensureWebAppBuilt } from './web-build';
import { startWorkerRedisServers, WorkerRedisServers } from './worker-redis';

/** Read by global-teardown.ts (the two run in the same context). */
declare global {
  var workerRedisServers: WorkerRedisServers | undefined;
}

/**
 * Fails fast with a clear message when the services the suites need are not running; makes the test
 * TLS certificates (exported as NODE_EXTRA_CA_CERTS before the workers start); builds what suites
 * share on disk (dist-test/ for the server-process suites, web/dist for the browser suites) once,
 * before workers run side by side; starts a Redis of its own for every worker but the first.
 */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  makeTestCertificates();
  assertTestDatabase(TEST_POSTGRES_URL);
  const pg = new Client({ connectionString: TEST_POSTGRES_URL });
  await pg.connect().catch((error: Error) => {
    throw new Error(`PostgreSQL is not reachable at ${TEST_POSTGRES_URL}: ${error.message}`);
  });
  await pg.end();
  const redis = createClient({ url: TEST_REDIS_URL, socket: { reconnectStrategy: false } });
  redis.on('error', () => undefined);
  await redis.connect().catch((error: Error) => {
    throw new Error(`Redis is not reachable at ${TEST_REDIS_URL}: ${error.message}`);
  });
  await redis.close();
  compiledMain();
  ensureWebAppBuilt();
  if (globalConfig.maxWorkers > 1) {
    globalThis.workerRedisServers = await startWorkerRedisServers(globalConfig.maxWorkers - 1);
    process.env.TEST_REDIS_URLS = [TEST_REDIS_URL, ...globalThis.workerRedisServers.urls].join(',');
  }
}
