import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

/** A built web app as Vite lays it out: index.html, hashed assets, a file from public/. */
function fakeWebDist(): string {
  const root = mkdtempSync(join(tmpdir(), 'web-dist-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Habit tracker</title><script type="module" src="/assets/index-Ab12Cd.js"></script>');
  writeFileSync(join(root, 'assets', 'index-Ab12Cd.js'), 'console.log("app")');
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return root;
}

describe('the web app at / (served by the API)', () => {
  let testApp: TestApp;
  let root: string;
  const http = () => request(testApp.app.getHttpServer());

  beforeAll(async () => {
    root = fakeWebDist();
    testApp = await startTestApp({ env: { WEB_DIST_DIR: root } });
  });

  afterAll(async () => {
    await testApp.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers / and every route of the web app with index.html, never cached without revalidation', async () => {
    for (const path of ['/', '/today', '/habits', '/habits/42', '/analytics', '/settings?x=1']) {
      const response = await http().get(path);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain('<title>Habit tracker</title>');
    }
  });

  it('serves hashed assets for a year, immutable, and other files revalidated', async () => {
    const asset = await http().get('/assets/index-Ab12Cd.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const icon = await http().get('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('sends a CSP that allows only our own scripts and styles, nothing inline', async () => {
    const csp = (await http().get('/')).headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('never answers the server paths or a missing asset with the page', async () => {
    for (const path of ['/api/nope', '/api', '/health/nope', '/metrics/nope', '/docs/nope', '/assets/gone-123.js', '/robots.txt', '/nothing-here', '/habits/x']) {
      const response = await http().get(path);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toMatchObject({ statusCode: 404 });
    }
    expect((await http().get('/health')).body).toEqual({ status: 'ok' });
    expect((await http().get('/docs-json')).status).toBe(200);
    expect((await http().get('/docs')).status).toBe(200);
  });
});

describe('an API-only run (no web/dist)', () => {
  it('starts and serves the API, with / a plain 404', async () => {
    const testApp = await startTestApp({ env: { WEB_DIST_DIR: join(tmpdir(), 'no-such-web-dist') } });
    try {
      const http = request(testApp.app.getHttpServer());
      expect((await http.get('/')).status).toBe(404);
      expect((await http.get('/health')).status).toBe(200);
      expect((await http.post('/api/auth/login').send({ email: 'a@example.test', password: 'whatever-123' })).status).toBe(401);
    } finally {
      await testApp.close();
    }
  });
});
