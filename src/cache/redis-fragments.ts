import { FragmentRead, FragmentSlot, FragmentWrite, freshToken, MAX_TTL_SECONDS } from './cache-backend';
import { epochKey, generationsKey } from './cache-keys';
import { RedisConnection } from '../redis/redis-topology';
import { RedisScript } from '../redis/redis-script';

/**
 * A fragment's validity token is `<epoch of the slot>.<fragments>.<habit:<id>>` of the user's
 * generations hash (`''` for a habit no write has named yet: a write replaces it with a token, and
 * the field only disappears with the whole hash, whose `fragments` field then comes back new).
 * KEYS: the epoch, the generations hash, the fragments (one slot: the user's). ARGV: a fresh token
 * (for a missing epoch or `fragments`), the hash's TTL, the fragments' habit ids.
 * Returns {token, value or nil} per fragment.
 */
const READ_FRAGMENTS_LUA = `
local epoch = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'GET') or ARGV[1]
if redis.call('HSETNX', KEYS[2], 'fragments', ARGV[1]) == 1 then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
local base = epoch .. '.' .. redis.call('HGET', KEYS[2], 'fragments') .. '.'
local out = {}
for i = 3, #KEYS do
  out[#out + 1] = base .. (redis.call('HGET', KEYS[2], 'habit:' .. ARGV[i]) or '')
  out[#out + 1] = redis.call('GET', KEYS[i])
end
return out
`;

/**
 * Stores each fragment only while its habit's token is still the one read before its database
 * reads (an invalidation since then makes it unservable anyway; this spares overwriting a fresh one).
 * KEYS: the epoch, the generations hash, the fragments. ARGV: the TTL in ms, then per fragment its
 * habit id, token and value. Returns how many were stored.
 */
const STORE_FRAGMENTS_LUA = `
local epoch = redis.call('GET', KEYS[1])
local fragments = redis.call('HGET', KEYS[2], 'fragments')
if not epoch or not fragments then return 0 end
local stored = 0
for i = 3, #KEYS do
  local at = (i - 3) * 3 + 2
  local token = epoch .. '.' .. fragments .. '.' .. (redis.call('HGET', KEYS[2], 'habit:' .. ARGV[at]) or '')
  if token == ARGV[at + 1] then
    redis.call('SET', KEYS[i], ARGV[at + 2], 'PX', ARGV[1])
    stored = stored + 1
  end
end
return stored
`;

const readScript = new RedisScript(READ_FRAGMENTS_LUA);
const storeScript = new RedisScript(STORE_FRAGMENTS_LUA);

export async function readRedisFragments(client: RedisConnection, userId: number, slots: readonly FragmentSlot[]): Promise<FragmentRead[]> {
  const keys = [epochKey(userId), generationsKey(userId), ...slots.map((slot) => slot.key)];
  const args = [freshToken(), String(MAX_TTL_SECONDS), ...slots.map((slot) => String(slot.habitId))];
  const reply = (await readScript.run(client, keys, args)) as Array<string | null>;
  return slots.map((_, index) => ({ token: String(reply[index * 2]), raw: reply[index * 2 + 1] ?? null }));
}

export async function storeRedisFragments(client: RedisConnection, userId: number, fragments: readonly FragmentWrite[], ttlMs: number): Promise<void> {
  if (fragments.length === 0) return;
  const keys = [epochKey(userId), generationsKey(userId), ...fragments.map((fragment) => fragment.key)];
  const args = [String(Math.max(1, Math.round(ttlMs))), ...fragments.flatMap((fragment) => [String(fragment.habitId), fragment.token, fragment.value])];
  await storeScript.run(client, keys, args);
}
