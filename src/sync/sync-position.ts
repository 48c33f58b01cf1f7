/**
 * Where a sync stands in a user's change log. Every item (a live category, habit or record, or a
 * tombstone) has the position (revision of its last change, its kind, its id); a page holds the
 * items after a position, in that order. A row that changes again moves to a later revision, so
 * it is sent again later: following the pages never misses a change, even while rows change.
 */
export interface SyncPosition {
  revision: number;
  kind: number;
  id: number;
}

/** The kinds in page order within one revision. */
export const KIND = { category: 0, habit: 1, record: 2, tombstone: 3 } as const;
export type ItemKind = (typeof KIND)[keyof typeof KIND];

/** Past every item of `revision` (the cursor of a finished sync). */
export const END_KIND = 9;

/** Before every item (a full sync starts here). */
export const START: SyncPosition = { revision: 0, kind: -1, id: 0 };

/** The largest value of an `integer` column: no id comes after it. */
export const MAX_INTEGER = 2_147_483_647;
const AFTER_EVERY_ID = MAX_INTEGER;

/**
 * For the items of one kind, the position after `after` reads `revision > after.revision OR
 * (revision = after.revision AND id > afterId)`; this is that afterId.
 */
export function afterIdFor(kind: ItemKind, after: SyncPosition): number {
  if (kind < after.kind) return AFTER_EVERY_ID;
  return kind === after.kind ? after.id : 0;
}

export function comparePositions(a: SyncPosition, b: SyncPosition): number {
  return a.revision - b.revision || a.kind - b.kind || a.id - b.id;
}

export interface PageOf<T> {
  items: T[];
  hasMore: boolean;
}

/**
 * The first `limit` items after the position, from candidates fetched per kind (each list the
 * first `limit + 1` of its kind after the position, in order): merged in position order.
 */
export function takePage<T extends { position: SyncPosition }>(candidates: T[][], limit: number): PageOf<T> {
  const merged = candidates.flat().sort((a, b) => comparePositions(a.position, b.position));
  return { items: merged.slice(0, limit), hasMore: merged.length > limit };
}
