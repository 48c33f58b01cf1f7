import { randomBytes } from 'node:crypto';
import { CacheGroup } from '../common/change-groups';
import { ValidityScope } from './cache-group';

/**
 * What the response cache needs from a store. Two implementations with the same semantics:
 * Redis (shared by every instance) and in-process memory (one instance only).
 * Methods may throw or hang; CacheStore puts deadlines and a circuit breaker around them.
 */
/** Validity tokens `<epoch>.<generation>`: of the remembered principals, and of one cache group's entries. */
export interface Validity {
  session: string;
  /** Null when no group was asked for. */
  entry: string | null;
}

/** One server's share of the store (a master of a cluster; the one server otherwise). */
export interface StoreNodeSize {
  address: string;
  keys: number;
  memoryBytes: number;
}

/** Keys and memory summed over every master, with each master's share when there are several. */
export interface StoreSize {
  keys: number;
  memoryBytes: number;
  /** Present on a cluster or Sentinel only. */
  nodes?: StoreNodeSize[];
}

export interface StoreNodePing {
  address: string;
  status: 'up' | 'down';
  latencyMs?: number;
}

export interface StorePing {
  /** A cluster or Sentinel; false for the one server of REDIS_URL (reports then say nothing per node). */
  severalNodes: boolean;
  nodes: StoreNodePing[];
}

/** One habit's analytics fragment to read: the habit (whose generation guards it) and the fragment's key. */
export interface FragmentSlot {
  habitId: number;
  key: string;
}

/** What a fragment read gives per slot: the habit's validity token and the stored value (null when absent). */
export interface FragmentRead {
  token: string;
  raw: string | null;
}

/** A fragment to store, with the token read before its database reads. */
export interface FragmentWrite extends FragmentSlot {
  token: string;
  value: string;
}

export interface CacheBackend {
  readonly kind: 'redis' | 'memory';
  /** The user's session token and, with a group, that group's token; creates any that is missing. */
  readValidity(userId: number, group: CacheGroup | null): Promise<Validity>;
  /** The same, plus one entry (null when absent or expired), in one round trip. */
  readValidityAndEntry(userId: number, group: CacheGroup, key: string): Promise<Validity & { raw: string | null }>;
  /** An entry through Keyv (errors reach the circuit breaker: cache-manager's get would swallow them). */
  getEntry(key: string): Promise<string | undefined>;
  /** Stores an entry through cache-manager (on the same Keyv store) and indexes it under its group. */
  setEntry(userId: number, group: CacheGroup, key: string, value: string, ttlMs: number): Promise<void>;
  /** The validity tokens `<epoch>.<fragments>.<habit generation>` and values of fragments, in one round trip; creates a missing epoch or base. */
  readFragments(userId: number, slots: readonly FragmentSlot[]): Promise<FragmentRead[]>;
  /** Stores each fragment only while its habit's token is still the one given (atomically, one round trip). */
  storeFragments(userId: number, fragments: readonly FragmentWrite[], ttlMs: number): Promise<void>;
  /**
   * Replaces the user's generations of these scopes and drops the entries of the groups among
   * them; returns how many entries were dropped.
   */
  invalidate(userId: number, scopes: readonly ValidityScope[]): Promise<number>;
  /** Replaces the global epoch: every entry written before becomes unservable. */
  bumpEpoch(): Promise<void>;
  /** Admin only, like flush: may take many round trips, so each has its own deadline and a hung store fails them. */
  describe(): Promise<StoreSize>;
  /** Drops this application's keys and nothing else; returns how many entries were dropped. */
  flush(): Promise<number>;
  ping(): Promise<void>;
  /** Each server holding data (every master of a cluster), each PING within `deadlineMs`; empty for memory. */
  pingNodes(deadlineMs: number): Promise<StorePing>;
  /** Called when the connection to the store is lost (never for memory). */
  onConnectionLost(listener: () => void): void;
  close(): Promise<void>;
}

/** DI token of the configured backend (null when CACHE_ENABLED=false). */
export const CACHE_BACKEND = Symbol('CACHE_BACKEND');

/** A generation token never used before, by any process: a random process prefix and a counter. */
const processPrefix = randomBytes(6).toString('base64url');
let counter = 0;

export function freshToken(): string {
  counter += 1;
  return `${processPrefix}${counter.toString(36)}`;
}

/** The longest any key lives; generations and indexes outlive every entry they cover. */
export const MAX_TTL_SECONDS = 2 * 86400;
