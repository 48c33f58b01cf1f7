import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import type { HabitKind, RecordStatus, TargetType } from '../habits/habit-schedule';
import type { AnalyticsHabit, AnalyticsRecord } from './analytics.types';

/** A habit as the analytics read it, with the revision of its records (bumped by the database). */
export interface HistoryHabit extends AnalyticsHabit {
  historyRev: number;
}

export interface StoredCheckpoint {
  habitId: number;
  day: string;
  rules: string;
  state: string;
}

/** Records of one habit from `since` on. */
export interface RecordSpan {
  habitId: number;
  since: string;
}

interface HabitRow {
  id: number;
  name: string;
  schedule: string;
  kind: HabitKind;
  target: number;
  target_type: TargetType | null;
  start_date: string;
  position: number;
  history_rev: number;
}

interface PackedRecordsRow {
  habit_id: number;
  records: string;
}

const HABIT_COLUMNS = 'id, name, schedule, kind, target, target_type, start_date, position, history_rev';

function toHistoryHabit(row: HabitRow): HistoryHabit {
  return {
    id: Number(row.id),
    name: row.name,
    schedule: JSON.parse(row.schedule) as AnalyticsHabit['schedule'],
    kind: row.kind,
    target: Number(row.target),
    targetType: row.target_type,
    startDate: row.start_date,
    position: Number(row.position),
    historyRev: Number(row.history_rev),
  };
}

/**
 * The analytics' reads: plain columns as raw rows (no entity hydration), scoped by the owner's id, and
 * the checkpoints of the walk (docs/analytics.md). SQL is written once with `?` placeholders.
 */
@Injectable()
export class HistoryRepository {
  private readonly postgres: boolean;
  /** What the queries run on: the data source, or the manager of a snapshot (inSnapshot). */
  private manager: Pick<EntityManager, 'query'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
  ) {
    this.postgres = dataSource.options.type === 'postgres';
    this.manager = dataSource;
  }

  /**
   * Runs `read` with this repository's queries in one transaction that sees one snapshot: a report
   * reads the habits, then their checkpoints and records, and a write committed in between (on
   * another instance) must not give it the habits of one moment and the records of another.
   */
  inSnapshot<T>(read: (history: HistoryRepository) => Promise<T>): Promise<T> {
    return this.transactions.run((manager) => read(this.boundTo(manager)), { snapshot: true });
  }

  private boundTo(manager: EntityManager): HistoryRepository {
    const bound = new HistoryRepository(this.dataSource, this.transactions);
    bound.manager = manager;
    return bound;
  }

  /** The user's habits with the given archived flag (of one category when asked), by position, then id. */
  async listHabits(userId: number, archived: boolean, categoryId?: number): Promise<HistoryHabit[]> {
    const category = categoryId === undefined ? '' : ' AND category_id = ?';
    const params: unknown[] = [userId, archived, ...(categoryId === undefined ? [] : [categoryId])];
    const rows = await this.query<HabitRow>(
      `SELECT ${HABIT_COLUMNS} FROM habits WHERE user_id = ? AND archived = ?${category} ORDER BY position, id`,
      params,
    );
    return rows.map(toHistoryHabit);
  }

  /** One of the user's habits, archived or not. */
  async findHabit(userId: number, habitId: number): Promise<HistoryHabit | null> {
    const rows = await this.query<HabitRow>(`SELECT ${HABIT_COLUMNS} FROM habits WHERE user_id = ? AND id = ?`, [userId, habitId]);
    return rows.length === 0 ? null : toHistoryHabit(rows[0]);
  }

  /** The current `history_rev` of each of the user's given habits. */
  async historyRevs(userId: number, habitIds: number[]): Promise<Map<number, number>> {
    if (habitIds.length === 0) return new Map();
    const rows = await this.query<{ id: number; history_rev: number }>(
      `SELECT id, history_rev FROM habits WHERE user_id = ? AND id IN (${marks(habitIds.length)})`,
      [userId, ...habitIds],
    );
    return new Map(rows.map((row) => [Number(row.id), Number(row.history_rev)]));
  }

  /** Per habit, its latest checkpoint of the given rules dated before `before` (one index probe each). */
  latestCheckpoints(habits: { habitId: number; rules: string }[], before: string): Promise<StoredCheckpoint[]> {
    if (habits.length === 0) return Promise.resolve([]);
    const one =
      'SELECT * FROM (SELECT habit_id AS "habitId", day AS "day", rules AS "rules", state AS "state" FROM habit_checkpoints' +
      ' WHERE habit_id = ? AND rules = ? AND day < ? ORDER BY day DESC LIMIT 1) AS latest';
    return this.query<StoredCheckpoint>(
      habits.map(() => one).join(' UNION ALL '),
      habits.flatMap((habit) => [habit.habitId, habit.rules, before]),
    );
  }

  /**
   * Status and value of the records of each span (its habit, from `since`) up to `to`; habits sharing
   * a `since` share a clause. One row per habit, its records packed in one string (`packedRecords`):
   * turning thousands of rows into JavaScript objects field by field cost more than the query itself.
   */
  async recordsInSpans(userId: number, spans: RecordSpan[], to: string): Promise<AnalyticsRecord[]> {
    if (spans.length === 0) return [];
    const bySince = new Map<string, number[]>();
    for (const span of spans) bySince.set(span.since, [...(bySince.get(span.since) ?? []), span.habitId]);
    const clauses: string[] = [];
    const params: unknown[] = [userId, to];
    for (const [since, ids] of bySince) {
      clauses.push(`(habit_id IN (${marks(ids.length)}) AND date >= ?)`);
      params.push(...ids, since);
    }
    const rows = await this.query<PackedRecordsRow>(
      // `user_id + 0`: still scoped by the owner, but the planner probes the (habit_id, date) index per
      // span instead of scanning the owner's whole history through (user_id, date).
      `SELECT habit_id, ${this.packedRecords} AS records FROM habit_records WHERE user_id + 0 = ? AND date <= ? AND (${clauses.join(' OR ')}) GROUP BY habit_id`,
      params,
    );
    const records: AnalyticsRecord[] = [];
    for (const row of rows) unpackRecords(Number(row.habit_id), row.records, records);
    return records;
  }

  /**
   * Stores checkpoints of one habit, only while its records are still at revision `rev` (the one read
   * before its records): a record written meanwhile bumps it, so nothing computed from older records is
   * kept. On PostgreSQL the habit row is share-locked by the statement, so a concurrent record write
   * either commits first (and the revision no longer matches) or waits and then drops what was stored.
   */
  async saveCheckpoints(habitId: number, rev: number, rules: string, rows: { day: string; state: string }[]): Promise<void> {
    if (rows.length === 0) return;
    const values = rows.flatMap((row) => [row.day, rules, row.state]);
    const upsert = 'ON CONFLICT (habit_id, day) DO UPDATE SET rules = excluded.rules, state = excluded.state';
    if (this.postgres) {
      const tuples = rows.map(() => '(?, ?, ?)').join(', ');
      await this.query(
        `WITH h AS (SELECT id FROM habits WHERE id = ? AND history_rev = ? FOR SHARE)
         INSERT INTO habit_checkpoints (habit_id, day, rules, state)
         SELECT h.id, v.day, v.rules, v.state FROM h, (VALUES ${tuples}) AS v(day, rules, state) ${upsert}`,
        [habitId, rev, ...values],
      );
      return;
    }
    const selects = rows.map(() => 'SELECT id, ?, ?, ? FROM habits WHERE id = ? AND history_rev = ?').join(' UNION ALL ');
    const params = rows.flatMap((row) => [row.day, rules, row.state, habitId, rev]);
    await this.query(`INSERT INTO habit_checkpoints (habit_id, day, rules, state) ${selects} ${upsert}`, params);
  }

  /**
   * `date status value,date status value,…`: dates and statuses hold no space or comma, and values are
   * written so that they read back exactly (PostgreSQL's float8 text is the shortest exact one; SQLite
   * is asked for 17 significant digits with its `!` flag: without it, it stops at 16).
   */
  private get packedRecords(): string {
    return this.postgres
      ? "string_agg(date || ' ' || status || ' ' || value::text, ',')"
      : "group_concat(date || ' ' || status || ' ' || printf('%!.17g', value), ',')";
  }

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    let index = 0;
    const text = this.postgres ? sql.replace(/\?/g, () => `$${++index}`) : sql;
    return this.manager.query<T[]>(text, params);
  }
}

/** Appends the records packed by `packedRecords` to `into`. */
export function unpackRecords(habitId: number, packed: string, into: AnalyticsRecord[]): void {
  let at = 0;
  while (at < packed.length) {
    const statusEnd = packed.indexOf(' ', at + 11);
    const valueEnd = packed.indexOf(',', statusEnd);
    const end = valueEnd === -1 ? packed.length : valueEnd;
    into.push({ habitId, date: packed.slice(at, at + 10), status: knownStatus(packed.slice(at + 11, statusEnd)), value: Number(packed.slice(statusEnd + 1, end)) });
    at = end + 1;
  }
}

/** The literal of a status, so that records share their strings instead of holding slices of the packed row. */
function knownStatus(status: string): RecordStatus {
  if (status === 'done') return 'done';
  if (status === 'skipped') return 'skipped';
  return status as RecordStatus;
}

function marks(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
