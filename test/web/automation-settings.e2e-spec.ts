import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { WebhookReceiver } from '../automation/webhook-receiver';
import { privateRedisUrl, TestApp } from '../support/test-app';
import { buildWebApp, collectProblems, launchChromium, screenshot, startListeningApp } from './browser-support';

/** Settings › Access tokens and Webhooks in a real Chromium against the real app. */
describe('automation settings in Chromium', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    buildWebApp();
    receiver = await WebhookReceiver.start();
    ({ testApp, baseUrl } = await startListeningApp({
      database: 'sqlite',
      redisUrl: await privateRedisUrl(13),
      env: { OUTBOUND_ALLOW_PRIVATE: 'true', OUTBOUND_ALLOW_HTTP: 'true' },
    }));
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    context.setDefaultTimeout(8000);
    page = await context.newPage();
    problems = collectProblems(page);
    await page.goto(baseUrl);
    await page.getByLabel('Email', { exact: true }).fill(`automation-${Date.now()}@example.test`);
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await page.getByLabel('Name', { exact: true }).fill('Ada');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: /^Today/ }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
    await receiver?.close();
  });

  const habits = (secret: string) => request(testApp.app.getHttpServer()).get('/api/habits').set('Authorization', `Bearer ${secret}`);

  it('creates a token, shows its secret once, lists its last use, and revokes it', async () => {
    const section = page.getByRole('region', { name: 'Access tokens' });
    await section.getByLabel('Name', { exact: true }).fill('Home Assistant');
    await section.getByLabel('Access').selectOption('read');
    await section.getByRole('button', { name: 'Create token' }).click();
    const shown = section.getByLabel('Your new token');
    await shown.waitFor();
    const secret = await shown.inputValue();
    expect(secret).toMatch(/^hat_[A-Za-z0-9_-]{43,}$/);
    await screenshot(page, 'automation-01-token-created');
    await section.getByRole('button', { name: 'Done' }).click();
    await section.getByText('never used').waitFor();
    expect((await habits(secret)).status).toBe(200);
    await page.reload();
    await page.getByRole('region', { name: 'Access tokens' }).getByText(/last used/).waitFor();
    await page.getByRole('region', { name: 'Access tokens' }).getByRole('button', { name: 'Revoke token Home Assistant' }).click();
    await page.getByRole('region', { name: 'Access tokens' }).getByText('No access tokens.').waitFor();
    expect((await habits(secret)).status).toBe(401);
  });

  it('subscribes a URL to event groups, shows the signing secret once, and lists its deliveries', async () => {
    const section = page.getByRole('region', { name: 'Webhooks' });
    await section.getByLabel('URL').fill(receiver.url);
    await section.getByLabel('Habits').check();
    await section.getByRole('button', { name: 'Add webhook' }).click();
    const shown = section.getByLabel('Signing secret');
    await shown.waitFor();
    receiver.secret = await shown.inputValue();
    expect(receiver.secret).toMatch(/^whsec_/);
    await section.getByRole('button', { name: 'Done' }).click();
    await section.getByText(/nothing delivered yet/).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Habits', exact: true }).click();
    await page.getByRole('button', { name: 'New habit' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Stretch');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Stretch', exact: true }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('region', { name: 'Webhooks' }).getByText(/last delivered/).waitFor({ timeout: 20_000 });
    await screenshot(page, 'automation-02-webhook-delivered');
    expect(receiver.deliveries[0]).toMatchObject({ signatureValid: true });
    expect(receiver.changes()[0]).toMatchObject({ entity: 'habit', op: 'put', habit: { name: 'Stretch' } });
    expect(problems).toEqual([]);
  });
});
