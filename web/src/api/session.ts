/**
 * The signed-in session of this tab. The access token lives in this module's memory only; the
 * refresh token lives in the `__Host-refresh` HttpOnly cookie, which JavaScript never sees
 * (login and refresh send `X-Refresh-Cookie: 1`). Nothing is written to localStorage or
 * sessionStorage.
 */
type Listener = () => void;

let accessToken: string | null = null;
let known = false;
const listeners = new Set<Listener>();

export const session = {
  get token(): string | null {
    return accessToken;
  },
  /** False until the first refresh attempt on load has answered (signed in or not). */
  get known(): boolean {
    return known;
  },
  signIn(token: string): void {
    accessToken = token;
    known = true;
    emit();
  },
  signOut(): void {
    accessToken = null;
    known = true;
    emit();
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

function emit(): void {
  for (const listener of listeners) listener();
}

/**
 * Runs `task` while holding the tab-wide refresh lock: two tabs of one browser share one refresh
 * cookie, and a refresh spends it, so they refresh one after the other (the second sends the
 * cookie the first received) instead of both presenting the same token (reuse detection).
 */
export async function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && 'locks' in navigator) {
    return navigator.locks.request('habit-tracker-refresh', { mode: 'exclusive' }, task);
  }
  return task();
}
