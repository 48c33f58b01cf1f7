import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { privateRedisUrl, TestApp } from '../support/test-app';
import { buildWebApp, collectProblems, deliverPush, launchChromium, pollPage, privateWebDist, startListeningApp } from './browser-support';

/**
 * The installable app in a real Chromium: the manifest Chromium reads, the service worker active
 * and controlling the page, the app shell opening from its precache, and a Web Push message
 * (delivered through the DevTools protocol, as a push service would) shown as a notification.
 */
describe('the installable web app (manifest, service worker, push)', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  /** The suite deploys a new worker script: into a copy of web/dist of its own. */
  let webDist: string;

  beforeAll(async () => {
    buildWebApp();
    webDist = privateWebDist();
    ({ testApp, baseUrl } = await startListeningApp({ database: 'sqlite', redisUrl: await privateRedisUrl(8), env: { WEB_DIST_DIR: webDist } }));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    context.setDefaultTimeout(8000);
    await context.grantPermissions(['notifications'], { origin: baseUrl });
    page = await context.newPage();
    problems = collectProblems(page);
    await page.goto(baseUrl);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
    if (webDist) rmSync(webDist, { recursive: true, force: true });
  });

  it('links a manifest with what the installability check wants', async () => {
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const response = await page.request.get(new URL(href ?? '', baseUrl).href);
    expect(response.headers()['content-type']).toMatch(/manifest\+json|json/);
    const manifest = (await response.json()) as Record<string, unknown> & { icons: { src: string; sizes: string; purpose?: string }[] };
    expect(manifest).toMatchObject({ name: 'Habit tracker', short_name: 'Habits', display: 'standalone', start_url: '/', theme_color: '#1b6b3a' });
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons) {
      const file = await page.request.get(new URL(icon.src, baseUrl).href);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toBe('image/png');
    }
  });

  it('registers a service worker that becomes active, served without a long cache and with the web CSP', async () => {
    const ready = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return { scope: registration.scope, script: registration.active?.scriptURL };
    });
    expect(ready).toEqual({ scope: `${baseUrl}/`, script: `${baseUrl}/sw.js` });
    const script = await page.request.get(`${baseUrl}/sw.js`);
    expect(script.headers()['cache-control']).toBe('no-cache');
    expect(script.headers()['content-security-policy']).toContain("connect-src 'self'");
  });

  it('opens the app shell from the precache when the network is gone, and signs in when it returns', async () => {
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    try {
      await page.goto(`${baseUrl}/habits`);
      await page.getByRole('status').getByText('You are offline.', { exact: false }).waitFor();
    } finally {
      await context.setOffline(false);
    }
    // No reload: the page sends its refresh once the network is back (a first visit: signed out).
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  });

  it('shows a pushed reminder as a notification with its tag, its Done action and its data', async () => {
    const payload = { type: 'reminder', title: 'Time to Read', body: 'Read is due today', habitId: 7, date: '2026-12-04', tag: 'habit-7', actions: [{ action: 'done', title: 'Done' }], doneUrl: '/api/reminders/done?token=x' };
    await deliverPush(context, page, baseUrl, JSON.stringify(payload));
    const shown = await pollPage(page, 'the notification is shown', async () => {
      const notifications = await (await navigator.serviceWorker.ready).getNotifications();
      return notifications.map((notification) => ({ title: notification.title, body: notification.body, tag: notification.tag, actions: (notification as Notification & { actions: unknown }).actions, data: notification.data as unknown }))[0] ?? false;
    });
    expect(shown).toEqual({
      title: 'Time to Read',
      body: 'Read is due today',
      tag: 'habit-7',
      actions: [expect.objectContaining({ action: 'done', title: 'Done' })],
      data: { habitId: 7, date: '2026-12-04', doneUrl: '/api/reminders/done?token=x', type: 'reminder' },
    });
  });

  it('offers a reload when a new version is deployed, and the new worker takes over when asked', async () => {
    const script = join(webDist, 'sw.js');
    const original = readFileSync(script);
    const controller = () => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    try {
      // A deploy: the worker script changes byte for byte; the page's update check finds it waiting.
      appendFileSync(script, '\n// a new version\n');
      await page.evaluate(async () => void (await (await navigator.serviceWorker.ready).update()));
      await page.getByRole('status').getByText('A new version is ready.').waitFor();
      const reloaded = page.waitForEvent('load');
      await page.getByRole('button', { name: 'Reload', exact: true }).click();
      await reloaded;
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
      expect(await page.getByText('A new version is ready.').count()).toBe(0);
      expect(await controller()).toBe('activated');
    } finally {
      writeFileSync(script, original);
    }
  });

  it('ran without a console error or a failed request', () => {
    expect(problems).toEqual([]);
  });
});
