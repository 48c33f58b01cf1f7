import { dehydrate, hydrate, type Query, type QueryClient } from '@tanstack/react-query';
import { offlineDb } from './store';

/** The query groups Today reads: their last good answers let it open without a network. */
const KEPT_GROUPS = new Set(['profile', 'habits', 'records', 'analytics']);
const CACHE_KEY = 'today';
const SAVE_DELAY_MS = 250;

/** Today's groups, and of the profile only the user (not the session list with its devices and addresses). */
function kept(query: Query): boolean {
  const [group, which] = query.queryKey;
  if (query.state.status !== 'success' || !KEPT_GROUPS.has(String(group))) return false;
  return group !== 'profile' || which === 'me';
}

/** Puts the stored answers back into the query cache (before the first render); true when there were some. */
export async function restoreQueries(client: QueryClient): Promise<boolean> {
  try {
    const stored = await (await offlineDb()).get('queries', CACHE_KEY);
    if (!stored) return false;
    hydrate(client, stored);
    return true;
  } catch {
    return false;
  }
}

/** Saves the kept queries to IndexedDB a moment after any of them changes. Returns the unsubscribe. */
export function persistQueries(client: QueryClient): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    const state = JSON.parse(JSON.stringify(dehydrate(client, { shouldDehydrateQuery: kept }))) as unknown;
    void offlineDb().then((db) => db.put('queries', state, CACHE_KEY)).catch(() => undefined);
  };
  const unsubscribe = client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || !KEPT_GROUPS.has(String(event.query.queryKey[0]))) return;
    timer ??= setTimeout(save, SAVE_DELAY_MS);
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
