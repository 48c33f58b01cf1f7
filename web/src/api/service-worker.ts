import { Workbox } from 'workbox-window';
import { navigate } from '../router';

/**
 * Registers the service worker (web/src/sw.ts, built to /sw.js) and tells `updates` when a new
 * version is installed and waiting: the page then offers to reload into it (components/update-prompt.tsx).
 */
type Listener = () => void;
const listeners = new Set<Listener>();
let applyUpdate: (() => void) | null = null;

export const updates = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** The function that activates the waiting version and reloads, or null while there is none. */
  waiting: () => applyUpdate,
};

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const workbox = new Workbox('/sw.js');
  workbox.addEventListener('waiting', () => {
    applyUpdate = () => {
      workbox.addEventListener('controlling', () => window.location.reload());
      workbox.messageSkipWaiting();
    };
    for (const listener of listeners) listener();
  });
  // A notification click in the service worker asks an open tab to show a habit.
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ type?: string; path?: string }>) => {
    if (event.data?.type === 'OPEN' && event.data.path?.startsWith('/')) navigate(event.data.path);
  });
  // `vite dev` serves no worker: the app works without one, as it does in a browser without support.
  workbox.register().catch(() => undefined);
}
