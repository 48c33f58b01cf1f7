import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PortableRecord } from './portable-account';

/** Rows per staging INSERT (7 parameters each): one short statement, after which other writers get the lock. */
const STAGE_CHUNK = 500;
/** Staged rows older than this belong to an import whose process died: swept by the next import. */
const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * The staging table of imports (migration 1765000231000). Staging runs outside any transaction: each
 * chunk is one statement, so SQLite's write lock is held for one chunk at a time and every other
 * request's writes go in between. No route reads this table, so a reader never sees a half import;
 * the import's final transaction moves the rows (ImportTransaction.moveStagedRecords).
 */
@Injectable()
export class ImportStaging {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The user's sync revision now (0 before any write): the import's final transaction checks that nothing was written since. */
  async userRevision(userId: number): Promise<number> {
    const [sql, values] = this.sql('SELECT revision FROM sync_revisions WHERE user_id = :userId', { userId });
    const rows: { revision: number | string }[] = await this.dataSource.query(sql, values);
    return rows.length === 0 ? 0 : Number(rows[0].revision);
  }

  async stage(importId: string, userId: number, habitIndex: number, records: readonly PortableRecord[]): Promise<void> {
    for (let start = 0; start < records.length; start += STAGE_CHUNK) {
      const parameters: Record<string, unknown> = { importId, userId, habitIndex, now: Date.now() };
      const rows = records.slice(start, start + STAGE_CHUNK).map((record, i) => {
        Object.assign(parameters, { [`d${i}`]: record.date, [`s${i}`]: record.status, [`v${i}`]: record.value, [`n${i}`]: record.note });
        return `(:importId, :userId, :habitIndex, :d${i}, :s${i}, :v${i}, :n${i}, :now)`;
      });
      const [sql, values] = this.sql(`INSERT INTO import_staged_records (import_id, user_id, habit_index, date, status, value, note, staged_at) VALUES ${rows.join(', ')}`, parameters);
      await this.dataSource.query(sql, values);
    }
  }

  /** One statement per habit (a few thousand rows each), not one for the whole import. */
  async discard(importId: string, habitIndexes: readonly number[]): Promise<void> {
    for (const habitIndex of habitIndexes) {
      const [sql, values] = this.sql('DELETE FROM import_staged_records WHERE import_id = :importId AND habit_index = :habitIndex', { importId, habitIndex });
      await this.dataSource.query(sql, values);
    }
  }

  async sweepStale(): Promise<void> {
    const [sql, values] = this.sql('DELETE FROM import_staged_records WHERE staged_at < :before', { before: Date.now() - STALE_AFTER_MS });
    await this.dataSource.query(sql, values);
  }

  private sql(statement: string, parameters: Record<string, unknown>): [string, unknown[]] {
    return this.dataSource.driver.escapeQueryWithParameters(statement, parameters, {});
  }
}
