import { readFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { createClient, RedisClientType } from '@redis/client';
import { describeRedisFailure } from './redis-failure';

export interface RedisConnectionOptions {
  /** PEM file of the CA that signed the server's certificate (rediss:// with a private CA). */
  tlsCaFile?: string;
  /** The password, when it is not (or should not be) in the URL: it wins over one there. */
  password?: string;
}

/**
 * A node-redis client that never waits silently: no offline queue (commands fail at once while
 * disconnected instead of buffering forever), a bounded connect timeout, and reconnection with
 * backoff capped at one second. Connecting happens in the background: the API starts and serves
 * from the database even when Redis is down at start-up. Every change of its state is logged
 * with the cause (a wrong password, a TLS failure, a refused connection), once per change.
 */
export function createRedisConnection(url: string, options: RedisConnectionOptions = {}): RedisClientType {
  const common = { connectTimeout: 1000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000) };
  const privateCa = url.startsWith('rediss://') && options.tlsCaFile ? [readFileSync(options.tlsCaFile)] : null;
  const socket = privateCa ? { ...common, tls: true as const, ca: privateCa } : { ...common, keepAlive: true };
  const client: RedisClientType = createClient({ ...withPassword(url, options.password), disableOfflineQueue: true, socket });
  reportStateChanges(client, serverOf(url));
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

/** Logs "ready" and each distinct failure once (not on every reconnection attempt). */
function reportStateChanges(client: RedisClientType, server: string): void {
  const logger = new Logger('Redis');
  let last: string | null = null;
  const change = (state: string, log: (message: string) => void) => {
    if (state === last) return;
    last = state;
    log(state);
  };
  client.on('ready', () => change(`Redis at ${server} connected and ready`, (message) => logger.log(message)));
  client.on('error', (error: unknown) => change(`Redis at ${server} unavailable: ${describeRedisFailure(error)}`, (message) => logger.error(message)));
  client.on('end', () => change(`Redis at ${server} connection closed`, (message) => logger.log(message)));
}

/** host:port of a Redis URL, without its credentials. */
/** node-redis lets a password in the URL win over the `password` option: the option's wins here, so it is taken out of the URL. */
function withPassword(url: string, password: string | undefined): { url: string; password?: string } {
  if (password === undefined) return { url };
  const parsed = new URL(url);
  parsed.password = '';
  return { url: parsed.toString(), password };
}

function serverOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'}`;
}
