import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { freePort, pollUntil } from './free-port';

export const SENTINEL_MASTER_NAME = 'habits';

/**
 * Redis with Sentinel of the test's own: a master and a replica (requirepass + masterauth) and three
 * sentinels (quorum 2, down after 1 s) on free loopback ports; stop() ends every process and
 * removes the temporary folder, even after a failure.
 */
export class RedisSentinelSet {
  private readonly processes = new Map<number, ChildProcess>();
  readonly sentinelPorts: number[] = [];
  readonly dataPorts: number[] = [];

  private constructor(
    private readonly folder: string,
    private readonly password: string,
  ) {}

  static async start(password: string): Promise<RedisSentinelSet> {
    const set = new RedisSentinelSet(mkdtempSync(join(tmpdir(), 'redis-sentinel-')), password);
    try {
      for (let index = 0; index < 2; index += 1) set.dataPorts.push(await freePort());
      for (let index = 0; index < 3; index += 1) set.sentinelPorts.push(await freePort());
      const [master, replica] = set.dataPorts;
      set.spawnData(master, []);
      set.spawnData(replica, ['--replicaof', '127.0.0.1', String(master)]);
      await set.waitUntil(async () => (await set.command(replica, ['INFO', 'replication'])).includes('master_link_status:up'));
      for (const port of set.sentinelPorts) set.spawnSentinel(port, master);
      await set.waitUntil(async () => (await Promise.all(set.sentinelPorts.map((port) => set.command(port, ['SENTINEL', 'MASTER', SENTINEL_MASTER_NAME], true)))).every((info) => /num-other-sentinels,2/.test(info.replace(/\s+/g, ','))));
      return set;
    } catch (error) {
      await set.stop();
      throw error;
    }
  }

  get sentinels(): string {
    return this.sentinelPorts.map((port) => `127.0.0.1:${port}`).join(',');
  }

  /** The current master's port, as the sentinels see it. */
  async masterPort(): Promise<number> {
    const reply = await this.command(this.sentinelPorts[0], ['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SENTINEL_MASTER_NAME], true);
    return Number(reply.split(',')[1]);
  }

  /** One command on one process (`sentinel`: a sentinel, which has no password here). */
  async command(port: number, words: string[], sentinel = false): Promise<string> {
    const client = createClient({ socket: { host: '127.0.0.1', port, reconnectStrategy: false }, password: sentinel ? undefined : this.password });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const reply = await client.sendCommand<string | number | null | Array<string | number>>(words);
      return Array.isArray(reply) ? reply.map(String).join(',') : String(reply);
    } finally {
      client.destroy();
    }
  }

  freeze(port: number, frozen: boolean): void {
    this.processes.get(port)?.kill(frozen ? 'SIGSTOP' : 'SIGCONT');
  }

  async kill(port: number): Promise<void> {
    const child = this.processes.get(port);
    if (!child) return;
    this.freeze(port, false);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.processes.delete(port);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.keys()].map((port) => this.kill(port)));
    rmSync(this.folder, { recursive: true, force: true });
  }

  waitUntil(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    return pollUntil(condition, 'sentinel condition', timeoutMs);
  }

  private spawnData(port: number, extra: string[]): void {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--repl-diskless-sync-delay', '0', '--dir', this.folder];
    args.push('--requirepass', this.password, '--masterauth', this.password, ...extra);
    this.processes.set(port, spawn('redis-server', args, { stdio: 'ignore' }));
  }

  private spawnSentinel(port: number, masterPort: number): void {
    const file = join(this.folder, `sentinel-${port}.conf`);
    const lines = [`port ${port}`, 'bind 127.0.0.1', `dir ${this.folder}`, `sentinel monitor ${SENTINEL_MASTER_NAME} 127.0.0.1 ${masterPort} 2`];
    lines.push(`sentinel auth-pass ${SENTINEL_MASTER_NAME} ${JSON.stringify(this.password)}`, `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} 1000`, `sentinel failover-timeout ${SENTINEL_MASTER_NAME} 5000`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    this.processes.set(port, spawn('redis-server', [file, '--sentinel'], { stdio: 'ignore' }));
  }
}
