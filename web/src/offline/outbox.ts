import type { QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { offlineDb, type QueuedCheckIn } from './store';

type Listener = () => void;
export type SyncNotice = 'conflict' | 'refused' | null;

/** The last waiting change of each `habitId/date` in the outbox, and the last replay's notice. */
let waiting: ReadonlyMap<string, QueuedCheckIn> = new Map();
let notice: SyncNotice = null;
const listeners = new Set<Listener>();

function emit(): void {
  for (const listener of listeners) listener();
}

const keyOf = (item: { habitId: number; date: string }) => `${item.habitId}/${item.date}`;

export const outbox = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** The check-in waiting for this habit and day, if any. */
  waitingFor: (habitId: number, date: string) => waiting.get(`${habitId}/${date}`),
  waiting: () => waiting,
  notice: () => notice,
};

async function refreshWaiting(): Promise<void> {
  const items = await (await offlineDb()).getAll('outbox');
  waiting = new Map(items.map((item) => [keyOf(item), item]));
  emit();
}

/** Adds a check-in made without a network to the outbox. */
export async function enqueue(item: QueuedCheckIn): Promise<void> {
  await (await offlineDb()).add('outbox', item);
  await refreshWaiting();
}

/** Loads which check-ins are waiting (at start, before the first replay). */
export const loadOutbox = (): Promise<void> => refreshWaiting().catch(() => undefined);

/** The outbox in order, reduced to the last change of each habit and day (a batch names each once). */
function lastChanges(items: QueuedCheckIn[]): QueuedCheckIn[] {
  const last = new Map<string, QueuedCheckIn>();
  for (const item of items) {
    last.delete(keyOf(item));
    last.set(keyOf(item), item);
  }
  return [...last.values()];
}

function batchBody(items: QueuedCheckIn[]) {
  const put = items
    .filter((item) => item.status !== null)
    .map(({ habitId, date, status, value, clientUpdatedAt }) => ({ habitId, date, status: status!, ...(value === undefined ? {} : { value }), clientUpdatedAt }));
  const remove = items.filter((item) => item.status === null).map(({ habitId, date, clientUpdatedAt }) => ({ habitId, date, clientUpdatedAt }));
  return { ...(put.length ? { put } : {}), ...(remove.length ? { delete: remove } : {}) };
}

let replaying: Promise<void> | null = null;

/**
 * Sends the outbox through `POST /api/records/batch` (each item with its `clientUpdatedAt`), then
 * removes what was sent. Conflicts mean a newer change won on the server: the cache is refetched
 * and one notice says so. A network failure leaves the outbox for the next try; a refusal (4xx)
 * drops the items (the API wrote none of them) and says so. One replay at a time.
 */
export function replayOutbox(client: QueryClient): Promise<void> {
  replaying ??= sendOutbox(client)
    .catch(() => undefined)
    .finally(() => (replaying = null));
  return replaying;
}

const BATCH_LIMIT = 500;

async function sendOutbox(client: QueryClient): Promise<void> {
  const db = await offlineDb();
  const keys = await db.getAllKeys('outbox', undefined, BATCH_LIMIT);
  if (keys.length === 0) return;
  const items = lastChanges(await db.getAll('outbox', undefined, BATCH_LIMIT));
  const { data, response } = await api.POST('/api/records/batch', { body: batchBody(items) });
  // Only a 400 (bad input: nothing written) drops the items; anything else is tried again later.
  if (!data && response.status !== 400) return;
  await Promise.all(keys.map((key) => db.delete('outbox', key)));
  if (!data) notice = 'refused';
  else if (data.conflicts.length > 0) notice = 'conflict';
  await refreshWaiting();
  await client.invalidateQueries({ queryKey: ['records'] });
  await client.invalidateQueries({ queryKey: ['analytics'] });
  if ((await db.count('outbox')) > 0) await sendOutbox(client);
}
