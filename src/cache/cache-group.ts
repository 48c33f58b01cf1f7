/** The cached route groups of API.md; each has its own TTL setting. */
export const CACHE_GROUPS = ['analytics', 'categories', 'habits', 'records'] as const;
export type CacheGroup = (typeof CACHE_GROUPS)[number];
