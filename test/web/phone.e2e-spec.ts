import type { Browser, BrowserContext, Page } from 'playwright-core';
import en from '../../web/src/locales/en.json';
import es from '../../web/src/locales/es.json';
import { privateRedisUrl, TestApp } from '../support/test-app';
import { buildWebApp, collectProblems, launchChromium, startListeningApp } from './browser-support';
import { axeViolations, horizontalOverflow, PHONE, shootBoth, smallTouchTargets } from './phone-support';

type Texts = typeof en;
const LANGUAGES: Record<'en' | 'es', Texts> = { en, es };

/**
 * The app on a phone, in both languages, for everyone: a Spanish browser signs up in Spanish and
 * switches to English (another device follows); every screen at 390×844 has no horizontal scroll,
 * touch targets of at least 44 px and zero axe violations of WCAG 2.2 A/AA, in English and Spanish.
 * Screenshots of every screen at 390×844 and 1280×900 go to test-results/web/.
 */
describe('the phone app in two languages, accessible', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let browser: Browser;
  const problems: string[][] = [];
  const contexts: BrowserContext[] = [];
  let page: Page;
  let habitId = '';
  const email = `phone-${Date.now()}@example.test`;
  const password = 'correct horse battery';

  const open = async (locale: string): Promise<Page> => {
    const context = await browser.newContext({ locale, viewport: PHONE, reducedMotion: 'reduce' });
    context.setDefaultTimeout(8000);
    contexts.push(context);
    const opened = await context.newPage();
    problems.push(collectProblems(opened));
    return opened;
  };

  beforeAll(async () => {
    buildWebApp();
    ({ testApp, baseUrl } = await startListeningApp({ database: 'sqlite', redisUrl: await privateRedisUrl(9) }));
    browser = await launchChromium();
    page = await open('es-ES');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  const tab = (target: Page, name: string) => target.getByRole('navigation').getByRole('link', { name, exact: true });

  it('gives a Spanish browser the app in Spanish: sign-up, a habit, a check-in', async () => {
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: es.app.name }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await page.getByLabel(es.signIn.email, { exact: true }).fill(email);
    await page.getByLabel(es.signIn.password, { exact: true }).fill(password);
    await page.getByLabel(es.signIn.name, { exact: true }).fill('Ada');
    await page.getByRole('button', { name: es.signIn.create }).click();
    await page.getByRole('heading', { name: new RegExp(`^${es.today.title}`) }).waitFor();
    await tab(page, es.nav.habits).click();
    await page.getByRole('button', { name: es.habits.new }).click();
    await page.getByLabel(es.form.name, { exact: true }).fill('Leer');
    await page.getByLabel(es.form.schedule, { exact: true }).selectOption('per_week');
    await page.getByRole('button', { name: es.form.save }).click();
    const link = page.getByRole('link', { name: 'Leer', exact: true });
    habitId = ((await link.getAttribute('href')) ?? '').split('/').pop() ?? '';
    await page.getByText('3 veces por semana').waitFor();
    await tab(page, es.nav.today).click();
    const mark = page.getByRole('button', { name: 'Marcar Leer como hecho' });
    await mark.click();
    await page.waitForFunction(() => document.querySelector('[aria-pressed="true"].check-in') !== null);
  });

  /** Each signed-in screen: its path, what shows it is ready, and how to bring it to the state scanned. */
  const screens = (t: Texts) => [
    { name: 'today', path: '/', ready: (p: Page) => p.getByRole('button', { name: t.today.mark.replace('{{name}}', 'Leer') }).waitFor() },
    {
      name: 'habits-form',
      path: '/habits',
      ready: async (p: Page) => {
        await p.getByRole('button', { name: t.habits.new }).click();
        await p.getByRole('form', { name: t.habits.new }).waitFor();
      },
    },
    { name: 'habit', path: () => `/habits/${habitId}`, ready: (p: Page) => p.getByRole('img', { name: t.habit.calendar }).waitFor() },
    { name: 'analytics', path: '/analytics', ready: (p: Page) => p.getByRole('img', { name: t.analytics.performance }).waitFor() },
    { name: 'settings', path: '/settings', ready: (p: Page) => p.getByText(t.settings.thisDevice, { exact: true }).waitFor() },
  ];

  async function checkEveryScreen(language: 'en' | 'es'): Promise<void> {
    const t = LANGUAGES[language];
    for (const screen of screens(t)) {
      await page.goto(`${baseUrl}${typeof screen.path === 'function' ? screen.path() : screen.path}`);
      await screen.ready(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      expect([screen.name, await horizontalOverflow(page)]).toEqual([screen.name, 0]);
      expect([screen.name, await smallTouchTargets(page)]).toEqual([screen.name, []]);
      expect([screen.name, await axeViolations(page)]).toEqual([screen.name, []]);
      await shootBoth(page, `phone-${language}-${screen.name}`);
    }
  }

  it('shows every signed-in screen in Spanish without horizontal scroll, with 44 px targets and no axe violation', async () => {
    await checkEveryScreen('es');
  });

  it('switches to English in Settings, and another device signing in gets English', async () => {
    await page.goto(`${baseUrl}/settings`);
    await page.getByRole('button', { name: en.language.en }).click();
    await page.getByRole('heading', { name: en.settings.title, level: 1 }).waitFor();
    await page.waitForFunction(() => document.querySelector('button[lang="en"]')?.getAttribute('aria-pressed') === 'true');
    const other = await open('es-ES');
    await other.goto(baseUrl);
    await other.getByLabel(es.signIn.email, { exact: true }).fill(email);
    await other.getByLabel(es.signIn.password, { exact: true }).fill(password);
    await other.getByRole('button', { name: es.signIn.signIn, exact: true }).click();
    await tab(other, en.nav.today).waitFor();
    await other.getByRole('heading', { name: /^Today/ }).waitFor();
    expect(await other.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('shows every signed-in screen in English without horizontal scroll, with 44 px targets and no axe violation', async () => {
    await checkEveryScreen('en');
  });

  it('reaches every control of Today by keyboard, in order, each with a visible focus outline', async () => {
    await page.goto(baseUrl);
    await page.getByRole('button', { name: 'Mark Leer done' }).waitFor();
    const reached: string[] = [];
    for (let step = 0; step < 9; step++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const style = getComputedStyle(element);
        return { name: element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '', outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
      });
      expect(focused).toEqual({ name: focused.name, outline: true });
      reached.push(focused.name);
    }
    const tabs = ['Today', 'Habits', 'Analytics', 'Settings'].map((name) => expect.stringContaining(name));
    expect(reached).toEqual(['Skip to content', ...tabs, 'Sign out', 'Leer', 'Mark Leer done', 'Skip Leer']);
  });

  it.each([
    ['en', 'en-US'],
    ['es', 'es-ES'],
  ] as const)('shows the sign-in screen in %s (browser %s) without horizontal scroll and no axe violation', async (language, locale) => {
    const signedOut = await open(locale);
    await signedOut.goto(baseUrl);
    await signedOut.getByRole('button', { name: LANGUAGES[language].signIn.signIn, exact: true }).waitFor();
    expect(await horizontalOverflow(signedOut)).toBe(0);
    expect(await smallTouchTargets(signedOut)).toEqual([]);
    expect(await axeViolations(signedOut)).toEqual([]);
    await shootBoth(signedOut, `phone-${language}-sign-in`);
  });

  it('ran without a console error or a failed request on any page', () => {
    expect(problems.flat()).toEqual([]);
  });
});
