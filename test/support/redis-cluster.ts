import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@redis/client';
import { freePort, pollUntil } from './free-port';

const run = promisify(execFile);

/**
 * A Redis Cluster of the test's own: `size` redis-server processes with --cluster-enabled on free
 * loopback ports, joined by `redis-cli --cluster create … --cluster-replicas 1` (half masters, half
 * replicas). Every process and the temporary folder go away in stop(), even after a failure.
 */
export class RedisCluster {
  private readonly processes = new Map<number, ChildProcess>();

  private constructor(
    readonly ports: number[],
    private readonly folder: string,
    private readonly password: string | undefined,
  ) {}

  static async start(options: { size?: number; password?: string } = {}): Promise<RedisCluster> {
    const ports: number[] = [];
    while (ports.length < (options.size ?? 6)) {
      const port = await freePort();
      if (port < 55536 && !ports.includes(port)) ports.push(port); // the cluster bus listens on port + 10000
    }
    const cluster = new RedisCluster(ports, mkdtempSync(join(tmpdir(), 'redis-cluster-')), options.password);
    try {
      for (const port of ports) cluster.spawnNode(port);
      await Promise.all(ports.map((port) => cluster.waitForPing(port)));
      const auth = options.password ? ['-a', options.password, '--no-auth-warning'] : [];
      await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '1', '--cluster-yes', ...auth], { timeout: 30_000 });
      await cluster.waitUntil(async () => (await Promise.all(ports.map((port) => cluster.info(port)))).every((info) => info.includes('cluster_state:ok')));
      // A replica can only take over once it has synced with its master.
      await cluster.waitUntil(async () => (await Promise.all(ports.map((port) => cluster.info(port, 'replication')))).every((info) => !info.includes('role:slave') || info.includes('master_link_status:up')));
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** host:port,… for REDIS_CLUSTER_NODES (two seeds are enough: the client learns the rest). */
  get seeds(): string {
    return this.ports.slice(0, 2).map((port) => `127.0.0.1:${port}`).join(',');
  }

  async command(port: number, ...args: string[]): Promise<unknown> {
    const client = createClient({ socket: { host: '127.0.0.1', port, reconnectStrategy: false }, password: this.password });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await client.sendCommand(args);
    } finally {
      client.destroy();
    }
  }

  /** Ports of the current masters (alive ones). */
  async masterPorts(): Promise<number[]> {
    const masters: number[] = [];
    for (const port of this.processes.keys()) {
      if ((await this.info(port, 'replication')).includes('role:master')) masters.push(port);
    }
    return masters;
  }

  /** SIGSTOP (`frozen`) or SIGCONT of one node: a frozen node reads nothing from its sockets. */
  freeze(port: number, frozen: boolean): void {
    this.processes.get(port)?.kill(frozen ? 'SIGSTOP' : 'SIGCONT');
  }

  /** The port of a master's (first) replica. */
  async replicaOf(masterPort: number): Promise<number> {
    const port = /slave0:ip=[^,]+,port=(\d+)/.exec(await this.info(masterPort, 'replication'))?.[1];
    if (!port) throw new Error(`master ${masterPort} has no replica`);
    return Number(port);
  }

  /** kill -9 of one node (no save, no goodbye). */
  async kill(port: number): Promise<void> {
    const child = this.processes.get(port);
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.processes.delete(port);
  }

  /** Starts a killed node again (same node id and config file): it rejoins, as a replica once its slots moved. */
  async restart(port: number): Promise<void> {
    this.spawnNode(port);
    await this.waitForPing(port);
    await this.waitUntil(async () => {
      const infos = await Promise.all([...this.processes.keys()].map((each) => this.info(each, 'replication')));
      return infos.every((info) => !info.includes('role:slave') || info.includes('master_link_status:up'));
    });
  }

  async stop(): Promise<void> {
    for (const port of this.processes.keys()) this.freeze(port, false);
    await Promise.all([...this.processes.keys()].map((port) => this.kill(port)));
    rmSync(this.folder, { recursive: true, force: true });
  }

  waitUntil(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    return pollUntil(condition, 'cluster condition', timeoutMs);
  }

  async info(port: number, section = 'cluster'): Promise<string> {
    return String(await this.command(port, section === 'cluster' ? 'CLUSTER' : 'INFO', section === 'cluster' ? 'INFO' : section));
  }

  private spawnNode(port: number): void {
    const auth = this.password ? ['--requirepass', this.password, '--masterauth', this.password] : [];
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', join(this.folder, `nodes-${port}.conf`)];
    args.push('--cluster-node-timeout', '1000', '--repl-diskless-sync-delay', '0', '--save', '', '--appendonly', 'no', '--dir', this.folder, ...auth);
    this.processes.set(port, spawn('redis-server', args, { stdio: 'ignore' }));
  }

  private waitForPing(port: number): Promise<void> {
    return this.waitUntil(async () => (await this.command(port, 'PING')) === 'PONG', 10_000);
  }
}
