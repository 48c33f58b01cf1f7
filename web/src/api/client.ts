import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { session, withRefreshLock } from './session';
import { i18n } from '../i18n';

/** Routes that answer 401 for wrong credentials, not for an expired token: never refreshed and retried. */
const NO_RETRY = ['/api/auth/login', '/api/auth/register', '/api/auth/refresh'];
const REFRESH_HEADERS = { 'X-Refresh-Cookie': '1' };

/** The bare client: refresh itself goes through it (it must not trigger another refresh). */
const bare = createClient<paths>({ baseUrl: '' });

/** Copies of requests sent with a token, kept to send once more after a refresh (a body can be read only once). */
const retries = new WeakMap<Request, Request>();

let refreshing: Promise<boolean> | null = null;

/**
 * Exchanges the refresh cookie for a new access token (and a new cookie). One at a time per tab
 * and, through the Web Lock, per browser; a tab that finds the token already replaced while it
 * waited uses that one.
 */
export function refreshSession(staleToken: string | null = session.token): Promise<boolean> {
  refreshing ??= withRefreshLock(async () => {
    if (session.token !== null && session.token !== staleToken) return true;
    const { data } = await bare.POST('/api/auth/refresh', { headers: REFRESH_HEADERS, body: {} });
    if (data) session.signIn(data.accessToken);
    else session.signOut();
    return Boolean(data);
  })
    .catch(() => false)
    .finally(() => (refreshing = null));
  return refreshing;
}

const bearer: Middleware = {
  onRequest({ request }) {
    const token = session.token;
    if (token === null) return request;
    request.headers.set('Authorization', `Bearer ${token}`);
    retries.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response, schemaPath }) {
    if (response.status !== 401 || NO_RETRY.includes(schemaPath)) return response;
    const copy = retries.get(request);
    const sentToken = request.headers.get('Authorization')?.slice('Bearer '.length) ?? null;
    if (!copy || !(await refreshSession(sentToken))) return response;
    copy.headers.set('Authorization', `Bearer ${session.token}`);
    return fetch(copy);
  },
};

/** The typed API client of every screen: bearer token on each call, one refresh and retry on a 401. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(bearer);

/** Signs in with the refresh token going to the HttpOnly cookie; returns an error message or null. */
export async function signIn(email: string, password: string): Promise<string | null> {
  const { data, response } = await bare.POST('/api/auth/login', { headers: REFRESH_HEADERS, body: { email, password } });
  if (data) {
    session.signIn(data.accessToken);
    return null;
  }
  if (response.status === 429) return i18n.t('signIn.tooMany', { seconds: response.headers.get('retry-after') ?? i18n.t('signIn.aFew') });
  return response.status === 401 ? i18n.t('signIn.wrong') : i18n.t('signIn.failed');
}

/** Creates the account, then signs in; returns an error message or null. */
export async function createAccount(email: string, password: string, displayName: string): Promise<string | null> {
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const locale = i18n.language === 'es' ? 'es' : 'en';
  const body = { email, password, timezone, locale, ...(displayName.trim() ? { displayName: displayName.trim() } : {}) } as const;
  const { error, response } = await bare.POST('/api/auth/register', { body });
  if (response.status === 409) return i18n.t('signIn.taken');
  if (error) return i18n.t('signIn.createFailed', { reason: errorText(error) });
  return signIn(email, password);
}

/** Ends this session on the server (which clears the cookie), then forgets the token. */
export async function signOut(): Promise<void> {
  await api.POST('/api/auth/logout').catch(() => undefined);
  session.signOut();
}

/** A readable line from an API error body ({message: string | string[]}). */
export function errorText(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : i18n.t('signIn.somethingWrong');
}
