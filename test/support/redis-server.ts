import { ChildProcess, spawn } from 'node:child_process';
import { createClient } from '@redis/client';
import { freePort } from './free-port';

/** A redis-server of the test's own on a free port, which the test may stop, freeze and restart. */
export class RedisServer {
  private process: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  private extraArgs: string[] = [];

  /** `extraArgs`: more redis-server arguments (a password: `['--requirepass', 'secret']`). */
  static async start(extraArgs: string[] = []): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    server.extraArgs = extraArgs;
    await server.start();
    return server;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...this.extraArgs];
    this.process = spawn('redis-server', args, { stdio: 'ignore' });
    await this.waitUntilReady();
  }

  /** Killed without saving (as SHUTDOWN NOSAVE, but works while frozen): connections refused until start(), then empty. */
  async stop(): Promise<void> {
    const proc = this.process;
    if (!proc) return;
    this.resume();
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
    this.process = null;
  }

  /** SIGSTOP: connections stay open but nothing answers (a hung Redis). */
  freeze(): void {
    this.process?.kill('SIGSTOP');
  }

  resume(): void {
    this.process?.kill('SIGCONT');
  }

  async command(...args: string[]): Promise<unknown> {
    const requirepass = this.extraArgs.indexOf('--requirepass');
    const client = createClient({ url: this.url, password: requirepass >= 0 ? this.extraArgs[requirepass + 1] : undefined });
    await client.connect();
    try {
      return await client.sendCommand(args);
    } finally {
      await client.close();
    }
  }

  private async waitUntilReady(): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      try {
        await this.command('PING');
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    throw new Error(`redis-server on port ${this.port} did not start`);
  }
}
