import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';

export interface Session {
  token: string;
  userId: number;
  email: string;
  /** The session the login started, and its refresh token. */
  sessionId: string;
  refreshToken: string;
}

/** The token pair answer of login and refresh (API.md "Tokens"). */
export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  sessionId: string;
}

type Body = Record<string, unknown>;

/** A typed client over supertest: `api.as(session).get('/api/habits')`, `api.register()`. */
export class ApiClient {
  constructor(readonly app: NestFastifyApplication) {}

  get http() {
    return request(this.app.getHttpServer());
  }

  /** Registers and logs in a new user (a unique email unless one is given). */
  async register(overrides: Body = {}): Promise<Session> {
    const email = (overrides.email as string | undefined) ?? `user-${randomBytes(5).toString('hex')}@example.test`;
    const password = (overrides.password as string | undefined) ?? 'correct horse battery';
    const registered = await this.http.post('/api/auth/register').send({ email, password, ...overrides });
    if (registered.status !== 201) throw new Error(`register failed: ${registered.status} ${JSON.stringify(registered.body)}`);
    const pair = await this.loginPair(email, password);
    return { token: pair.accessToken, userId: registered.body.id as number, email, sessionId: pair.sessionId, refreshToken: pair.refreshToken };
  }

  /** A new session's access token. */
  async login(email: string, password: string): Promise<string> {
    return (await this.loginPair(email, password)).accessToken;
  }

  async loginPair(email: string, password: string): Promise<TokenPair> {
    const response = await this.http.post('/api/auth/login').send({ email, password });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as TokenPair;
  }

  /** POST /api/auth/refresh with a token in the body: the raw answer. */
  refresh(refreshToken: string) {
    return this.http.post('/api/auth/refresh').send({ refreshToken });
  }

  as(session: Session | string) {
    const token = typeof session === 'string' ? session : session.token;
    const auth = (test: request.Test) => test.set('Authorization', `Bearer ${token}`);
    return {
      get: (path: string) => auth(this.http.get(path)),
      post: (path: string, body?: Body) => auth(this.http.post(path)).send(body ?? {}),
      put: (path: string, body?: Body) => auth(this.http.put(path)).send(body ?? {}),
      patch: (path: string, body?: Body) => auth(this.http.patch(path)).send(body ?? {}),
      delete: (path: string) => auth(this.http.delete(path)),
    };
  }

  async createCategory(session: Session, body: Body = {}): Promise<Body> {
    return this.expectCreated(this.as(session).post('/api/categories', { name: `Category ${randomBytes(3).toString('hex')}`, ...body }));
  }

  async createHabit(session: Session, body: Body = {}): Promise<Body> {
    return this.expectCreated(this.as(session).post('/api/habits', { name: 'Read', schedule: { type: 'daily' }, ...body }));
  }

  async putRecord(session: Session, habitId: number, date: string, body: Body = {}): Promise<Body> {
    const response = await this.as(session).put(`/api/habits/${habitId}/records/${date}`, body);
    if (response.status !== 200 && response.status !== 201) throw new Error(`PUT record failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Body;
  }

  private async expectCreated(pending: request.Test): Promise<Body> {
    const response = await pending;
    if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Body;
  }
}
