import { EntityManager } from 'typeorm';
import { SyncRevision } from './sync-revision.entity';
import { SyncTombstone, TombstoneKind } from './sync-tombstone.entity';

/** A deleted category or habit (`entityId` its id), or a deleted record (`entityId` its habit, and its date). */
export interface Deletion {
  kind: TombstoneKind;
  entityId: number;
  date?: string;
  /** When it was deleted (a deletion made offline keeps its time); default now. */
  at?: Date;
}

/** The user's next sync revision (UserWrites.write calls it first in every write's transaction). */
export async function bumpRevision(manager: EntityManager, userId: number): Promise<number> {
  const [sql, parameters] = manager.connection.driver.escapeQueryWithParameters(
    'INSERT INTO sync_revisions (user_id, revision, purged_revision) VALUES (:userId, 1, 0) ' +
      'ON CONFLICT (user_id) DO UPDATE SET revision = sync_revisions.revision + 1',
    { userId },
    {},
  );
  await manager.query(sql, parameters);
  const row = await manager.findOneByOrFail(SyncRevision, { userId });
  return row.revision;
}

/** Tombstones of rows deleted by the transaction that bumped `revision` (records of a deleted habit are implied by the habit's). */
export async function recordDeletions(manager: EntityManager, userId: number, revision: number, deletions: Deletion[]): Promise<void> {
  if (deletions.length === 0) return;
  const now = new Date();
  const rows = deletions.map(({ kind, entityId, date, at }) => ({ userId, kind, entityId, date: date ?? null, revision, deletedAt: at ?? now }));
  for (let start = 0; start < rows.length; start += TOMBSTONE_CHUNK) {
    await manager.insert(SyncTombstone, rows.slice(start, start + TOMBSTONE_CHUNK));
  }
}

/** Rows per INSERT (7 parameters each: far below SQLite's limit on bound variables). */
const TOMBSTONE_CHUNK = 100;
