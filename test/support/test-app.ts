import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createClient } from '@redis/client';
import type { DestinationStream } from 'pino';
import { AppModule } from '../../src/app.module';
import { configureApp, createFastifyAdapter } from '../../src/app.setup';
import { Clock } from '../../src/common/clock';
import { createTestDatabase, TestDatabase, TestDatabaseKind } from './test-database';
import { TEST_REDIS_URL } from './test-services';

export interface TestAppOptions {
  /** A database kind (a fresh one is made and dropped with the app) or an existing one to share. */
  database?: TestDatabaseKind | TestDatabase;
  /** A Redis URL (e.g. from privateRedisUrl or a RedisServer); omitted = in-process cache. */
  redisUrl?: string;
  env?: Record<string, string>;
  /** Where the app's log lines go (LOG_LEVEL defaults to error here: suites stay quiet). */
  logDestination?: DestinationStream;
  /** The app's clock (session lifetimes); see ManualClock. */
  clock?: Clock;
}

/** A clock that tests move by hand: `clock.advance(ms)`. Starts at the real time. */
export class ManualClock extends Clock {
  private offsetMs = 0;

  override now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/**
 * Far above what any suite sends from one address, so that suites never meet a 429 unless they
 * set a limit themselves (test/ops does). Production defaults are in src/config.
 */
const QUIET_AND_UNLIMITED: Record<string, string> = {
  LOG_LEVEL: 'error',
  RATE_LIMIT_LOGIN_PER_EMAIL: '1000000',
  RATE_LIMIT_LOGIN_PER_IP: '1000000',
  RATE_LIMIT_REGISTER_PER_IP: '1000000',
  RATE_LIMIT_PER_USER: '1000000000',
};

/**
 * The shared Redis never hangs: a cache operation that misses the production deadline (100 ms) there
 * only means the test machine's two cores were busy (a GC pause, a parallel suite), and the request
 * would fall back to a MISS or a BYPASS that the test did not ask for. Suites that freeze or stop
 * Redis run a redis-server of their own and keep the production deadline.
 */
const SHARED_REDIS_DEADLINE: Record<string, string> = { CACHE_OPERATION_TIMEOUT_MS: '2000' };

function isSharedRedis(url: string | undefined): boolean {
  return url !== undefined && (url === TEST_REDIS_URL || url.startsWith(`${TEST_REDIS_URL}/`));
}

export interface TestApp {
  app: NestFastifyApplication;
  database: TestDatabase;
  close(): Promise<void>;
}

/** Boots the real AppModule through the same configureApp() as main.ts. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownsDatabase = typeof options.database !== 'object';
  const database = typeof options.database === 'object' ? options.database : await createTestDatabase(options.database ?? 'sqlite');
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    ...QUIET_AND_UNLIMITED,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    ADMIN_EMAILS: 'admin@example.test',
    ...database.env,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...(isSharedRedis(options.redisUrl) ? SHARED_REDIS_DEADLINE : {}),
    ...options.env,
  };
  const builder = Test.createTestingModule({ imports: [AppModule.forRoot({ env, logDestination: options.logDestination })] });
  if (options.clock) builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: ['error'] });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      if (ownsDatabase) await database.drop();
    },
  };
}

/**
 * A private database of the shared Redis (index 1–15, never 0), emptied first. Each suite
 * uses its own index; suites that stop or freeze Redis start their own server (RedisServer).
 */
export async function privateRedisUrl(index: number): Promise<string> {
  if (!Number.isInteger(index) || index < 1 || index > 15) throw new Error('private Redis database index must be 1..15');
  const url = `${TEST_REDIS_URL}/${index}`;
  const client = createClient({ url });
  await client.connect();
  await client.flushDb();
  await client.close();
  return url;
}
