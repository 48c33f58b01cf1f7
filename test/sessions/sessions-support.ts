import request from 'supertest';
import { DataSource } from 'typeorm';
import { hashSecret, parseRefreshToken } from '../../src/sessions/refresh-token';
import { Session as SessionRow } from '../../src/sessions/session.entity';
import { RedisServer } from '../support/redis-server';
import { ManualClock, startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase, TestDatabaseKind } from '../support/test-database';

export const PASSWORD = 'correct horse battery';
export const DAY_MS = 86_400_000;

/** Two instances sharing one database and one Redis of their own, with one hand-moved clock. */
export interface TwoInstances {
  redis: RedisServer;
  database: TestDatabase;
  clock: ManualClock;
  a: TestApp;
  b: TestApp;
  close(): Promise<void>;
}

export async function startTwoInstances(kind: TestDatabaseKind, env: Record<string, string> = {}): Promise<TwoInstances> {
  const redis = await RedisServer.start();
  const database = await createTestDatabase(kind);
  const clock = new ManualClock();
  const a = await startTestApp({ database, redisUrl: redis.url, clock, env });
  const b = await startTestApp({ database, redisUrl: redis.url, clock, env });
  return {
    redis,
    database,
    clock,
    a,
    b,
    close: async () => {
      redis.resume();
      await a.close();
      await b.close();
      await database.drop();
      await redis.stop();
    },
  };
}

export function http(app: TestApp) {
  return request(app.app.getHttpServer());
}

export async function status(app: TestApp, method: 'get' | 'post' | 'delete', path: string, token: string): Promise<number> {
  return (await http(app)[method](path).set('Authorization', `Bearer ${token}`)).status;
}

export function meStatus(app: TestApp, token: string): Promise<number> {
  return status(app, 'get', '/api/auth/me', token);
}

export function refresh(app: TestApp, refreshToken: string) {
  return http(app).post('/api/auth/refresh').send({ refreshToken });
}

/** The session's row as the database holds it (null once it ended). */
export function sessionRow(app: TestApp, id: string): Promise<SessionRow | null> {
  return app.app.get(DataSource).getRepository(SessionRow).findOneBy({ id });
}

export function hashOf(refreshToken: string): string {
  return hashSecret(parseRefreshToken(refreshToken)!.secret);
}
