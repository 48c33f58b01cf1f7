import { Cache, createCache } from 'cache-manager';
import Keyv from 'keyv';
import { CacheBackend, FragmentRead, FragmentSlot, FragmentWrite, freshToken, StorePing, StoreSize, Validity } from './cache-backend';
import { CacheGroup } from '../common/change-groups';
import { ALL_SCOPES, habitScope, isCacheGroup, ValidityScope } from './cache-group';
import { deserializeEnvelope, serializeEnvelope } from './keyv-envelope';

/** A user's generations: one per scope (a habit's scope only once a write named it). */
type Generations = Partial<Record<ValidityScope, string>>;

/** A Map that forgets its oldest entries past `limit`, so the in-process cache cannot grow without bound. */
class BoundedMap extends Map<string, string> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: string, value: string): this {
    super.delete(key);
    super.set(key, value);
    if (this.size > this.limit) super.delete(this.keys().next().value!);
    return this;
  }
}

/** In-process store with the same semantics as Redis: per-scope generations, an epoch and per-group indexes. */
export class MemoryCacheBackend implements CacheBackend {
  readonly kind = 'memory';
  private readonly keyv: Keyv<string>;
  /** cache-manager 7 on the same Keyv store: fills go through it (reads stay on Keyv, see setEntry). */
  private readonly fills: Cache;
  private readonly entries: BoundedMap;
  private readonly generations = new Map<number, Generations>();
  /** `<userId>:<group>` → that group's response keys. */
  private readonly indexes = new Map<string, Set<string>>();
  private epoch = freshToken();

  constructor(maxEntries = 50_000) {
    this.entries = new BoundedMap(maxEntries);
    this.keyv = new Keyv<string>({
      store: this.entries,
      namespace: undefined,
      useKeyPrefix: false,
      serialize: serializeEnvelope,
      deserialize: deserializeEnvelope,
    });
    this.fills = createCache({ stores: [this.keyv] });
  }

  async readValidity(userId: number, group: CacheGroup | null): Promise<Validity> {
    const generations = this.generationsOf(userId);
    return {
      session: `${this.epoch}.${generations.session}`,
      entry: group === null ? null : `${this.epoch}.${generations[group]}`,
    };
  }

  async readFragments(userId: number, slots: readonly FragmentSlot[]): Promise<FragmentRead[]> {
    return Promise.all(slots.map(async (slot) => ({ token: this.fragmentToken(userId, slot.habitId), raw: (await this.keyv.get(slot.key)) ?? null })));
  }

  async storeFragments(userId: number, fragments: readonly FragmentWrite[], ttlMs: number): Promise<void> {
    for (const fragment of fragments) {
      if (fragment.token === this.fragmentToken(userId, fragment.habitId)) await this.keyv.set(fragment.key, fragment.value, ttlMs);
    }
  }

  private fragmentToken(userId: number, habitId: number): string {
    const generations = this.generationsOf(userId);
    return `${this.epoch}.${generations.fragments}.${generations[habitScope(habitId)] ?? ''}`;
  }

  async readValidityAndEntry(userId: number, group: CacheGroup, key: string): Promise<Validity & { raw: string | null }> {
    return { ...(await this.readValidity(userId, group)), raw: (await this.keyv.get(key)) ?? null };
  }

  async getEntry(key: string): Promise<string | undefined> {
    return this.keyv.get(key);
  }

  async setEntry(userId: number, group: CacheGroup, key: string, value: string, ttlMs: number): Promise<void> {
    await this.fills.set(key, value, ttlMs);
    const indexName = `${userId}:${group}`;
    const index = this.indexes.get(indexName) ?? new Set<string>();
    index.add(key);
    this.indexes.set(indexName, index);
  }

  async invalidate(userId: number, scopes: readonly ValidityScope[]): Promise<number> {
    const generations = this.generationsOf(userId);
    const token = freshToken();
    let deleted = 0;
    for (const scope of scopes) {
      generations[scope] = token;
      if (!isCacheGroup(scope)) continue;
      const indexName = `${userId}:${scope}`;
      for (const key of this.indexes.get(indexName) ?? []) if (this.entries.delete(key)) deleted += 1;
      this.indexes.delete(indexName);
    }
    return deleted;
  }

  private generationsOf(userId: number): Generations {
    let generations = this.generations.get(userId);
    if (!generations) {
      const token = freshToken();
      generations = Object.fromEntries(ALL_SCOPES.map((scope) => [scope, token]));
      this.generations.set(userId, generations);
    }
    return generations;
  }

  async bumpEpoch(): Promise<void> {
    this.epoch = freshToken();
  }

  async describe(): Promise<StoreSize> {
    let memoryBytes = 0;
    for (const [key, value] of this.entries) memoryBytes += (key.length + value.length) * 2;
    return { keys: this.entries.size, memoryBytes };
  }

  async flush(): Promise<number> {
    const deleted = this.entries.size;
    this.entries.clear();
    this.generations.clear();
    this.indexes.clear();
    this.epoch = freshToken();
    return deleted;
  }

  async ping(): Promise<void> {}

  async pingNodes(): Promise<StorePing> {
    return { severalNodes: false, nodes: [] };
  }

  onConnectionLost(): void {}

  async close(): Promise<void> {}
}
