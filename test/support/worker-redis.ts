import { ChildProcess, spawn } from 'node:child_process';
import { createClient } from '@redis/client';
import { freePort } from './free-port';

export interface WorkerRedisServers {
  urls: string[];
  stop(): void;
}

/**
 * Suites running side by side (Jest workers) must not share Redis databases: every suite empties
 * its private database index (1–15) first. Worker 1 uses the Redis of TEST_REDIS_URL; each further
 * worker gets a redis-server of its own, started by the global set-up before any worker starts and
 * named to the workers in TEST_REDIS_URLS (each picks its own by JEST_WORKER_ID: test-services.ts).
 */
export async function startWorkerRedisServers(count: number): Promise<WorkerRedisServers> {
  const processes: ChildProcess[] = [];
  const urls: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const port = await freePort();
    processes.push(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }));
    urls.push(`redis://127.0.0.1:${port}`);
  }
  const stop = () => processes.forEach((child) => child.kill('SIGKILL'));
  await Promise.all(urls.map(waitForRedis)).catch((error: Error) => {
    stop();
    throw error;
  });
  return { urls, stop };
}

async function waitForRedis(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = createClient({ url, socket: { reconnectStrategy: false } });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.close();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`redis-server for a Jest worker did not start at ${url}: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
