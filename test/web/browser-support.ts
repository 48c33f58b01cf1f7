import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { PageFunction } from 'playwright-core/types/structs';
import { startTestApp, TestApp, TestAppOptions } from '../support/test-app';
import { ensureWebAppBuilt } from '../support/web-build';

const ROOT = join(__dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-results', 'web');

/** web/dist as the sources say (built once by the e2e global set-up; again only if web/ changed since). */
export function buildWebApp(): void {
  ensureWebAppBuilt();
}

/** A copy of web/dist of the suite's own, for a suite that changes the files it serves (a deploy): suites running beside it keep theirs. */
export function privateWebDist(): string {
  const copy = mkdtempSync(join(tmpdir(), 'web-dist-'));
  cpSync(join(ROOT, 'web', 'dist'), copy, { recursive: true });
  return copy;
}

/**
 * Evaluates `probe` in the page until it gives a truthy value, and returns it. (page.waitForFunction
 * does not wait for an async predicate: the promise it returns is truthy at once.)
 */
export async function pollPage<T, A = undefined>(page: Page, what: string, probe: PageFunction<A, T | false>, arg?: A, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await page.evaluate(probe, arg as A);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting in the page until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A Web Push message delivered to the page's service worker through the DevTools protocol, as a push service would. */
export async function deliverPush(context: BrowserContext, page: Page, baseUrl: string, data: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((registration) => registration.scopeURL === `${baseUrl}/` && !registration.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: baseUrl, registrationId: await registrationId, data });
}

/** The real app listening on a free port, reached as http://localhost:<port> (a secure context: the __Host- cookie works). */
export async function startListeningApp(options: TestAppOptions): Promise<{ testApp: TestApp; baseUrl: string }> {
  const testApp = await startTestApp(options);
  await testApp.app.listen(0, '127.0.0.1');
  const { port } = testApp.app.getHttpServer().address() as AddressInfo;
  return { testApp, baseUrl: `http://localhost:${port}` };
}

/** Debian's Chromium, headless, with a fresh temporary profile. Fails loudly when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium); .ci/run does`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Console errors and CSP violations of a page: a working app under its CSP has none. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 401|Failed to load resource/.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  // A failed request is a problem even when the app handles it quietly (the first visit's refresh
  // without a cookie is a 204, API.md v3); Chromium logs every one as "Failed to load resource".
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  return problems;
}
