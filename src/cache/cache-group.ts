import { CACHE_GROUPS, CacheGroup, ChangeGroup } from '../common/change-groups';

/** The generation of one habit's analytics fragments (see fragment-cache.ts). */
export type HabitScope = `habit:${number}`;

/**
 * What a generation covers: the cached responses of one group; `session` (the principals the JWT
 * guard remembers: a profile change or an ended session replaces it); `fragments` (every habit's
 * analytics fragments at once); or one habit's analytics fragments.
 */
export type ValidityScope = CacheGroup | 'session' | 'fragments' | HabitScope;
export const ALL_SCOPES: readonly ValidityScope[] = [...CACHE_GROUPS, 'session', 'fragments'];

export function habitScope(habitId: number): HabitScope {
  return `habit:${habitId}`;
}

export function isCacheGroup(scope: ValidityScope): scope is CacheGroup {
  return (CACHE_GROUPS as readonly string[]).includes(scope);
}

/**
 * Which generations a change replaces. A profile change (time zone, day start, display name) changes
 * every answer and the remembered principal; any other change only the cache groups of the same name,
 * and, when it changes analytics, the fragments of the habits it names (`habits`; null: it named
 * none, so every habit's fragments).
 */
export function scopesChangedBy(groups: readonly ChangeGroup[], habits: readonly number[] | null = null): ValidityScope[] {
  if (groups.includes('profile')) return [...ALL_SCOPES];
  const scopes: ValidityScope[] = CACHE_GROUPS.filter((group) => groups.includes(group));
  if (!groups.includes('analytics')) return scopes;
  return habits === null ? [...scopes, 'fragments'] : [...scopes, ...new Set(habits.map(habitScope))];
}
