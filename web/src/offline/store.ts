import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** A check-in made without a network, waiting to be sent through `POST /api/records/batch`. */
export interface QueuedCheckIn {
  habitId: number;
  date: string;
  /** null deletes the day's record. */
  status: 'done' | 'skipped' | null;
  value?: number;
  /** When the person made the change (API.md § Records, writes made offline). */
  clientUpdatedAt: string;
}

interface OfflineSchema extends DBSchema {
  /** The last good answers of the queries Today needs (a dehydrated TanStack Query cache). */
  queries: { key: string; value: unknown };
  /** Check-ins in the order they were made (auto-increment keys). */
  outbox: { key: number; value: QueuedCheckIn };
}

let database: Promise<IDBPDatabase<OfflineSchema>> | null = null;

/** This browser's offline store (IndexedDB `habit-tracker-offline`). */
export function offlineDb(): Promise<IDBPDatabase<OfflineSchema>> {
  database ??= openDB<OfflineSchema>('habit-tracker-offline', 1, {
    upgrade(db) {
      db.createObjectStore('queries');
      db.createObjectStore('outbox', { autoIncrement: true });
    },
  });
  return database;
}

/** Forgets everything stored for the signed-out account. */
export async function clearOfflineStore(): Promise<void> {
  const db = await offlineDb();
  await Promise.all([db.clear('queries'), db.clear('outbox')]);
}
