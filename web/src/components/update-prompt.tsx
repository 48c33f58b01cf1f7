import { useSyncExternalStore } from 'react';
import { updates } from '../api/service-worker';

/** "A new version is ready": shown while an updated service worker waits; Reload switches to it. */
export function UpdatePrompt() {
  const apply = useSyncExternalStore(updates.subscribe, updates.waiting);
  if (!apply) return null;
  return (
    <div className="update-prompt" role="status">
      <span>A new version is ready.</span>
      <button type="button" onClick={apply}>
        Reload
      </button>
    </div>
  );
}
