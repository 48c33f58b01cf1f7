import { CacheGroup, CACHE_GROUPS } from '../common/change-groups';
import { keySlot, SLOT_COUNT, tagOfSlot } from '../redis/key-slot';

/**
 * The only place that knows how cache keys look (layout v3). Every key of a user carries the hash
 * tag `{u:<id>}`, so on a Redis Cluster they all live in one hash slot and one script can touch them:
 *   {u:<id>}:<group>:<hash>   one cached response
 *   {u:<id>}:gens             hash of the user's generations: one field per cache group, plus `session`,
 *                             `fragments` and `habit:<habitId>` (the analytics fragments' generations)
 *   {u:<id>}:frag:<hash>      one habit's part of an analytics report (fragment-cache.ts)
 *   {u:<id>}:idx:<group>      the set of the user's response keys of one group (so invalidation never scans)
 *   cache:epoch:{e<n>}        the epoch of one hash slot (the user's), replaced after Redis was unreachable
 * Keys of layout v2 (`user:<id>:…`, the global `cache:epoch`) are never read; they expire, and a
 * flush still removes them.
 */
export function userTag(userId: number): string {
  return `{u:${userId}}`;
}

export function responseKey(userId: number, group: CacheGroup, hash: string): string {
  return `${userTag(userId)}:${group}:${hash}`;
}

export function fragmentKey(userId: number, hash: string): string {
  return `${userTag(userId)}:frag:${hash}`;
}

export function generationsKey(userId: number): string {
  return `${userTag(userId)}:gens`;
}

export function indexKey(userId: number, group: CacheGroup): string {
  return `${userTag(userId)}:idx:${group}`;
}

/** The epoch of the hash slot the user's keys live in (same slot, so the hit script may read it). */
export function epochKey(userId: number): string {
  return epochKeyOfSlot(keySlot(userTag(userId)));
}

export function epochKeyOfSlot(slot: number): string {
  return `cache:epoch:{${tagOfSlot(slot)}}`;
}

/** Every slot's epoch key: replacing them all is the epoch repair. */
export function allEpochKeys(): string[] {
  return Array.from({ length: SLOT_COUNT }, (_, slot) => epochKeyOfSlot(slot));
}

/** The group of a response key made by responseKey. */
export function groupOfKey(key: string): CacheGroup | null {
  const match = RESPONSE_KEY.exec(key);
  return match ? (match[1] as CacheGroup) : null;
}

/** SCAN patterns and exact test for the keys this application owns (admin flush leaves anything else alone). */
export const OWN_KEYS_PATTERNS = ['{u:*', 'cache:epoch*', 'user:*'];
const GROUPS = CACHE_GROUPS.join('|');
const RESPONSE_KEY = new RegExp(`^\\{u:\\d+\\}:(${GROUPS}):[0-9a-f]{40}$`);
const OWN_KEY = new RegExp(`^\\{u:\\d+\\}:(gens|idx:(${GROUPS})|(${GROUPS}|frag):[0-9a-f]{40})$`);
const EPOCH_KEY = /^cache:epoch:\{e\d+\}$/;
// Layout v2 (and v1's `gen` and bare `idx`), still recognised so that a flush removes them.
const OLD_KEY = new RegExp(`^user:\\d+:(gen|gens|idx|idx:(${GROUPS})|(${GROUPS}):[0-9a-f]{40})$`);
const OLD_RESPONSE_KEY = new RegExp(`^user:\\d+:(${GROUPS}):[0-9a-f]{40}$`);

export function isOwnKey(key: string): boolean {
  return OWN_KEY.test(key) || EPOCH_KEY.test(key) || key === 'cache:epoch' || OLD_KEY.test(key);
}

/** A cached response, of this layout or an older one. */
export function isResponseKey(key: string): boolean {
  return RESPONSE_KEY.test(key) || OLD_RESPONSE_KEY.test(key);
}
