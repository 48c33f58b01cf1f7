import KeyvRedis from '@keyv/redis';
import { RedisClientType } from '@redis/client';
import Keyv from 'keyv';
import { CacheBackend, freshToken, MAX_TTL_SECONDS } from './cache-backend';
import { EPOCH_KEY, generationKey, indexKey, isOwnKey, OWN_KEYS_PATTERN } from './cache-keys';
import { withDeadline } from './deadline';
import { deserializeEnvelope, serializeEnvelope } from './keyv-envelope';

const SCAN_BUDGET_MS = 500;
/**
 * Deadline of each round trip of the admin operations. A whole scan may legitimately take long on
 * a big keyspace, so no deadline from outside fits it; a hung Redis fails it at the first step.
 */
const ADMIN_STEP_DEADLINE_MS = 500;
const RESPONSE_KEY = /:(analytics|categories|habits|records):/;

/**
 * Redis through Keyv + @keyv/redis for the entries (the same Keyv store backs CACHE_MANAGER),
 * and the same node-redis connection for generations and per-user indexes. No namespace:
 * the Redis key is the cache key.
 */
export class RedisCacheBackend implements CacheBackend {
  readonly kind = 'redis';
  readonly keyv: Keyv<string>;

  constructor(private readonly client: RedisClientType) {
    const store = new KeyvRedis<string>(client, { useUnlink: true, throwOnConnectError: true, throwOnErrors: true });
    this.keyv = new Keyv<string>({
      store,
      namespace: undefined,
      useKeyPrefix: false,
      throwOnErrors: true,
      serialize: serializeEnvelope,
      deserialize: deserializeEnvelope,
    });
    this.keyv.on('error', () => undefined);
  }

  /** One round trip: both SETs are written together (node-redis pipelines commands of the same tick). */
  readValidity(userId: number): Promise<string> {
    return this.sendValidityCommands(userId);
  }

  /**
   * The same round trip also GETs the entry, read raw (Keyv's envelope, as Keyv wrote it) because
   * Keyv's own get would go out a tick later, in a second round trip.
   */
  async readValidityAndEntry(userId: number, key: string): Promise<{ validity: string; raw: string | null }> {
    const [validity, envelope] = await Promise.all([this.sendValidityCommands(userId), this.client.get(key)]);
    return { validity, raw: typeof envelope === 'string' ? unwrapEnvelope(envelope) : null };
  }

  /** Sends both SETs now (same tick as the caller's other commands) and resolves to the token. */
  private sendValidityCommands(userId: number): Promise<string> {
    const epochCandidate = freshToken();
    const generationCandidate = freshToken();
    const epoch = this.client.set(EPOCH_KEY, epochCandidate, { condition: 'NX', GET: true });
    const generation = this.client.set(generationKey(userId), generationCandidate, {
      condition: 'NX',
      GET: true,
      expiration: { type: 'EX', value: MAX_TTL_SECONDS },
    });
    return Promise.all([epoch, generation]).then(([e, g]) => `${e ?? epochCandidate}.${g ?? generationCandidate}`);
  }

  getEntry(key: string): Promise<string | undefined> {
    return this.keyv.get(key);
  }

  async setEntry(userId: number, key: string, value: string, ttlMs: number): Promise<void> {
    const index = indexKey(userId);
    await Promise.all([
      this.keyv.set(key, value, ttlMs),
      this.client.sAdd(index, key),
      this.client.expire(index, MAX_TTL_SECONDS),
    ]);
  }

  /** Three commands whatever the size of the keyspace: SET generation, SMEMBERS index, UNLINK. */
  async invalidateUser(userId: number): Promise<number> {
    const index = indexKey(userId);
    const [, members] = await Promise.all([
      this.client.set(generationKey(userId), freshToken(), { expiration: { type: 'EX', value: MAX_TTL_SECONDS } }),
      this.client.sMembers(index),
    ]);
    if (members.length === 0) return 0;
    const removed = await this.client.unlink([...members, index]);
    return Math.max(0, removed - 1);
  }

  async bumpEpoch(): Promise<void> {
    await this.client.set(EPOCH_KEY, freshToken());
  }

  /** Admin only: scans this application's keys (bounded in time) and reads Redis memory use. */
  async describe(): Promise<{ keys: number; memoryBytes: number }> {
    let keys = 0;
    await this.scanOwnKeys(async (batch) => {
      keys += batch.filter((key) => RESPONSE_KEY.test(key)).length;
    }, SCAN_BUDGET_MS);
    const memory = await adminStep(this.client.info('memory'));
    const usedMemory = /used_memory:(\d+)/.exec(memory)?.[1];
    return { keys, memoryBytes: Number(usedMemory ?? 0) };
  }

  /** Admin only: removes this application's keys (never FLUSHDB: other data in Redis survives). */
  async flush(): Promise<number> {
    let deleted = 0;
    await this.scanOwnKeys(async (batch) => {
      if (batch.length === 0) return;
      await adminStep(this.client.unlink(batch));
      deleted += batch.filter((key) => RESPONSE_KEY.test(key)).length;
    }, Number.POSITIVE_INFINITY);
    await adminStep(this.client.unlink(EPOCH_KEY));
    return deleted;
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  onConnectionLost(listener: () => void): void {
    this.client.on('error', listener);
    this.client.on('reconnecting', listener);
  }

  /** The connection is shared and closed by RedisConnectionCloser. */
  async close(): Promise<void> {}

  private async scanOwnKeys(visit: (keys: string[]) => Promise<void>, budgetMs: number): Promise<void> {
    const started = Date.now();
    let cursor = '0';
    do {
      const reply = await adminStep(this.client.scan(cursor, { MATCH: OWN_KEYS_PATTERN, COUNT: 1000 }));
      cursor = String(reply.cursor);
      await visit(reply.keys.filter(isOwnKey));
    } while (cursor !== '0' && Date.now() - started < budgetMs);
  }
}

function unwrapEnvelope(envelope: string): string | null {
  const { value, expires } = deserializeEnvelope<string>(envelope);
  if (value === undefined || (expires !== undefined && expires <= Date.now())) return null;
  return value;
}

function adminStep<T>(command: Promise<T>): Promise<T> {
  return withDeadline(command, ADMIN_STEP_DEADLINE_MS);
}
