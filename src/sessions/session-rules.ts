import { sameHash } from './refresh-token';

const DAY_MS = 86_400_000;

export interface SessionLifetimes {
  idleMs: number;
  graceMs: number;
}

export interface SessionState {
  lastUsedAt: number;
  expiresAt: number;
  refreshHash: string;
  previousHash: string | null;
  replacedAt: number | null;
}

/**
 * What presenting a refresh token (by the hash of its secret) means for its session at `now`
 * (API.md § Sessions): `rotate` the live token; `grace` for the just-replaced one presented again
 * within the grace window (the token issued in between becomes spent); `reuse` for any other spent
 * token; `expired` when the session is past its idle or absolute limit.
 */
export type RefreshVerdict = 'rotate' | 'grace' | 'reuse' | 'expired';

export function judgeRefresh(session: SessionState, presentedHash: string, now: number, lifetimes: SessionLifetimes): RefreshVerdict {
  if (!isLive(session, now, lifetimes.idleMs)) return 'expired';
  if (sameHash(presentedHash, session.refreshHash)) return 'rotate';
  const justReplaced = sameHash(presentedHash, session.previousHash);
  if (justReplaced && session.replacedAt !== null && now - session.replacedAt < lifetimes.graceMs) return 'grace';
  return 'reuse';
}

/** Neither idle (unused for idleMs) nor past its absolute end. */
export function isLive(session: Pick<SessionState, 'lastUsedAt' | 'expiresAt'>, now: number, idleMs: number): boolean {
  return now < session.expiresAt && now < session.lastUsedAt + idleMs;
}

/** When the refresh token expires if unused: the earlier of the idle and the absolute limit. */
export function refreshExpiresAt(session: Pick<SessionState, 'lastUsedAt' | 'expiresAt'>, idleMs: number): number {
  return Math.min(session.expiresAt, session.lastUsedAt + idleMs);
}

export function days(n: number): number {
  return n * DAY_MS;
}
