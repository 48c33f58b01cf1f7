import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { updates } from '../api/service-worker';

/** "A new version is ready": shown while an updated service worker waits; Reload switches to it. */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const apply = useSyncExternalStore(updates.subscribe, updates.waiting);
  if (!apply) return null;
  return (
    <div className="update-prompt" role="status">
      <span>{t('app.updateReady')}</span>
      <button type="button" onClick={apply}>
        {t('app.reload')}
      </button>
    </div>
  );
}
