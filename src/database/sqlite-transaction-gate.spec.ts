import type { QueryRunner } from 'typeorm';
import { SqliteTransactionGate } from './sqlite-transaction-gate';

/** A stand-in for TypeORM's one SQLite query runner: it logs statements, each taking a few ticks. */
function fakeRunner(log: string[]): QueryRunner {
  const runner = {
    query: async (sql: string) => {
      log.push(`start ${sql}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
      log.push(`end ${sql}`);
      return [];
    },
  };
  return runner as unknown as QueryRunner;
}

describe('SqliteTransactionGate', () => {
  it('holds statements from outside a running transaction until it ends', async () => {
    const log: string[] = [];
    const runner = fakeRunner(log);
    const gate = new SqliteTransactionGate();
    gate.install(runner);
    const transaction = gate.run(async () => {
      await runner.query('BEGIN');
      await new Promise((resolve) => setTimeout(resolve, 5));
      await runner.query('UPDATE');
      await runner.query('COMMIT');
    });
    await new Promise((resolve) => setImmediate(resolve));
    const outside = runner.query('SELECT outside');
    await Promise.all([transaction, outside]);
    expect(log.indexOf('start SELECT outside')).toBeGreaterThan(log.indexOf('end COMMIT'));
  });

  it('starts a transaction only once the statements already sent from outside have finished', async () => {
    const log: string[] = [];
    const runner = fakeRunner(log);
    const gate = new SqliteTransactionGate();
    gate.install(runner);
    const outside = runner.query('SELECT before');
    const transaction = gate.run(() => runner.query('BEGIN'));
    await Promise.all([outside, transaction]);
    expect(log).toEqual(['start SELECT before', 'end SELECT before', 'start BEGIN', 'end BEGIN']);
  });

  it('runs transactions one at a time, in order, even when one fails', async () => {
    const log: string[] = [];
    const runner = fakeRunner(log);
    const gate = new SqliteTransactionGate();
    gate.install(runner);
    const work = (name: string, fail = false) =>
      gate.run(async () => {
        await runner.query(`BEGIN ${name}`);
        if (fail) throw new Error(name);
        await runner.query(`COMMIT ${name}`);
      });
    const results = await Promise.allSettled([work('a'), work('b', true), work('c')]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log.filter((line) => line.startsWith('start'))).toEqual(['start BEGIN a', 'start COMMIT a', 'start BEGIN b', 'start BEGIN c', 'start COMMIT c']);
  });

  it('refuses a nested transaction instead of waiting for itself forever', async () => {
    const gate = new SqliteTransactionGate();
    gate.install(fakeRunner([]));
    await expect(gate.run(() => gate.run(async () => 1))).rejects.toThrow(/do not nest/);
  });

  it('fails a transaction that waited in line longer than waitMs with SQLITE_BUSY, and keeps the order for the rest', async () => {
    const log: string[] = [];
    const runner = fakeRunner(log);
    const gate = new SqliteTransactionGate(20);
    gate.install(runner);
    const slow = gate.run(async () => {
      await runner.query('BEGIN slow');
      await new Promise((resolve) => setTimeout(resolve, 60));
      await runner.query('COMMIT slow');
    });
    const late = gate.run(() => runner.query('BEGIN late'));
    await expect(late).rejects.toMatchObject({ code: 'SQLITE_BUSY', message: expect.stringMatching(/^SQLITE_BUSY: database is locked/) });
    await slow;
    await gate.run(() => runner.query('BEGIN next'));
    expect(log.filter((line) => line.startsWith('start'))).toEqual(['start BEGIN slow', 'start COMMIT slow', 'start BEGIN next']);
  });
});
