import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { launchChromium, startListeningApp } from '../web/browser-support';
import { privateRedisUrl, TestApp } from '../support/test-app';

const LISTED = 'https://app.example.test';

/** A second local origin: a blank page on its own port, from which Chromium calls the API cross-origin. */
async function startPageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>second origin</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('CORS for a browser app on a listed origin (API.md § Conventions)', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let page: { server: Server; origin: string };
  let browser: Browser;

  beforeAll(async () => {
    page = await startPageServer();
    ({ testApp, baseUrl } = await startListeningApp({
      database: 'sqlite',
      redisUrl: await privateRedisUrl(11),
      env: { CORS_ORIGINS: `${LISTED},${page.origin}` },
    }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
    await new Promise((resolve) => page?.server.close(resolve));
  });

  const http = () => request(testApp.app.getHttpServer());
  const preflight = (origin: string, method: string, headers: string) =>
    http().options('/api/habits/1').set('Origin', origin).set('Access-Control-Request-Method', method).set('Access-Control-Request-Headers', headers);

  it('lets a preflight from a listed origin use every method and the headers our clients send, with credentials', async () => {
    const headers = 'authorization,content-type,content-encoding,if-none-match,cache-control,x-refresh-cookie,x-request-id';
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      const answer = await preflight(LISTED, method, headers);
      expect(answer.status).toBe(204);
      expect(answer.headers['access-control-allow-origin']).toBe(LISTED);
      expect(answer.headers['access-control-allow-credentials']).toBe('true');
      expect(answer.headers['access-control-allow-methods'].split(/,\s*/)).toEqual(expect.arrayContaining([method]));
      const allowed = (answer.headers['access-control-allow-headers']).toLowerCase().split(/,\s*/);
      expect(allowed).toEqual(expect.arrayContaining(headers.split(',')));
    }
  });

  it('gives any other origin no CORS headers, on preflights and on answers', async () => {
    const answers = [await preflight('https://evil.example.test', 'PATCH', 'authorization'), await http().get('/health').set('Origin', 'https://evil.example.test')];
    for (const answer of answers) {
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('keeps Vary: Origin together with Authorization and exposes the headers a client reads', async () => {
    const answer = await http().get('/api/habits').set('Origin', LISTED);
    expect(answer.status).toBe(401);
    const vary = (answer.headers.vary).split(',').map((name) => name.trim().toLowerCase());
    expect(vary).toEqual(expect.arrayContaining(['origin', 'authorization']));
    expect(answer.headers['access-control-allow-origin']).toBe(LISTED);
    const exposed = (answer.headers['access-control-expose-headers']).split(',').map((name) => name.trim());
    expect(exposed).toEqual(['ETag', 'X-Cache', 'Retry-After', 'X-Request-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']);
  });

  it('lets Chromium on a second local origin register, edit a habit and read ETag and X-Cache with credentials: include', async () => {
    const tab = await browser.newPage();
    await tab.goto(page.origin);
    const seen = await tab.evaluate(async (api) => {
      const call = async (method: string, path: string, token?: string, body?: unknown) => {
        const headers: Record<string, string> = { 'X-Request-Id': `cors-${method}` };
        if (body !== undefined) headers['Content-Type'] = 'application/json';
        if (token) headers.Authorization = `Bearer ${token}`;
        const response = await fetch(`${api}${path}`, { method, headers, credentials: 'include', body: body === undefined ? undefined : JSON.stringify(body) });
        const text = await response.text();
        return { status: response.status, etag: response.headers.get('ETag'), cache: response.headers.get('X-Cache'), requestId: response.headers.get('X-Request-Id'), body: text ? JSON.parse(text) : null };
      };
      const email = `cors-${Date.now()}@example.test`;
      await call('POST', '/api/auth/register', undefined, { email, password: 'correct horse battery' });
      const login = await call('POST', '/api/auth/login', undefined, { email, password: 'correct horse battery' });
      const token = login.body.accessToken as string;
      const created = await call('POST', '/api/habits', token, { name: 'Read', schedule: { type: 'daily' } });
      const patched = await call('PATCH', `/api/habits/${created.body.id}`, token, { name: 'Read more' });
      const first = await call('GET', `/api/habits/${created.body.id}`, token);
      const second = await call('GET', `/api/habits/${created.body.id}`, token);
      const removed = await call('DELETE', `/api/habits/${created.body.id}`, token);
      return { login: login.status, created: created.status, patched: patched.status, first, second, removed: removed.status };
    }, baseUrl);
    await tab.close();
    expect(seen).toMatchObject({ login: 200, created: 201, patched: 200, removed: 204 });
    expect(seen.first).toMatchObject({ status: 200, cache: 'MISS', requestId: 'cors-GET', body: { name: 'Read more' } });
    expect(seen.first.etag).toMatch(/^"/);
    expect(seen.second).toMatchObject({ status: 200, cache: 'HIT', etag: seen.first.etag });
  });
});
