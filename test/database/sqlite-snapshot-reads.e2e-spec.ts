import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { expectDatabaseUnavailable } from '../reliability/reliability-support';
import { ApiClient, Session } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

const LOCK_TIMEOUT_MS = 1000;

/** A promise with its resolve function: a point the test decides when to pass. */
function gateOpenedByTest(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * Issue 21 part 4: on SQLite, read snapshots are deferred read transactions on a connection of
 * their own (WAL), outside the write gate; writes still take the write lock one at a time.
 * Every assertion is about order (the read answered while the write lock was still held), never time.
 */
describe('SQLite read snapshots beside writes', () => {
  let testApp: TestApp;
  let api: ApiClient;
  let session: Session;
  let path: string;
  let runner: TransactionRunner;

  beforeAll(async () => {
    testApp = await startTestApp({ database: 'sqlite', env: { DATABASE_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS), LOG_LEVEL: 'silent' } });
    path = testApp.database.env.DATABASE_URL.slice('sqlite:'.length);
    api = new ApiClient(testApp.app);
    session = await api.register({ password: 'correct horse battery' });
    await api.createHabit(session);
    runner = testApp.app.get(TransactionRunner);
  });

  afterAll(() => testApp?.close());

  /** `sqlite3` holding the file's write lock (an open write transaction), until release(). */
  async function holdWriteLock(): Promise<{ release(): Promise<void> }> {
    const cli: ChildProcessWithoutNullStreams = spawn('sqlite3', [path]);
    let output = '';
    cli.stdout.on('data', (chunk) => (output += chunk));
    cli.stdin.write("BEGIN IMMEDIATE;\nUPDATE habits SET name = name;\nSELECT 'locked';\n");
    while (!output.includes('locked')) await new Promise((resolve) => setTimeout(resolve, 20));
    return {
      release: async () => {
        const exited = new Promise((resolve) => cli.once('exit', resolve));
        cli.stdin.end('ROLLBACK;\n.quit\n');
        await exited;
      },
    };
  }

  it('answers an analytics read (a snapshot) while another process holds the write lock; a write still gets 503', async () => {
    const lock = await holdWriteLock();
    let lockReleased = false;
    try {
      const read = await api.as(session).get('/api/analytics/compliance');
      expect(lockReleased).toBe(false);
      expect(read.status).toBe(200);
      expect(read.body.habits).toHaveLength(1);
      expectDatabaseUnavailable(await api.as(session).post('/api/categories', { name: 'While locked' }));
    } finally {
      await lock.release();
      lockReleased = true;
    }
    expect((await api.as(session).post('/api/categories', { name: 'After the lock' })).status).toBe(201);
  });

  it('runs a snapshot while a write transaction of the same instance holds the gate, and the snapshot does not see it uncommitted', async () => {
    const commit = gateOpenedByTest();
    const writing = gateOpenedByTest();
    const write = runner.run(async (manager) => {
      await manager.query('UPDATE habits SET name = ?', ['Renamed in a transaction']);
      writing.open();
      await commit.opened;
    });
    await writing.opened;
    let committed = false;
    void write.then(() => (committed = true));
    const names = await runner.run((manager) => manager.query<{ name: string }[]>('SELECT name FROM habits'), { snapshot: true });
    expect(committed).toBe(false);
    expect(names.map((row) => row.name)).not.toContain('Renamed in a transaction');
    commit.open();
    await write;
    const after = await runner.run((manager) => manager.query<{ name: string }[]>('SELECT name FROM habits'), { snapshot: true });
    expect(after.map((row) => row.name)).toEqual(['Renamed in a transaction']);
  });

  it('refuses a write sent through a snapshot (its connection is query-only), and leaves the data unchanged', async () => {
    const attempt = runner.run((manager) => manager.query('UPDATE habits SET name = ?', ['Written through a read']), { snapshot: true });
    await expect(attempt).rejects.toThrow(/readonly|read-only|query_only/i);
    const names = await testApp.app.get(DataSource).query<{ name: string }[]>('SELECT name FROM habits');
    expect(names.map((row) => row.name)).not.toContain('Written through a read');
  });
});
