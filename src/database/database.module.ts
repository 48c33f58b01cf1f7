import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule, TypeOrmModuleOptions } from '@nestjs/typeorm';
import { AppConfig, DatabaseConfig, DatabaseLimits } from '../config/app-config';
import { DataSource } from 'typeorm';
import { installPoolBulkhead } from './pool-bulkhead';
import { installBoundedBusyRetry } from './sqlite-busy-retry';
import * as sqlite3 from 'sqlite3';
import { InitialSchema1732200000000 } from './migrations/1732200000000-initial-schema';
import { Sessions1764000000000 } from './migrations/1764000000000-sessions';
import { HabitTargetType1764000001000 } from './migrations/1764000001000-habit-target-type';
import { HabitCheckpoints1764000001001 } from './migrations/1764000001001-habit-checkpoints';
import { SyncRevisions1764000002000 } from './migrations/1764000002000-sync-revisions';
import { UserLocale1765000000000 } from './migrations/1765000000000-user-locale';
import { UserRole1765000010000 } from './migrations/1765000010000-user-role';
import { PersonalAccessTokens1765000040000 } from './migrations/1765000040000-personal-access-tokens';
import { ChangeWebhooks1765000041000 } from './migrations/1765000041000-change-webhooks';
import { Reminders1765000050000 } from './migrations/1765000050000-reminders';
import { NotificationChannels1765000060000 } from './migrations/1765000060000-notification-channels';
import { TombstoneLookup1765000030000 } from './migrations/1765000030000-tombstone-lookup';
import { HabitRecordCount1765000230000 } from './migrations/1765000230000-habit-record-count';
import { ImportStaging1765000231000 } from './migrations/1765000231000-import-staging';
import { TransactionRunner } from './transaction-runner';

export const MIGRATIONS = [
  InitialSchema1732200000000,
  Sessions1764000000000,
  HabitTargetType1764000001000,
  HabitCheckpoints1764000001001,
  SyncRevisions1764000002000,
  UserLocale1765000000000,
  UserRole1765000010000,
  TombstoneLookup1765000030000,
  PersonalAccessTokens1765000040000,
  ChangeWebhooks1765000041000,
  Reminders1765000050000,
  NotificationChannels1765000060000,
  HabitRecordCount1765000230000,
  ImportStaging1765000231000,
];

/** The entity classes TypeORM maps (the app's list, src/entities.ts: entities live in their feature folders). */
export type EntityList = NonNullable<TypeOrmModuleOptions['entities']>;

/**
 * TypeORM on SQLite (embedded default) or PostgreSQL; start-up runs pending migrations. Global: every
 * repository may use TransactionRunner. The app passes its entities (this layer imports no feature).
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => typeOrmOptions(config.database, entities),
          dataSourceFactory: async (options) => initialize(new DataSource(options!)),
        }),
      ],
      providers: [TransactionRunner],
      exports: [TransactionRunner],
    };
  }
}

export function typeOrmOptions(database: DatabaseConfig, entities: EntityList): TypeOrmModuleOptions {
  const common = { entities, migrations: MIGRATIONS, migrationsRun: true, synchronize: false, retryAttempts: 3 };
  if (database.type === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: database.url,
      schema: database.schema,
      extra: postgresPoolOptions(database.limits, database.schema),
    };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  // busyTimeout serves start-up (migrations); once initialised, the driver's busy timeout is turned
  // off (it blocks the event loop) and installBoundedBusyRetry waits DATABASE_LOCK_TIMEOUT_MS instead;
  // no busyErrorRetry (it never gives up). Then SQLITE_BUSY answers 503.
  return {
    ...common,
    type: 'sqlite',
    driver: SQLITE_WITHOUT_TRACES,
    database: database.path,
    enableWAL: database.path !== ':memory:',
    busyTimeout: database.limits.lockTimeoutMs,
  };
}

/**
 * node-sqlite3 as TypeORM loads it, minus the verbose mode it always switches on (`driver.verbose()`):
 * that mode captures and formats a stack trace on every call, about a tenth of the CPU of an
 * uncached analytics read, for longer traces in errors only (ours name the query anyway).
 */
const SQLITE_WITHOUT_TRACES = { verbose: () => sqlite3 };

async function initialize(dataSource: DataSource): Promise<DataSource> {
  await dataSource.initialize();
  const options = dataSource.options;
  if (options.type === 'sqlite') {
    await dataSource.query('PRAGMA busy_timeout = 0');
    installBoundedBusyRetry(dataSource, options.busyTimeout ?? 0);
  }
  if (options.type === 'postgres') {
    const pool = options.extra as { max: number; connectionTimeoutMillis: number };
    installPoolBulkhead(dataSource, pool.max, pool.connectionTimeoutMillis);
  }
  return dataSource;
}

/**
 * node-postgres pool options: every connection of the pool carries statement_timeout and
 * lock_timeout (a locked or slow table answers 503 within the deadline instead of holding a
 * connection), a client-side query_timeout for a server that stops answering altogether, and a
 * bounded wait for a connection (pool exhausted or the server unreachable: 503, not a hang).
 */
export function postgresPoolOptions(limits: DatabaseLimits, schema?: string): Record<string, unknown> {
  return {
    max: limits.poolSize,
    connectionTimeoutMillis: limits.poolWaitMs,
    statement_timeout: limits.statementTimeoutMs,
    lock_timeout: limits.lockTimeoutMs,
    query_timeout: limits.statementTimeoutMs + 1000,
    idle_in_transaction_session_timeout: limits.statementTimeoutMs * 2,
    idleTimeoutMillis: 30000,
    // Raw SQL (subqueries) resolves unqualified table names in the configured schema too.
    ...(schema ? { options: `-c search_path="${schema}"` } : {}),
  };
}
