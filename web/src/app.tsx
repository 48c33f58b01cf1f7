import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
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

const NAV = [
  { href: '/', label: 'Today' },
  { href: '/habits', label: 'Habits' },
  { href: '/analytics', label: 'Analytics' },
  { href: '/settings', label: 'Settings' },
];

function useSession() {
  return useSyncExternalStore(session.subscribe, () => `${session.known}:${session.token ?? ''}`);
}

export function App() {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1 } } }));
  useSession();
  // On load, the refresh cookie (if any) signs this tab in: a reload keeps the session.
  useEffect(() => void (session.known || refreshSession(null)), []);
  useEffect(() => (session.token ? undefined : queryClient.clear()), [session.token, queryClient]);
  if (!session.known) return <Loading what="your session" />;
  return (
    <QueryClientProvider client={queryClient}>
      <UpdatePrompt />
      {session.token ? <SignedIn /> : <SignInScreen />}
    </QueryClientProvider>
  );
}

function SignedIn() {
  const queryClient = useQueryClient();
  const path = usePath();
  useEffect(() => followChanges(queryClient), [queryClient]);
  useEffect(() => {
    const title = NAV.find((item) => item.href === path)?.label ?? (path.startsWith('/habits/') ? 'Habit' : 'Today');
    document.title = `${title} · Habit tracker`;
  }, [path]);
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Habit tracker</span>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={isCurrent(path, item.href) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="quiet" onClick={() => void signOut().then(() => navigate('/'))}>
          Sign out
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
