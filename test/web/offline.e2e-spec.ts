import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { waitUntil } from '../ops/ops-support';
import { privateRedisUrl, TestApp } from '../support/test-app';
import { buildWebApp, collectProblems, launchChromium, pollPage, screenshot, startListeningApp } from './browser-support';

const PASSWORD = 'correct horse battery';
const CONFLICT = 'Changed on another device: kept the newer check-in.';

/**
 * Today without a network in a real Chromium: opened offline after a reload (the stored answers),
 * check-ins kept in the IndexedDB outbox and shown as waiting, then replayed through
 * `POST /api/records/batch` when the network returns, where a newer change made on another device
 * in the meantime wins and is told once.
 */
describe('Today offline (stored answers, outbox, replay)', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let token: string;
  const email = `offline-${Date.now()}@example.test`;
  const habitIds: Record<string, number> = {};

  const http = () => request(testApp.app.getHttpServer());
  const mark = (name: string) => page.getByRole('button', { name: `Mark ${name} done` });
  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
  const skip = (name: string) => page.getByRole('button', { name: `Skip ${name}` });
  const recordsOf = async (date: string) => {
    const answer = await http().get('/api/records').query({ from: date, to: date }).set('Authorization', `Bearer ${token}`).expect(200);
    return Object.fromEntries((answer.body as { habitId: number; status: string; updatedAt: string }[]).map((record) => [record.habitId, record]));
  };

  beforeAll(async () => {
    buildWebApp();
    ({ testApp, baseUrl } = await startListeningApp({ database: 'sqlite', redisUrl: await privateRedisUrl(12) }));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    context.setDefaultTimeout(8000);
    page = await context.newPage();
    problems = collectProblems(page);
    await page.goto(baseUrl);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Name', { exact: true }).fill('Ada');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('No habits yet.').waitFor();
    // A second session of the same person (another device), through the API.
    token = ((await http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(200)).body as { accessToken: string }).accessToken;
    for (const name of ['Read', 'Walk']) {
      const created = await http().post('/api/habits').set('Authorization', `Bearer ${token}`).send({ name, schedule: { type: 'daily' } }).expect(201);
      habitIds[name] = (created.body as { id: number }).id;
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('opens Today after a reload without a network, from the answers stored on the device', async () => {
    await page.reload();
    await mark('Read').waitFor();
    await mark('Walk').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await nav('Analytics').click();
    await page.getByRole('img', { name: 'Performance' }).waitFor();
    await nav('Today').click();
    await pollPage(page, 'the answers are stored on the device', storedQueries, 2);
    await context.setOffline(true);
    await page.reload();
    await mark('Walk').waitFor();
    await page.getByText(/^Offline: figures as last computed/).waitFor();
    await nav('Analytics').click();
    await page.getByRole('img', { name: 'Performance' }).waitFor();
    await page.getByText(/^Offline: figures as last computed/).waitFor();
    await nav('Today').click();
    await mark('Walk').waitFor();
    expect(await mark('Read').getAttribute('aria-pressed')).toBe('false');
  });

  it('keeps check-ins made offline, shows them at once and as waiting to sync', async () => {
    await mark('Read').click();
    await mark('Walk').click();
    await page.locator('[aria-pressed="true"]').nth(1).waitFor();
    expect(await mark('Read').getAttribute('aria-pressed')).toBe('true');
    expect(await mark('Walk').getAttribute('aria-pressed')).toBe('true');
    await page.getByText('Waiting to sync').nth(1).waitFor();
    expect(await page.getByText('Waiting to sync').count()).toBe(2);
    await screenshot(page, 'offline-01-waiting');
  });

  it('replays the outbox when the network returns: the newer change of another device wins, told once, nothing lost', async () => {
    const today = (await page.locator('h1 time').getAttribute('datetime'))!;
    expect(await recordsOf(today)).toEqual({});
    // Another device skips Read after the offline check-in was made: a newer write.
    await http().put(`/api/habits/${habitIds.Read}/records/${today}`).set('Authorization', `Bearer ${token}`).send({ status: 'skipped' }).expect(201);
    await context.setOffline(false);
    await page.getByText(CONFLICT).waitFor();
    await page.getByText('Waiting to sync').first().waitFor({ state: 'detached' });
    await page.waitForFunction((name) => document.querySelector(`button[aria-label="Skip ${name}"]`)?.getAttribute('aria-pressed') === 'true', 'Read');
    expect(await mark('Read').getAttribute('aria-pressed')).toBe('false');
    expect(await mark('Walk').getAttribute('aria-pressed')).toBe('true');
    expect(await skip('Read').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByText(CONFLICT).count()).toBe(1);
    const records = await recordsOf(today);
    expect(records[habitIds.Read]).toMatchObject({ status: 'skipped' });
    expect(records[habitIds.Walk]).toMatchObject({ status: 'done' });
    await screenshot(page, 'offline-02-replayed');
  });

  it('changes nothing when the network drops and returns again (the outbox is empty, the records stay)', async () => {
    const today = (await page.locator('h1 time').getAttribute('datetime'))!;
    const before = await recordsOf(today);
    await context.setOffline(true);
    await page.getByText(/^Offline: figures as last computed/).waitFor();
    await context.setOffline(false);
    await page.getByText(/^Offline: figures as last computed/).waitFor({ state: 'detached' });
    expect(await page.evaluate(outboxSize)).toBe(0);
    expect(await recordsOf(today)).toEqual(before);
    expect(await page.getByText(CONFLICT).count()).toBe(1);
  });

  it('queues a check-in whose request fails with a network error while online, and sends it at once through the batch', async () => {
    const today = (await page.locator('h1 time').getAttribute('datetime'))!;
    const dropped = `**/api/habits/${habitIds.Walk}/records/${today}`;
    await page.route(dropped, (route) => route.abort('internetdisconnected'));
    try {
      await mark('Walk').click();
      await page.waitForFunction(() => document.querySelector('button[aria-label="Mark Walk done"]')?.getAttribute('aria-pressed') === 'false');
      await waitUntil(async () => (await recordsOf(today))[habitIds.Walk] === undefined, 'the batch deleted the record');
    } finally {
      await page.unroute(dropped);
    }
    expect(await page.evaluate(outboxSize)).toBe(0);
  });

  it('ran without a console error or a failed request', () => {
    expect(problems).toEqual([]);
  });
});

/** In the page: whether the stored answers hold the records, the performance and a habit list of `expected` habits. */
async function storedQueries(expected: number): Promise<boolean> {
  const stored = await readStore<{ queries: { queryKey: unknown[]; state: { data: unknown } }[] }>('queries', 'today');
  const list = stored?.queries.find((query) => query.queryKey[0] === 'habits' && query.queryKey[1] === 'list');
  const records = stored?.queries.some((query) => query.queryKey[0] === 'records');
  // The Analytics screen shows once both of its queries have data: both must be stored, for the same range.
  const performance = stored?.queries.find((query) => query.queryKey[1] === 'performance');
  const compliance = stored?.queries.some((query) => query.queryKey[1] === 'compliance' && query.queryKey[2] === performance?.queryKey[2] && query.queryKey[3] === performance?.queryKey[3]);
  return Boolean(records && performance && compliance) && Array.isArray(list?.state.data) && list.state.data.length === expected;

  function readStore<T>(store: string, key: string): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      const opening = indexedDB.open('habit-tracker-offline');
      opening.onerror = () => reject(new Error(String(opening.error)));
      opening.onsuccess = () => {
        const reading = opening.result.transaction(store).objectStore(store).get(key);
        reading.onsuccess = () => resolve(reading.result as T | undefined);
        reading.onerror = () => reject(new Error(String(reading.error)));
      };
    });
  }
}

/** In the page: how many check-ins wait in the outbox. */
function outboxSize(): Promise<number> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open('habit-tracker-offline');
    opening.onerror = () => reject(new Error(String(opening.error)));
    opening.onsuccess = () => {
      const counting = opening.result.transaction('outbox').objectStore('outbox').count();
      counting.onsuccess = () => resolve(counting.result);
      counting.onerror = () => reject(new Error(String(counting.error)));
    };
  });
}
