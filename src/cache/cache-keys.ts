import { CacheGroup, CACHE_GROUPS } from '../common/change-groups';

/**
 * The only place that knows how cache keys look. Every key of a user lives under `user:<id>:`:
 *   user:<id>:<group>:<hash>   one cached response
 *   user:<id>:gens             hash of the user's generations: one field per cache group, plus `session`
 *   user:<id>:idx:<group>      the set of the user's response keys of one group (so invalidation never scans)
 * plus one global key, the epoch, replaced after Redis was unreachable.
 */
export const EPOCH_KEY = 'cache:epoch';

export function userPrefix(userId: number): string {
  return `user:${userId}:`;
}

export function responseKey(userId: number, group: CacheGroup, hash: string): string {
  return `${userPrefix(userId)}${group}:${hash}`;
}

export function generationsKey(userId: number): string {
  return `${userPrefix(userId)}gens`;
}

export function indexKey(userId: number, group: CacheGroup): string {
  return `${userPrefix(userId)}idx:${group}`;
}

/** The group of a response key made by responseKey. */
export function groupOfKey(key: string): CacheGroup | null {
  const match = RESPONSE_KEY.exec(key);
  return match ? (match[1] as CacheGroup) : null;
}

/** SCAN pattern and exact test for the keys this application owns (admin flush leaves anything else alone). */
export const OWN_KEYS_PATTERN = 'user:*';
const GROUPS = CACHE_GROUPS.join('|');
const RESPONSE_KEY = new RegExp(`^user:\\d+:(${GROUPS}):[0-9a-f]{40}$`);
// `gen` and bare `idx` are v1's layout, still recognised so that a flush removes them.
const OWN_KEY = new RegExp(`^user:\\d+:(gen|gens|idx|idx:(${GROUPS})|(${GROUPS}):[0-9a-f]{40})$`);

export function isOwnKey(key: string): boolean {
  return key === EPOCH_KEY || OWN_KEY.test(key);
}

export function isResponseKey(key: string): boolean {
  return RESPONSE_KEY.test(key);
}
