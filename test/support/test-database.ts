import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { assertTestDatabase, TEST_POSTGRES_URL } from './test-services';

export type TestDatabaseKind = 'sqlite' | 'postgres';

/** A disposable database: a fresh SQLite file, or a fresh schema in the Postgres `test` database. */
export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  return kind === 'sqlite' ? createSqliteDatabase() : createPostgresSchema();
}

function createSqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'habits-test-'));
  return {
    env: { DATABASE_URL: `sqlite:${join(dir, 'test.sqlite')}` },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function createPostgresSchema(): Promise<TestDatabase> {
  assertTestDatabase(TEST_POSTGRES_URL);
  const schema = `e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await withPostgres((client) => client.query(`CREATE SCHEMA "${schema}"`));
  return {
    env: { DATABASE_URL: TEST_POSTGRES_URL, DATABASE_SCHEMA: schema },
    drop: () => withPostgres((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).then(() => undefined),
  };
}

async function withPostgres<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
