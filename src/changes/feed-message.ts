import { CHANGE_GROUPS, ChangeGroup } from '../common/change-groups';

/** What instances tell each other on the feed channel. `origin` is the sending instance (it has delivered locally already). */
export type FeedMessage =
  | { kind: 'change'; userId: number; groups: ChangeGroup[]; at: string; origin: string }
  | { kind: 'sessions'; userId: number; origin: string }
  /** The sender could not publish for a while: every instance tells every open stream to refetch everything. */
  | { kind: 'resync'; origin: string };

/**
 * The one Redis pub/sub channel of the feed (the subscriber's cost does not grow with users).
 * Pub/sub ignores the database index, so the channel names it: deployments (or test suites) that
 * share a Redis server through different databases never hear each other's users.
 */
export function feedChannel(redisUrl: string): string {
  const database = /^\/(\d+)/.exec(new URL(redisUrl).pathname)?.[1] ?? '0';
  return `events:feed:${Number(database)}`;
}

export function encodeFeedMessage(message: FeedMessage): string {
  return JSON.stringify(message);
}

/** The message, or null for anything that is not one (another application publishing on the channel, a truncated payload). */
export function decodeFeedMessage(raw: string): FeedMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(value) || typeof value.origin !== 'string') return null;
  if (value.kind === 'resync') return { kind: 'resync', origin: value.origin };
  if (!Number.isSafeInteger(value.userId)) return null;
  const userId = value.userId as number;
  if (value.kind === 'sessions') return { kind: 'sessions', userId, origin: value.origin };
  if (value.kind !== 'change' || typeof value.at !== 'string' || !isGroupList(value.groups)) return null;
  return { kind: 'change', userId, groups: value.groups, at: value.at, origin: value.origin };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isGroupList(value: unknown): value is ChangeGroup[] {
  return Array.isArray(value) && value.length > 0 && value.every((group) => (CHANGE_GROUPS as readonly unknown[]).includes(group));
}
