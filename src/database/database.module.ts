import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule, TypeOrmModuleOptions } from '@nestjs/typeorm';
import { AppConfig, DatabaseConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { InitialSchema1732200000000 } from './migrations/1732200000000-initial-schema';
import { HabitTargetType1764000001000 } from './migrations/1764000001000-habit-target-type';
import { SyncRevisions1764000002000 } from './migrations/1764000002000-sync-revisions';
import { TransactionRunner } from './transaction-runner';

export const MIGRATIONS = [InitialSchema1732200000000, HabitTargetType1764000001000, SyncRevisions1764000002000];

/** TypeORM on SQLite (embedded default) or PostgreSQL; start-up runs pending migrations. Global: every repository may use TransactionRunner. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => typeOrmOptions(config.database),
    }),
  ],
  providers: [TransactionRunner],
  exports: [TransactionRunner],
})
export class DatabaseModule {}

export function typeOrmOptions(database: DatabaseConfig): TypeOrmModuleOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: true, synchronize: false, retryAttempts: 3 };
  if (database.type === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: database.url,
      schema: database.schema,
      // Raw SQL (subqueries) resolves unqualified table names in the configured schema too.
      extra: { max: 10, connectionTimeoutMillis: 5000, ...(database.schema ? { options: `-c search_path="${database.schema}"` } : {}) },
    };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return { ...common, type: 'sqlite', database: database.path, enableWAL: database.path !== ':memory:', busyErrorRetry: 50 };
}
