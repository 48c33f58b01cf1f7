/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

/**
 * The service worker (vite-plugin-pwa, injectManifest): the app shell and the hashed assets are
 * precached (served cache-first: a hashed name never changes content), the app's routes open
 * from the precached index.html, and nothing under /api is touched: every API call goes to the
 * network and the browser's HTTP cache (ETags). Web Push shows the reminders of src/notifications.
 */
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

const APP_ROUTES = [/^\/(?:today|habits(?:\/\d+)?|analytics|settings)?\/?$/];

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { allowlist: APP_ROUTES }));

// The page's update prompt asks the waiting worker to take over (api/service-worker.ts).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

/** API.md's Web Push payload. */
interface PushPayload {
  type?: string;
  title?: string;
  body?: string;
  habitId?: number;
  date?: string;
  tag?: string;
  actions?: { action: string; title: string }[];
  doneUrl?: string;
}

function readPayload(event: PushEvent): PushPayload {
  try {
    return (event.data?.json() as PushPayload | undefined) ?? {};
  } catch {
    return { body: event.data?.text() };
  }
}

self.addEventListener('push', (event) => {
  const payload = readPayload(event);
  const options: NotificationOptions & { actions?: { action: string; title: string }[] } = {
    body: payload.body,
    tag: payload.tag,
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    actions: payload.actions ?? [],
    data: { habitId: payload.habitId, date: payload.date, doneUrl: payload.doneUrl, type: payload.type },
  };
  event.waitUntil(self.registration.showNotification(payload.title ?? 'Habit tracker', options));
});

self.addEventListener('notificationclick', (event) => {
  const data = (event.notification.data ?? {}) as PushPayload;
  event.notification.close();
  const page = data.habitId ? `/habits/${data.habitId}` : '/';
  const done = event.action === 'done' && data.doneUrl ? markDone(data.doneUrl) : Promise.resolve();
  event.waitUntil(done.then(() => openPage(page)));
});

/** The notification's "Done" button: a POST to the signed URL the server put in the payload. */
async function markDone(doneUrl: string): Promise<void> {
  try {
    await fetch(new URL(doneUrl, self.location.origin), { method: 'POST' });
  } catch {
    // Offline: the habit page the person lands on still lets them check it off.
  }
}

/** Focuses an open tab of the app and has it show `path` (its router, api/service-worker.ts), or opens one. */
async function openPage(path: string): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (!open) {
    await self.clients.openWindow(new URL(path, self.location.origin).href);
    return;
  }
  open.postMessage({ type: 'OPEN', path });
  await open.focus();
}
