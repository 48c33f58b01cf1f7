import { RedisClientType, RedisClusterType, RedisSentinelType } from '@redis/client';

/**
 * The shared connection is one of three node-redis objects: a client (one server), a cluster
 * client (REDIS_CLUSTER_NODES) or a sentinel client (REDIS_SENTINELS). Every layer uses it through
 * the command surface of a client (keyed commands route by their key on a cluster, and go to the
 * current master through Sentinel); what differs between the three forms goes through here.
 */
export type RedisConnection = RedisClientType;

export function isCluster(redis: RedisConnection): boolean {
  return typeof (redis as unknown as RedisClusterType).getMasters === 'function';
}

function asCluster(redis: RedisConnection): RedisClusterType {
  return redis as unknown as RedisClusterType;
}

/** Connected and able to run commands now (on a cluster: every master). */
export function isRedisReady(redis: RedisConnection): boolean {
  if (!isCluster(redis)) return redis.isReady;
  const masters = asCluster(redis).masters;
  return asCluster(redis).isOpen && masters.length > 0 && masters.every((master) => master.client?.isReady === true);
}

/** One client per master (one for a single server or Sentinel, whose client follows the master). */
export async function masterClients(redis: RedisConnection): Promise<RedisClientType[]> {
  return await Promise.all(masterNodes(redis).map((node) => node.client()));
}

export interface MasterNode {
  /** host:port as the topology names it. */
  address: string;
  /** Its connection (on a cluster, opened on first use: a dead master's may never come). */
  client(): Promise<RedisClientType>;
}

/** Every master with its address: each of a cluster's, Sentinel's current master, the one server. */
export function masterNodes(redis: RedisConnection): MasterNode[] {
  if (!isCluster(redis)) return [{ address: singleMasterAddress(redis), client: async () => redis }];
  const cluster = asCluster(redis);
  return cluster.masters.map((master) => ({ address: master.address, client: () => cluster.nodeClient(master) }));
}

/** A cluster or Sentinel: more than one server stands behind the connection, so reports name each. */
export function hasSeveralNodes(redis: RedisConnection): boolean {
  return isCluster(redis) || isSentinel(redis);
}

function isSentinel(redis: RedisConnection): boolean {
  return typeof (redis as unknown as Partial<RedisSentinelType>).getMasterNode === 'function';
}

function singleMasterAddress(redis: RedisConnection): string {
  if (isSentinel(redis)) {
    const master = (redis as unknown as RedisSentinelType).getMasterNode();
    return master ? `${master.host}:${master.port}` : 'unknown';
  }
  const options = redis.options;
  if (options?.url) {
    const url = new URL(options.url);
    return `${url.hostname}:${url.port || '6379'}`;
  }
  const socket = options?.socket as { host?: string; port?: number } | undefined;
  return `${socket?.host ?? 'localhost'}:${socket?.port ?? 6379}`;
}

/**
 * Calls `listener` whenever a connection that may have carried an invalidation was lost, or the
 * topology changed (a cluster node failed or the slot map moved; Sentinel switched masters): an
 * acknowledged write may have been lost with the old master (replication is asynchronous).
 */
export function onConnectionLost(redis: RedisConnection, listener: () => void): void {
  const emitter = redis as unknown as NodeJS.EventEmitter;
  if (isCluster(redis)) {
    for (const event of ['node-error', 'node-reconnecting', 'node-disconnect']) emitter.on(event, listener);
    return;
  }
  emitter.on('error', listener);
  emitter.on('reconnecting', listener);
  emitter.on('topology-change', (event: { type?: string }) => {
    if (event.type === 'MASTER_CHANGE') listener();
  });
}

/**
 * node-redis refreshes a cluster's slot map only when a node answers MOVED; a master that died
 * never does, so its slots would stay unreachable after its replica took over. While any master's
 * connection is down, the map is read again (from a live node, else the seed nodes) every 500 ms.
 */
export function keepSlotMapFresh(redis: RedisConnection): void {
  if (!isCluster(redis)) return;
  const cluster = asCluster(redis);
  let timer: NodeJS.Timeout | undefined;
  const refresh = async () => {
    timer = undefined;
    if (!cluster.isOpen || isRedisReady(redis)) return;
    const live = cluster.masters.find((master) => master.client?.isReady)?.client;
    const slots = cluster._slots as unknown as { rediscover(startWith: unknown): Promise<void> };
    await slots.rediscover(live ?? { options: cluster._options.rootNodes[0] }).catch(() => undefined);
    schedule();
  };
  const schedule = () => {
    if (timer || !cluster.isOpen) return;
    timer = setTimeout(() => void refresh(), 500);
    timer.unref();
  };
  for (const event of ['node-error', 'node-reconnecting', 'node-disconnect']) cluster.on(event, schedule);
}
