import { AddressInfo, connect, Socket } from 'node:net';
import { RedisClientType } from '@redis/client';
import { DataSource } from 'typeorm';
import { REDIS_CONNECTION } from '../../src/redis/redis.module';
import { RedisServer } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import { waitUntil } from './ops-support';

/** A login whose body arrives in two parts: in flight until `finish()` sends the rest. */
/** Open connections of the app's HTTP server. */
function connections(testApp: TestApp): Promise<number> {
  return new Promise((resolve, reject) => testApp.app.getHttpServer().getConnections((error, count) => (error ? reject(error) : resolve(count))));
}

function slowRequest(port: number): { finish(): void; answer: Promise<string>; socket: Socket } {
  const body = JSON.stringify({ email: 'slow@example.test', password: 'not the password' });
  const socket = connect(port, '127.0.0.1');
  socket.write(`POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
  socket.write(body.slice(0, 10));
  const answer = new Promise<string>((resolve) => {
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', () => undefined);
  });
  return { finish: () => socket.write(body.slice(10)), answer, socket };
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
}

describe('graceful shutdown', () => {
  let redis: RedisServer;

  beforeAll(async () => {
    redis = await RedisServer.start();
  });

  afterAll(() => redis.stop());

  async function listening(env: Record<string, string> = {}): Promise<{ testApp: TestApp; port: number }> {
    const testApp = await startTestApp({ redisUrl: redis.url, env: { LOG_LEVEL: 'silent', ...env } });
    await testApp.app.listen(0, '127.0.0.1');
    return { testApp, port: (testApp.app.getHttpServer().address() as AddressInfo).port };
  }

  it('turns readiness to 503, stops accepting, finishes the request in flight, then closes the database and Redis', async () => {
    const { testApp, port } = await listening();
    const { app } = testApp;
    const inFlight = slowRequest(port);
    await waitUntil(async () => (await connections(testApp)) > 0, 'the server holds the request');
    const closing = testApp.close();
    await waitUntil(() => !testApp.app.getHttpServer().listening, 'the server stops listening');

    const readiness = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health/ready' });
    expect(readiness.statusCode).toBe(503);
    expect(readiness.json()).toMatchObject({ status: 'error', checks: { database: { status: 'up' } } });
    expect(await connectionRefused(port)).toBe(true);
    expect(app.get(DataSource).isInitialized).toBe(true);

    inFlight.finish();
    expect(await inFlight.answer).toMatch(/^HTTP\/1\.1 401 /);
    await closing;
    expect(app.get(DataSource).isInitialized).toBe(false);
    expect(app.get<RedisClientType>(REDIS_CONNECTION).isOpen).toBe(false);
  });

  it('cuts a request still in flight after SHUTDOWN_GRACE_MS', async () => {
    const { testApp, port } = await listening({ SHUTDOWN_GRACE_MS: '300' });
    const stuck = slowRequest(port);
    await waitUntil(async () => (await connections(testApp)) > 0, 'the server holds the request');
    const started = performance.now();
    await testApp.close();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await stuck.answer).toBe('');
    expect(stuck.socket.destroyed).toBe(true);
  });
});
