import { createClient } from '@redis/client';
import { Client } from 'pg';
import { makeTestCertificates } from './test-certificates';
import { assertTestDatabase, TEST_POSTGRES_URL, TEST_REDIS_URL } from './test-services';

/**
 * Fails fast with a clear message when the services the suites need are not running; makes the test
 * TLS certificates (exported as NODE_EXTRA_CA_CERTS before the workers start).
 */
export default async function globalSetup(): Promise<void> {
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
}
