import { RedisConnection } from '../redis/redis-topology';
import { WindowCount } from './window-count';

/**
 * One round trip, atomic: add to the window's counter, start the window (its expiry) if this
 * created the key, and answer the total and the time left. Every instance sees the same count.
 */
const HIT = `
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {total, ttl}`;

/** Gives one hit back, never below zero and never creating a key (so never one without expiry). */
const REFUND = `
local total = tonumber(redis.call('GET', KEYS[1]) or '0')
if total > 0 then return redis.call('DECR', KEYS[1]) end
return 0`;

export async function hitInRedis(redis: RedisConnection, key: string, count: number, ttlMs: number): Promise<WindowCount> {
  const reply = (await redis.eval(HIT, { keys: [key], arguments: [String(count), String(ttlMs)] })) as [number, number];
  return { total: Number(reply[0]), resetInMs: Number(reply[1]) };
}

export async function refundInRedis(redis: RedisConnection, key: string): Promise<void> {
  await redis.eval(REFUND, { keys: [key] });
}
