import type { Browser, BrowserContext, Page, Worker } from 'playwright-core';
import request from 'supertest';
import { DoneAction } from '../../src/reminders/done-action';
import { WebhookReceiver } from '../automation/webhook-receiver';
import { waitUntil } from '../ops/ops-support';
import { privateRedisUrl, TestApp } from '../support/test-app';
import { buildWebApp, collectProblems, deliverPush, launchChromium, pollPage, screenshot, startListeningApp } from './browser-support';

/** A habit's reminders and Settings › Notifications in a real Chromium against the real app. */
describe('reminders and notification settings in Chromium', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let receiver: WebhookReceiver;
  const email = `reminders-${Date.now()}@example.test`;
  const password = 'correct horse battery';

  beforeAll(async () => {
    buildWebApp();
    receiver = await WebhookReceiver.start();
    ({ testApp, baseUrl } = await startListeningApp({
      database: 'sqlite',
      redisUrl: await privateRedisUrl(14),
      env: { OUTBOUND_ALLOW_PRIVATE: 'true', OUTBOUND_ALLOW_HTTP: 'true' },
    }));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB' });
    await context.grantPermissions(['notifications'], { origin: baseUrl });
    context.setDefaultTimeout(8000);
    page = await context.newPage();
    problems = collectProblems(page);
    await page.goto(baseUrl);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Name', { exact: true }).fill('Ada');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: /^Today/ }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
    await receiver?.close();
  });

  it("adds a reminder on a habit's page, shows when it fires next, changes its days and deletes it", async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Habits', exact: true }).click();
    await page.getByRole('button', { name: 'New habit' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Meditate');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Meditate', exact: true }).click();
    const section = page.getByRole('region', { name: 'Reminders' });
    await section.getByLabel('New reminder at').fill('07:30');
    await section.getByRole('button', { name: 'Add reminder' }).click();
    await section.getByText(/^Next: /).waitFor();
    const days = section.getByRole('group', { name: 'Reminder at 07:30: days' });
    const sunday = days.getByRole('button').last();
    await sunday.click();
    await waitUntil(async () => (await sunday.getAttribute('aria-pressed')) === 'false', 'Sunday turned off');
    await screenshot(page, 'reminders-01-habit-reminders');
    expect((await asUser(`/api/habits/${habitIdOf(page.url())}/reminders`)).body).toEqual([expect.objectContaining({ time: '07:30', days: [1, 2, 3, 4, 5, 6] })]);
    await section.getByRole('button', { name: 'Delete the reminder at 07:30' }).click();
    await waitUntil(async () => (await section.getByText(/^Next: /).count()) === 0, 'the reminder gone');
  });

  it('adds a webhook channel with its secret shown once, sends a test to it, and lists the delivery', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    const section = page.getByRole('region', { name: 'Notifications' });
    await section.getByLabel('Send reminders to a URL').fill(receiver.url);
    await section.getByRole('button', { name: 'Add webhook' }).click();
    const shown = section.getByLabel('Signing secret');
    await shown.waitFor();
    receiver.secret = await shown.inputValue();
    await section.getByRole('button', { name: 'Done' }).click();
    await section.getByText(receiver.url).waitFor();
    await section.getByRole('button', { name: 'Send a test' }).click();
    await waitUntil(() => receiver.deliveries.length > 0, 'the test delivery');
    expect(receiver.deliveries[0]).toMatchObject({ signatureValid: true, body: { type: 'test' } });
    await page.reload();
    await page.getByRole('region', { name: 'Notifications' }).getByText(/last delivered/).waitFor({ timeout: 15_000 });
    await screenshot(page, 'reminders-02-notification-settings');
    expect(problems).toEqual([]);
  });

  it("marks the habit done from the pushed notification's Done action, and opens its page", async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Habits', exact: true }).click();
    await page.getByRole('link', { name: 'Meditate', exact: true }).click();
    const habitId = habitIdOf(page.url());
    await page.getByRole('navigation').getByRole('link', { name: 'Today', exact: true }).click();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const date = new Date().toISOString().slice(0, 10);
    const doneUrl = testApp.app.get(DoneAction).doneUrl({ timezone: 'UTC', dayStartHour: 0 }, habitId, date);
    const payload = { type: 'reminder', title: 'Meditate', body: 'Time for it: not done yet today', habitId, date, tag: `habit-${habitId}`, actions: [{ action: 'done', title: 'Done' }], doneUrl };
    await deliverPush(context, page, baseUrl, JSON.stringify(payload));
    await pollPage(page, 'the notification is shown', async () => (await (await navigator.serviceWorker.ready).getNotifications()).length === 1);
    // DevTools cannot press a notification's button: the worker receives the very event Chromium sends for it.
    // The click goes to the worker that shows the notification (a loaded machine may still list an
    // earlier, redundant worker first), once that worker sees it.
    const clickDone = (worker: Worker) =>
      worker.evaluate(async () => {
        // The worker's globals (the test is compiled with Node's types, which have no ServiceWorkerGlobalScope).
        const scope = self as unknown as {
          registration: { getNotifications(): Promise<Notification[]> };
          dispatchEvent(event: Event): boolean;
          NotificationEvent: new (type: string, init: { notification: Notification; action: string }) => Event;
        };
        const [notification] = await scope.registration.getNotifications();
        if (!notification) return false;
        scope.dispatchEvent(new scope.NotificationEvent('notificationclick', { notification, action: 'done' }));
        return true;
      });
    await waitUntil(async () => {
      for (const worker of context.serviceWorkers()) if (await clickDone(worker).catch(() => false)) return true;
      return false;
    }, 'a service worker showing the notification');
    await waitUntil(async () => (await asUser(`/api/records?from=${date}&to=${date}&habitId=${habitId}`)).body.length === 1, 'the record written by the Done action');
    expect((await asUser(`/api/records?from=${date}&to=${date}&habitId=${habitId}`)).body).toEqual([expect.objectContaining({ habitId, date, status: 'done' })]);
    await page.waitForURL(`**/habits/${habitId}`);
  });

  /** What the API holds, read with a session of the test's own (the page keeps its token in memory only). */
  async function asUser(path: string): Promise<request.Response> {
    const server = testApp.app.getHttpServer();
    const login = await request(server).post('/api/auth/login').send({ email, password });
    return request(server).get(path).set('Authorization', `Bearer ${login.body.accessToken as string}`);
  }
});

function habitIdOf(url: string): number {
  return Number(/\/habits\/(\d+)/.exec(url)?.[1]);
}
