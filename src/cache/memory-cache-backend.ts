import Keyv from 'keyv';
import { CacheBackend, freshToken } from './cache-backend';
import { deserializeEnvelope, serializeEnvelope } from './keyv-envelope';

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

/** In-process store with the same semantics as Redis: generations, an epoch and per-user indexes. */
export class MemoryCacheBackend implements CacheBackend {
  readonly kind = 'memory';
  readonly keyv: Keyv<string>;
  private readonly entries: BoundedMap;
  private readonly generations = new Map<number, string>();
  private readonly indexes = new Map<number, Set<string>>();
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
  }

  async readValidity(userId: number): Promise<string> {
    let generation = this.generations.get(userId);
    if (generation === undefined) {
      generation = freshToken();
      this.generations.set(userId, generation);
    }
    return `${this.epoch}.${generation}`;
  }

  async readValidityAndEntry(userId: number, key: string): Promise<{ validity: string; raw: string | null }> {
    return { validity: await this.readValidity(userId), raw: (await this.keyv.get(key)) ?? null };
  }

  async getEntry(key: string): Promise<string | undefined> {
    return this.keyv.get(key);
  }

  async setEntry(userId: number, key: string, value: string, ttlMs: number): Promise<void> {
    await this.keyv.set(key, value, ttlMs);
    const index = this.indexes.get(userId) ?? new Set<string>();
    index.add(key);
    this.indexes.set(userId, index);
  }

  async invalidateUser(userId: number): Promise<number> {
    this.generations.set(userId, freshToken());
    const index = this.indexes.get(userId);
    this.indexes.delete(userId);
    let deleted = 0;
    for (const key of index ?? []) if (this.entries.delete(key)) deleted += 1;
    return deleted;
  }

  async bumpEpoch(): Promise<void> {
    this.epoch = freshToken();
  }

  async describe(): Promise<{ keys: number; memoryBytes: number }> {
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

  onConnectionLost(): void {}

  async close(): Promise<void> {}
}
