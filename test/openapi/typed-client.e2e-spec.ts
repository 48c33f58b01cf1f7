import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * API.md: "an OpenAPI document a client generator can trust". Types are generated from the
 * served /docs-json with openapi-typescript's Node API (generate-types.mjs), a typed openapi-fetch flow (typed-flow.ts) is
 * compiled against them with `tsc --strict`, and the compiled flow runs against the app.
 */
describe('a typed client generated from /docs-json', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let workDir: string;
  let document: Record<string, unknown>;

  beforeAll(async () => {
    testApp = await startTestApp({ database: 'sqlite' });
    await testApp.app.listen(0, '127.0.0.1');
    baseUrl = await testApp.app.getUrl();
    baseUrl = baseUrl.replace('[::1]', '127.0.0.1');
    // Inside the worktree, so that the compiled flow finds node_modules (openapi-fetch).
    workDir = mkdtempSync(join(__dirname, '.typed-client-'));
    document = (await (await fetch(`${baseUrl}/docs-json`)).json()) as Record<string, unknown>;
  });

  afterAll(async () => {
    rmSync(workDir, { recursive: true, force: true });
    await testApp.close();
  });

  it('compiles under tsc --strict and runs register → login → refresh → habit → record → compliance → a 400', async () => {
    writeFileSync(join(workDir, 'openapi.json'), JSON.stringify(document));
    await run(process.execPath, [join(__dirname, 'generate-types.mjs'), join(workDir, 'openapi.json'), join(workDir, 'api-schema.d.ts')]);
    copyFileSync(join(__dirname, 'typed-flow.ts'), join(workDir, 'typed-flow.ts'));
    const compile = run(process.execPath, [
      TSC,
      '--strict',
      '--noEmitOnError',
      '--target', 'es2022',
      '--module', 'node16',
      '--moduleResolution', 'node16',
      '--types', 'node',
      '--typeRoots', join(ROOT, 'node_modules', '@types'),
      '--outDir', join(workDir, 'out'),
      join(workDir, 'typed-flow.ts'),
    ]);
    await expect(compile.catch((error: { stdout?: string }) => Promise.reject(new Error(error.stdout)))).resolves.toBeDefined();

    const { stdout } = await run(process.execPath, [join(workDir, 'out', 'typed-flow.js'), baseUrl], { timeout: 30_000 });
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      dayStartHour: 0,
      refreshedSameSession: true,
      rotated: true,
      habitKind: 'numeric',
      habitKindAfterPatch: 'numeric',
      recordStatus: 201,
      recordValue: 25,
      compliance: { done: 1, due: 1, rate: 1 },
      badRequest: { status: 400, statusCode: 400 },
      unauthorized: 401,
    });
    expect((result.badRequest as { messages: string[] }).messages.join(' ')).toContain('name');
  });

  it('documents the bearer scheme, security: [] on public routes, and a schema for every answer', () => {
    const paths = document.paths as Record<string, Record<string, { security?: unknown[]; responses: Record<string, { content?: unknown }> }>>;
    const publicRoutes = new Set(['post /api/auth/register', 'post /api/auth/login', 'post /api/auth/refresh', 'get /health', 'get /health/ready', 'post /api/reminders/done/{actionToken}']);
    for (const [path, item] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const route = `${method} ${path}`;
        const expected = publicRoutes.has(route) ? [] : [{ bearer: [] }];
        expect({ route, security: operation.security }).toEqual({ route, security: expected });
        for (const [code, response] of Object.entries(operation.responses)) {
          if (code !== '204' && code !== '304') expect({ route, code, hasBody: response.content !== undefined }).toEqual({ route, code, hasBody: true });
        }
        if (path.startsWith('/api') && !publicRoutes.has(route)) expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '429', '503']));
      }
    }
  });
});
