import { HabitRecord } from './habit-record.entity';
import { keyOf, RecordKey, RecordPut } from './record-keys';

/**
 * Writes made offline (API.md § Records): an item carrying `clientUpdatedAt` is applied only when
 * the record's current state is not newer than it. `changedAt` is that time, already capped at the
 * server's clock; an item without it (a v2 client) is always applied.
 */
export interface Timed {
  changedAt?: Date;
}

export type TimedPut = RecordPut & Timed;
export type TimedDelete = RecordKey & Timed;

/** What the database holds for the batch's keys: the live records, and the time of each key's last deletion. */
export interface StoredState {
  records: Map<string, HabitRecord>;
  deletedAt: Map<string, Date>;
}

export interface LostItem {
  op: 'put' | 'delete';
  index: number;
  key: RecordKey;
  current: HabitRecord | null;
}

export interface BatchPlan {
  /** Puts to write (insert or replace). */
  puts: TimedPut[];
  /** Records to delete (only those that exist). */
  deletes: { record: HabitRecord; changedAt?: Date }[];
  /** Puts already holding exactly this change (a replay): nothing to write, answered as written. */
  unchanged: RecordKey[];
  /** Items that lost to a newer state. */
  lost: LostItem[];
}

export function planBatch(puts: TimedPut[], deletes: TimedDelete[], stored: StoredState): BatchPlan {
  const plan: BatchPlan = { puts: [], deletes: [], unchanged: [], lost: [] };
  puts.forEach((put, index) => planPut(plan, put, index, stored));
  deletes.forEach((item, index) => {
    const current = stored.records.get(keyOf(item)) ?? null;
    if (!current) return;
    if (item.changedAt && isAfter(current.updatedAt, item.changedAt)) plan.lost.push({ op: 'delete', index, key: keyOnly(item), current });
    else plan.deletes.push({ record: current, changedAt: item.changedAt });
  });
  return plan;
}

function planPut(plan: BatchPlan, put: TimedPut, index: number, stored: StoredState): void {
  const current = stored.records.get(keyOf(put)) ?? null;
  if (!put.changedAt) {
    plan.puts.push(put);
    return;
  }
  const newer = current ? current.updatedAt : stored.deletedAt.get(keyOf(put));
  if (newer && isAfter(newer, put.changedAt)) plan.lost.push({ op: 'put', index, key: keyOnly(put), current });
  else if (current && holdsChange(current, put)) plan.unchanged.push(keyOnly(put));
  else plan.puts.push(put);
}

/** The stored record already is this put, made at the same time: replaying it changes nothing. */
function holdsChange(current: HabitRecord, put: TimedPut): boolean {
  return (
    current.updatedAt.getTime() === put.changedAt?.getTime() &&
    current.status === put.status &&
    Number(current.value) === put.value &&
    current.note === put.note
  );
}

function isAfter(stored: Date, change: Date): boolean {
  return stored.getTime() > change.getTime();
}

function keyOnly(key: RecordKey): RecordKey {
  return { habitId: key.habitId, date: key.date };
}

/** `clientUpdatedAt` as the change's time: a time later than the server's clock counts as the server's clock. */
export function changeTime(clientUpdatedAt: string | undefined, now: Date): Date | undefined {
  if (clientUpdatedAt === undefined) return undefined;
  const time = new Date(clientUpdatedAt);
  return time.getTime() > now.getTime() ? now : time;
}
