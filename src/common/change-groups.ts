/** The cached route groups of API.md; each has its own TTL setting and its own generation. */
export const CACHE_GROUPS = ['analytics', 'categories', 'habits', 'records'] as const;
export type CacheGroup = (typeof CACHE_GROUPS)[number];

/** What a mutation can change, as a client sees it (API.md § Sync and change feed: `groups`). */
export const CHANGE_GROUPS = ['categories', 'habits', 'records', 'analytics', 'profile'] as const;
export type ChangeGroup = (typeof CHANGE_GROUPS)[number];

/** What each kind of write changes; services name one of these rather than spelling groups out. */
export const CHANGES = {
  category: ['categories', 'habits', 'analytics'],
  habit: ['habits', 'records', 'analytics'],
  record: ['records', 'analytics'],
  profile: CHANGE_GROUPS,
  /** An import writes categories, habits and records, never the profile (change webhooks tell them apart). */
  import: ['categories', 'habits', 'records', 'analytics'],
  everything: CHANGE_GROUPS,
} as const satisfies Record<string, readonly ChangeGroup[]>;
