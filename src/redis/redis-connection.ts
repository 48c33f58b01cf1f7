import { readFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { createClient, createCluster, createSentinel, RedisClientType } from '@redis/client';
import { RedisTopology } from '../config/app-config';
import { describeRedisFailure } from './redis-failure';
import { isCluster, keepSlotMapFresh, RedisConnection } from './redis-topology';

export interface RedisConnectionOptions {
  /** PEM file of the CA that signed the server's certificate (rediss:// with a private CA). */
  tlsCaFile?: string;
  /** The password, when it is not (or should not be) in the URL: it wins over one there. */
  password?: string;
  /** One server (default), a Cluster's seed nodes, or Sentinel. */
  topology?: RedisTopology;
}

/**
 * A node-redis connection that never waits silently: no offline queue (commands fail at once while
 * disconnected instead of buffering forever), a bounded connect timeout, and reconnection with
 * backoff capped at one second. For one server a client, for REDIS_CLUSTER_NODES a cluster client
 * (its seed nodes as rootNodes, the credentials and TLS as every node's defaults), for
 * REDIS_SENTINELS a sentinel client that follows the master. Connecting happens in the background:
 * the API starts and serves from the database even when Redis is down at start-up. Every change of
 * its state is logged with the cause, once per change.
 */
export function createRedisConnection(url: string, options: RedisConnectionOptions = {}): RedisConnection {
  const topology = options.topology ?? { kind: 'single' };
  const socket = socketOptions(url, options.tlsCaFile);
  let connection: RedisConnection;
  if (topology.kind === 'single') {
    connection = createClient({ ...withPassword(url, options.password), disableOfflineQueue: true, socket });
  } else {
    const node = { ...credentialsOf(url, options.password), disableOfflineQueue: true, socket };
    connection =
      topology.kind === 'cluster'
        ? (createCluster({ rootNodes: topology.nodes.map((seed) => ({ socket: { ...socket, ...seed } })), defaults: node }) as unknown as RedisConnection)
        : (createSentinel({ name: topology.masterName, sentinelRootNodes: topology.sentinels, nodeClientOptions: node, sentinelClientOptions: { socket } }) as unknown as RedisConnection);
  }
  if (topology.kind !== 'single') RETRIED_CONNECTIONS.add(connection);
  keepSlotMapFresh(connection);
  reportStateChanges(connection, describeServer(url, topology));
  return connection;
}

/** Starts connecting; waits at most `waitMs` for the first connection. A cluster or Sentinel whose seeds do not answer yet is tried again every second. */
export async function connectInBackground(client: RedisConnection, waitMs: number): Promise<void> {
  const connected = RETRIED_CONNECTIONS.has(client) ? connectUntilDone(client) : client.connect();
  await Promise.race([connected.then(() => undefined, () => undefined), new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
}

/** Cluster and Sentinel clients: their first connect() fails for good when no seed answers; a client retries by itself. */
const RETRIED_CONNECTIONS = new WeakSet<RedisConnection>();
/** Connections being shut down: their first connection is no longer tried. */
const ABANDONED_CONNECTIONS = new WeakSet<RedisConnection>();

/** Stops the retries of connectInBackground (at shutdown, while the seeds still do not answer). */
export function stopConnecting(client: RedisConnection): void {
  ABANDONED_CONNECTIONS.add(client);
}

async function connectUntilDone(client: RedisConnection): Promise<void> {
  while (!ABANDONED_CONNECTIONS.has(client)) {
    try {
      await client.connect();
      return;
    } catch (error) {
      if (client.isOpen) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000).unref());
    }
  }
}

function socketOptions(url: string, tlsCaFile: string | undefined) {
  const common = { connectTimeout: 1000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000) };
  if (!url.startsWith('rediss://')) return { ...common, keepAlive: true };
  return tlsCaFile ? { ...common, tls: true as const, ca: [readFileSync(tlsCaFile)] } : { ...common, tls: true as const };
}

/** Logs "ready" and each distinct failure once (not on every reconnection attempt). */
function reportStateChanges(client: RedisConnection, server: string): void {
  const logger = new Logger('Redis');
  let last: string | null = null;
  const change = (state: string, log: (message: string) => void) => {
    if (state === last) return;
    last = state;
    log(state);
  };
  const cluster = isCluster(client);
  client.on(cluster ? 'connect' : 'ready', () => change(`Redis at ${server} connected and ready`, (message) => logger.log(message)));
  client.on(cluster ? 'node-error' : 'error', (error: unknown) => change(`Redis at ${server} unavailable: ${describeRedisFailure(error)}`, (message) => logger.error(message)));
  if (cluster) client.on('error', (error: unknown) => change(`Redis at ${server} unavailable: ${describeRedisFailure(error)}`, (message) => logger.error(message)));
  client.on(cluster ? 'disconnect' : 'end', () => change(`Redis at ${server} connection closed`, (message) => logger.log(message)));
}

/** node-redis lets a password in the URL win over the `password` option: the option's wins here, so it is taken out of the URL. */
function withPassword(url: string, password: string | undefined): { url: string; password?: string } {
  if (password === undefined) return { url };
  const parsed = new URL(url);
  parsed.password = '';
  return { url: parsed.toString(), password };
}

/** The user and password of REDIS_URL (decoded), REDIS_PASSWORD winning: every node of a Cluster or Sentinel gets them. */
function credentialsOf(url: string, password: string | undefined): { username?: string; password?: string } {
  const parsed = new URL(url);
  const username = parsed.username ? decodeURIComponent(parsed.username) : undefined;
  return { username, password: password ?? (parsed.password ? decodeURIComponent(parsed.password) : undefined) };
}

function describeServer(url: string, topology: RedisTopology): string {
  const parsed = new URL(url);
  if (topology.kind === 'cluster') return `cluster ${topology.nodes.map((node) => `${node.host}:${node.port}`).join(',')}`;
  if (topology.kind === 'sentinel') return `sentinel master "${topology.masterName}"`;
  return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'}`;
}

export type { RedisClientType };
