import { CacheGroup, CACHE_GROUPS } from './cache-group';

/**
 * The only place that knows how cache keys look. Every key of a user lives under `user:<id>:`:
 *   user:<id>:<group>:<hash>   one cached response
 *   user:<id>:gen              the user's generation (replaced by every invalidation)
 *   user:<id>:idx              the set of the user's response keys (so invalidation never scans)
 * plus one global key, the epoch, replaced after Redis was unreachable.
 */
export const EPOCH_KEY = 'cache:epoch';

export function userPrefix(userId: number): string {
  return `user:${userId}:`;
}

export function responseKey(userId: number, group: CacheGroup, hash: string): string {
  return `${userPrefix(userId)}${group}:${hash}`;
}

export function generationKey(userId: number): string {
  return `${userPrefix(userId)}gen`;
}

export function indexKey(userId: number): string {
  return `${userPrefix(userId)}idx`;
}

/** SCAN pattern and exact test for the keys this application owns (admin flush leaves anything else alone). */
export const OWN_KEYS_PATTERN = 'user:*';
const OWN_KEY = new RegExp(`^user:\\d+:(gen|idx|(${CACHE_GROUPS.join('|')}):[0-9a-f]{40})$`);

export function isOwnKey(key: string): boolean {
  return key === EPOCH_KEY || OWN_KEY.test(key);
}
