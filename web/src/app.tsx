import { type QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { refreshSession, signOut } from './api/client';
import { followChanges } from './api/live';
import { session } from './api/session';
import { Link, navigate, usePath } from './router';
import { AnalyticsScreen } from './screens/analytics';
import { HabitScreen } from './screens/habit';
import { HabitsScreen } from './screens/habits';
import { SettingsScreen } from './screens/settings';
import { SignInScreen } from './screens/sign-in';
import { TodayScreen } from './screens/today';
import { ErrorBoundary } from './components/error-boundary';
import { Loading } from './components/states';
import { UpdatePrompt } from './components/update-prompt';
import { useProfile } from './hooks/use-profile';
import { browserLanguage, i18n } from './i18n';
import { replayOutbox } from './offline/outbox';
import { clearOfflineStore } from './offline/store';

const NAV = [
  { href: '/', key: 'nav.today', icon: '✓' },
  { href: '/habits', key: 'nav.habits', icon: '☰' },
  { href: '/analytics', key: 'nav.analytics', icon: '▤' },
  { href: '/settings', key: 'nav.settings', icon: '⚙' },
] as const;

function useSession() {
  return useSyncExternalStore(session.subscribe, () => `${session.known}:${session.token ?? ''}`);
}

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** Whether the browser has a network (the shell opens offline from the service worker's precache). */
function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

/**
 * `restored`: the last good answers of Today's queries came back from IndexedDB, so a tab opened
 * offline by a signed-in person shows Today from them (its session refresh waits for the network).
 */
export function App({ queryClient, restored }: { queryClient: QueryClient; restored: boolean }) {
  const { t } = useTranslation();
  const online = useOnline();
  useSession();
  // On load, the refresh cookie (if any) signs this tab in: a reload keeps the session. Opened
  // offline, the refresh cannot be sent: it is sent again when the network returns.
  useEffect(() => void (session.known || !online || refreshSession(null)), [online]);
  useEffect(() => {
    if (session.token || !session.known) return;
    // Signed out: nothing of the account stays on the device (answers, unsent check-ins).
    queryClient.clear();
    void clearOfflineStore();
    // Signed out, the browser's language chooses (signed in, the user's locale: useUserLanguage).
    void i18n.changeLanguage(browserLanguage());
  }, [session.token, session.known, queryClient]);
  if (!session.known && !online && restored) {
    return (
      <QueryClientProvider client={queryClient}>
        <SignedIn />
      </QueryClientProvider>
    );
  }
  if (!session.known && !online) {
    return (
      <main id="main" className="sign-in">
        <h1>{t('app.name')}</h1>
        <p className="state" role="status">
          {t('app.offline')}
        </p>
      </main>
    );
  }
  if (!session.known) return <Loading what={t('app.session')} />;
  return (
    <QueryClientProvider client={queryClient}>
      <UpdatePrompt />
      {session.token ? <SignedIn /> : <SignInScreen />}
    </QueryClientProvider>
  );
}

/** Signed in, the language is the user's `locale` (changed in Settings, on any device). */
function useUserLanguage(): void {
  const locale = useProfile().data?.locale;
  useEffect(() => {
    if (locale && locale !== i18n.language) void i18n.changeLanguage(locale);
  }, [locale]);
}

function SignedIn() {
  const queryClient = useQueryClient();
  const path = usePath();
  const { t } = useTranslation();
  useUserLanguage();
  const online = useOnline();
  const signedIn = session.token !== null;
  useEffect(() => (signedIn ? followChanges(queryClient) : undefined), [signedIn, queryClient]);
  // Check-ins made offline are sent at start and whenever the network (and the session) is back.
  useEffect(() => void (signedIn && online && replayOutbox(queryClient)), [signedIn, online, queryClient]);
  const item = NAV.find((entry) => isCurrent(path, entry.href));
  const title = item ? t(item.key) : path.startsWith('/habits/') ? t('app.habitTitle') : t('nav.today');
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('app.mainNav')}>
          <ul>
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={isCurrent(path, item.href) ? 'page' : undefined}>
                  <span className="tab-icon" aria-hidden="true">
                    {item.icon}
                  </span>
                  {t(item.key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="quiet" onClick={() => void signOut().then(() => navigate('/'))}>
          {t('app.signOut')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={path}>
          <Screen path={path} />
        </ErrorBoundary>
      </main>
    </>
  );
}

function isCurrent(path: string, href: string): boolean {
  return href === '/' ? path === '/' || path === '/today' : path === href;
}

function Screen({ path }: { path: string }) {
  const habit = /^\/habits\/(\d+)$/.exec(path);
  if (habit) return <HabitScreen id={Number(habit[1])} />;
  if (path === '/habits') return <HabitsScreen />;
  if (path === '/analytics') return <AnalyticsScreen />;
  if (path === '/settings') return <SettingsScreen />;
  return <TodayScreen />;
}
