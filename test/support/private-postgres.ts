import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TestDatabase } from './test-database';
import { assertTestDatabase, TEST_POSTGRES_URL } from './test-services';

/**
 * A PostgreSQL database of the suite's own (not a schema of the shared `test` database), so that
 * the suite may refuse its connections and terminate its backends without touching anyone else.
 */
export class PrivatePostgres implements TestDatabase {
  private constructor(readonly name: string, readonly url: string) {}

  get env(): Record<string, string> {
    return { DATABASE_URL: this.url };
  }

  static async create(): Promise<PrivatePostgres> {
    assertTestDatabase(TEST_POSTGRES_URL);
    const name = `test_rel_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    await admin((client) => client.query(`CREATE DATABASE "${name}"`));
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${name}`;
    return new PrivatePostgres(name, url.toString());
  }

  /** A client of this database (close it with end()). */
  async client(): Promise<Client> {
    const client = new Client({ connectionString: this.url });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  /** As an operator stopping a database: new connections refused, open ones terminated. */
  async refuseConnections(): Promise<void> {
    await admin(async (client) => {
      await client.query(`ALTER DATABASE "${this.name}" ALLOW_CONNECTIONS false`);
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [this.name]);
    });
  }

  async allowConnections(): Promise<void> {
    await admin((client) => client.query(`ALTER DATABASE "${this.name}" ALLOW_CONNECTIONS true`));
  }

  async drop(): Promise<void> {
    await admin(async (client) => {
      await client.query(`ALTER DATABASE "${this.name}" ALLOW_CONNECTIONS true`);
      await client.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`);
    });
  }
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
