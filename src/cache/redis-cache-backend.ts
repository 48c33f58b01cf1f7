import KeyvRedis from '@keyv/redis';
import { Cache, createCache } from 'cache-manager';
import Keyv from 'keyv';
import { CacheBackend, FragmentRead, FragmentSlot, FragmentWrite, freshToken, MAX_TTL_SECONDS, StoreNodePing, StoreNodeSize, StorePing, StoreSize, Validity } from './cache-backend';
import { CacheGroup } from '../common/change-groups';
import { isCacheGroup, ValidityScope } from './cache-group';
import { allEpochKeys, epochKey, generationsKey, groupOfKey, indexKey, isOwnKey, isResponseKey, OWN_KEYS_PATTERNS } from './cache-keys';
import { hasSeveralNodes, isCluster, masterClients, MasterNode, masterNodes, onConnectionLost, RedisConnection } from '../redis/redis-topology';
import { keySlot } from '../redis/key-slot';
import { RedisScript } from '../redis/redis-script';
import { withDeadline } from '../redis/deadline';
import { deserializeEnvelope, serializeEnvelope } from './keyv-envelope';
import { readRedisFragments, storeRedisFragments } from './redis-fragments';

const SCAN_BUDGET_MS = 500;
/**
 * Deadline of each round trip of the admin operations. A whole scan may legitimately take long on
 * a big keyspace, so no deadline from outside fits it; a hung Redis fails it at the first step.
 */
const ADMIN_STEP_DEADLINE_MS = 500;

/**
 * One atomic command for the hot path. KEYS: the epoch of the user's slot, the user's generations
 * hash, [an entry] (one hash slot: the user's tag, and the epoch key named for that slot).
 * ARGV: a fresh token (used for whichever of epoch / session / group is missing), the group ('' for
 * none), the hash's TTL. Returns {epoch, session generation, group generation or nil, entry or nil}.
 */
const READ_VALIDITY_LUA = `
local epoch = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'GET') or ARGV[1]
if redis.call('HSETNX', KEYS[2], 'session', ARGV[1]) == 1 then redis.call('EXPIRE', KEYS[2], ARGV[3]) end
local session = redis.call('HGET', KEYS[2], 'session')
local group = false
if ARGV[2] ~= '' then
  redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[1])
  group = redis.call('HGET', KEYS[2], ARGV[2])
end
local entry = false
if KEYS[3] then entry = redis.call('GET', KEYS[3]) end
return {epoch, session, group, entry}
`;

/**
 * Redis through Keyv + @keyv/redis for the entries (filled through cache-manager on that Keyv store),
 * and the same node-redis connection for generations and per-user indexes. No namespace:
 * the Redis key is the cache key.
 */
export class RedisCacheBackend implements CacheBackend {
  readonly kind = 'redis';
  private readonly keyv: Keyv<string>;
  /** cache-manager 7 on the same Keyv store: fills go through it (reads stay on Keyv, see setEntry). */
  private readonly fills: Cache;
  private readonly readValidityScript = new RedisScript(READ_VALIDITY_LUA);

  constructor(private readonly client: RedisConnection) {
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
    this.fills = createCache({ stores: [this.keyv] });
  }

  readValidity(userId: number, group: CacheGroup | null): Promise<Validity> {
    return this.runValidityScript(userId, group, null).then(({ session, entry }) => ({ session, entry }));
  }

  /** The same script also GETs the entry (raw: Keyv's envelope, unwrapped as Keyv would): one command, one round trip. */
  readValidityAndEntry(userId: number, group: CacheGroup, key: string): Promise<Validity & { raw: string | null }> {
    return this.runValidityScript(userId, group, key);
  }

  private async runValidityScript(userId: number, group: CacheGroup | null, key: string | null) {
    const candidate = freshToken();
    const keys = key ? [epochKey(userId), generationsKey(userId), key] : [epochKey(userId), generationsKey(userId)];
    const args = [candidate, group ?? '', String(MAX_TTL_SECONDS)];
    const [epoch, session, entry, envelope] = (await this.readValidityScript.run(this.client, keys, args)) as Array<string | null>;
    return {
      session: `${epoch}.${session}`,
      entry: entry === null ? null : `${epoch}.${entry}`,
      raw: typeof envelope === 'string' ? unwrapEnvelope(envelope) : null,
    };
  }

  getEntry(key: string): Promise<string | undefined> {
    return this.keyv.get(key);
  }

  async setEntry(userId: number, group: CacheGroup, key: string, value: string, ttlMs: number): Promise<void> {
    const index = indexKey(userId, group);
    await Promise.all([
      this.fills.set(key, value, ttlMs),
      this.client.sAdd(index, key),
      this.client.expire(index, MAX_TTL_SECONDS),
    ]);
  }

  readFragments(userId: number, slots: readonly FragmentSlot[]): Promise<FragmentRead[]> {
    return readRedisFragments(this.client, userId, slots);
  }

  storeFragments(userId: number, fragments: readonly FragmentWrite[], ttlMs: number): Promise<void> {
    return storeRedisFragments(this.client, userId, fragments, ttlMs);
  }

  /**
   * At most four commands whatever the size of the keyspace: HSET of the scopes' generations and
   * EXPIRE of that hash, SUNION of the groups' indexes (pipelined), then one UNLINK.
   */
  async invalidate(userId: number, scopes: readonly ValidityScope[]): Promise<number> {
    if (scopes.length === 0) return 0;
    const token = freshToken();
    const gens = generationsKey(userId);
    const indexes = scopes.filter(isCacheGroup).map((group) => indexKey(userId, group));
    const [, , members] = await Promise.all([
      this.client.hSet(gens, Object.fromEntries(scopes.map((scope) => [scope, token]))),
      this.client.expire(gens, MAX_TTL_SECONDS),
      indexes.length > 0 ? this.client.sUnion(indexes) : Promise.resolve([] as string[]),
    ]);
    if (members.length === 0) return 0;
    // An index holds only keys of its own group, and an empty set does not exist in Redis: the
    // groups of the members are exactly the indexes that UNLINK also counts.
    const existingIndexes = new Set(members.map(groupOfKey)).size;
    const removed = await this.client.unlink([...members, ...indexes]);
    return Math.max(0, removed - existingIndexes);
  }

  /**
   * Replaces every slot's epoch: each is unlinked, and the next read of a slot creates a token
   * never used before. On a cluster one command per slot (each routed to its master, pipelined);
   * on one server a few UNLINKs of many keys. It fails unless every master took its share.
   */
  async bumpEpoch(): Promise<void> {
    const keys = allEpochKeys();
    if (isCluster(this.client)) {
      await Promise.all(keys.map((key) => this.client.unlink(key)));
      return;
    }
    const batches = Array.from({ length: Math.ceil(keys.length / 4096) }, (_, index) => keys.slice(index * 4096, (index + 1) * 4096));
    await Promise.all(batches.map((batch) => this.client.unlink(batch)));
  }

  /** Admin only: scans this application's keys on every master (bounded in time) and sums their keys and memory use. */
  async describe(): Promise<StoreSize> {
    const nodes: StoreNodeSize[] = [];
    for (const master of masterNodes(this.client)) {
      const client = await adminStep(master.client());
      let keys = 0;
      await this.scanOwnKeys(client, async (batch) => {
        keys += batch.filter((key) => isResponseKey(key)).length;
      }, SCAN_BUDGET_MS);
      const memory = await adminStep(client.info('memory'));
      nodes.push({ address: master.address, keys, memoryBytes: Number(/used_memory:(\d+)/.exec(memory)?.[1] ?? 0) });
    }
    const total = (field: 'keys' | 'memoryBytes') => nodes.reduce((sum, node) => sum + node[field], 0);
    return { keys: total('keys'), memoryBytes: total('memoryBytes'), ...(hasSeveralNodes(this.client) ? { nodes } : {}) };
  }

  /** Admin only: removes this application's keys (never FLUSHDB: other data in Redis survives). */
  async flush(): Promise<number> {
    let deleted = 0;
    for (const master of await adminStep(masterClients(this.client))) {
      await this.scanOwnKeys(master, async (batch) => {
        const commands = isCluster(this.client) ? bySlot(batch) : [batch];
        await adminStep(Promise.all(commands.map((keys) => master.unlink(keys))));
        deleted += batch.filter((key) => isResponseKey(key)).length;
      }, Number.POSITIVE_INFINITY);
    }
    return deleted;
  }

  /** Every master answers (one server, Sentinel's current master, or each master of a cluster). */
  async ping(): Promise<void> {
    const masters = await masterClients(this.client);
    await Promise.all(masters.map((master) => master.ping()));
  }

  /** Each master's PING, bounded: a master that is down or hung is reported down, the others still answer. */
  async pingNodes(deadlineMs: number): Promise<StorePing> {
    const nodes = await Promise.all(masterNodes(this.client).map((master) => pingNode(master, deadlineMs)));
    return { severalNodes: hasSeveralNodes(this.client), nodes };
  }

  onConnectionLost(listener: () => void): void {
    onConnectionLost(this.client, listener);
  }

  /** The connection is shared and closed by RedisConnectionCloser. */
  async close(): Promise<void> {}

  /** SCANs one master for each pattern of our keys; `visit` gets only keys of our exact shapes. */
  private async scanOwnKeys(master: RedisConnection, visit: (keys: string[]) => Promise<void>, budgetMs: number): Promise<void> {
    const started = Date.now();
    for (const pattern of OWN_KEYS_PATTERNS) {
      let cursor = '0';
      do {
        const reply = await adminStep(master.scan(cursor, { MATCH: pattern, COUNT: 1000 }));
        cursor = String(reply.cursor);
        const own = reply.keys.filter(isOwnKey);
        if (own.length > 0) await visit(own);
      } while (cursor !== '0' && Date.now() - started < budgetMs);
    }
  }
}

/** Keys grouped by hash slot: a multi-key command on a cluster node must stay within one slot. */
function bySlot(keys: string[]): string[][] {
  const groups = new Map<number, string[]>();
  for (const key of keys) groups.set(keySlot(key), [...(groups.get(keySlot(key)) ?? []), key]);
  return [...groups.values()];
}

function unwrapEnvelope(envelope: string): string | null {
  const { value, expires } = deserializeEnvelope<string>(envelope);
  if (value === undefined || (expires !== undefined && expires <= Date.now())) return null;
  return value;
}

function adminStep<T>(command: Promise<T>): Promise<T> {
  return withDeadline(command, ADMIN_STEP_DEADLINE_MS);
}

function elapsedMs(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

async function pingNode(master: MasterNode, deadlineMs: number): Promise<StoreNodePing> {
  const started = performance.now();
  const answered = await withDeadline(master.client().then((client) => client.ping()), deadlineMs).then(() => true, () => false);
  return answered ? { address: master.address, status: 'up', latencyMs: elapsedMs(started) } : { address: master.address, status: 'down' };
}
