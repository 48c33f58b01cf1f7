import { onlineManager } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { outbox } from '../offline/outbox';
import type { QueuedCheckIn } from '../offline/store';

/** The check-in waiting in the outbox for this habit and day, if any (it shows instead of the API's record). */
export function useWaitingCheckIn(habitId: number, date: string): QueuedCheckIn | undefined {
  return useSyncExternalStore(outbox.subscribe, outbox.waiting).get(`${habitId}/${date}`);
}

function useQueryOnline(): boolean {
  return useSyncExternalStore(onlineManager.subscribe.bind(onlineManager), () => onlineManager.isOnline());
}

/**
 * One quiet line above Today: offline, that its figures are as last computed (when); after a
 * replay, that a newer change from another device was kept, or that the API refused the queue.
 */
export function SyncStatus({ computedAt }: { computedAt: number }) {
  const { t, i18n } = useTranslation();
  const online = useQueryOnline();
  const notice = useSyncExternalStore(outbox.subscribe, outbox.notice);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }).format(computedAt);
  return (
    <div role="status" className="sync-status">
      {!online && <p className="meta">{t('offline.lastComputed', { time })}</p>}
      {notice && <p className="meta">{t(notice === 'conflict' ? 'offline.conflict' : 'offline.refused')}</p>}
    </div>
  );
}
