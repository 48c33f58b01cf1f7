import { CACHE_GROUPS, CacheGroup, ChangeGroup } from '../common/change-groups';


/**
 * What a generation covers: the cached responses of one group, or `session` (the principals the JWT
 * guard remembers: a profile change or an ended session replaces it).
 */
export type ValidityScope = CacheGroup | 'session';
export const ALL_SCOPES: readonly ValidityScope[] = [...CACHE_GROUPS, 'session'];

/**
 * Which generations a change replaces. A profile change (time zone, day start, display name) changes
 * every answer and the remembered principal; any other change only the cache group of the same name.
 */
export function scopesChangedBy(groups: readonly ChangeGroup[]): ValidityScope[] {
  if (groups.includes('profile')) return [...ALL_SCOPES];
  return CACHE_GROUPS.filter((group) => groups.includes(group));
}
