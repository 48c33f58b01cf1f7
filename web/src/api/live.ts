import type { QueryClient } from '@tanstack/react-query';
import { api } from './client';

/** The groups a `change` event names; each is the first element of the query keys it covers. */
export const GROUPS = ['categories', 'habits', 'records', 'analytics', 'profile'] as const;
const RECONNECT_MS = [1000, 2000, 5000, 10000, 30000];

interface ChangeEvent {
  groups?: string[];
}

/**
 * Follows the change feed (`GET /api/events`, authenticated by a single-use ticket since an
 * EventSource cannot send headers) and refetches the groups each `change` names. After an `end`
 * or a drop it reconnects with a fresh ticket (EventSource's own retry would present the spent
 * one). Returns a function that stops it.
 */
export function followChanges(queryClient: QueryClient): () => void {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let stopped = false;
  let dropped = false;

  const reconnect = (): void => {
    dropped = true;
    source?.close();
    source = null;
    if (stopped) return;
    timer = setTimeout(() => void connect(), RECONNECT_MS[Math.min(failures++, RECONNECT_MS.length - 1)]);
  };

  const connect = async (): Promise<void> => {
    const { data } = await api.POST('/api/events/ticket').catch(() => ({ data: undefined }));
    if (stopped) return;
    if (!data) return reconnect();
    source = new EventSource(`/api/events?ticket=${encodeURIComponent(data.ticket)}`);
    source.onopen = () => {
      // Whatever changed while the stream was down was not announced: refetch it all once.
      if (dropped) for (const group of GROUPS) void queryClient.invalidateQueries({ queryKey: [group] });
      dropped = false;
      failures = 0;
    };
    source.addEventListener('change', (event) => {
      const groups = (JSON.parse((event as MessageEvent<string>).data) as ChangeEvent).groups ?? [...GROUPS];
      for (const group of groups) void queryClient.invalidateQueries({ queryKey: [group] });
    });
    source.addEventListener('end', reconnect);
    source.onerror = reconnect;
  };

  void connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}
