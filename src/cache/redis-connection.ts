import { createClient, RedisClientType } from '@redis/client';

/**
 * A node-redis client that never waits silently: no offline queue (commands fail at once while
 * disconnected instead of buffering forever), a bounded connect timeout, and reconnection with
 * backoff capped at one second. Connecting happens in the background: the API starts and serves
 * from the database even when Redis is down at start-up.
 */
export function createRedisConnection(url: string): RedisClientType {
  const client: RedisClientType = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 1000,
      keepAlive: true,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000),
    },
  });
  client.on('error', () => undefined);
  return client;
}

/** Starts connecting; waits at most `waitMs` for the first connection. */
export async function connectInBackground(client: RedisClientType, waitMs: number): Promise<void> {
  const connected = client.connect().then(
    () => undefined,
    () => undefined,
  );
  await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
}
