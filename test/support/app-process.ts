import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { freePort } from './free-port';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');
const OUT = join(ROOT, 'dist-test');
const STAMP = join(OUT, '.built-at');

/**
 * The server as a process of its own (src/main.ts, as `npm run start:prod` runs it), for suites
 * that kill, restart or load-balance instances. src/ is transpiled into dist-test/ (no type check:
 * `npm run typecheck` does that) when a source is newer than the last build.
 */
export function compiledMain(): string {
  const newest = newestSource(SRC);
  if (existsSync(STAMP) && Number(readFileSync(STAMP, 'utf8')) >= newest) return join(OUT, 'main.js');
  const staging = `${OUT}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const file of sources(SRC)) {
    const output = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: COMPILER_OPTIONS, fileName: file });
    const target = join(staging, relative(SRC, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output.outputText);
  }
  writeFileSync(join(staging, '.built-at'), String(newest));
  rmSync(OUT, { recursive: true, force: true });
  renameSync(staging, OUT);
  return join(OUT, 'main.js');
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  emitDecoratorMetadata: true,
  experimentalDecorators: true,
  esModuleInterop: true,
  isolatedModules: true,
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

function newestSource(dir: string): number {
  return Math.max(0, ...sources(dir).map((file) => Math.floor(statSync(file).mtimeMs)));
}

/** One server process: its port, its output so far, and ways to end it. */
export interface AppProcess {
  readonly port: number;
  readonly child: ChildProcess;
  output(): string;
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The settings every test process gets (production mode: .env is not read). */
export const TEST_PROCESS_ENV: Record<string, string> = {
  NODE_ENV: 'production',
  JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_LOGIN_PER_EMAIL: '1000000',
  RATE_LIMIT_LOGIN_PER_IP: '1000000',
  RATE_LIMIT_REGISTER_PER_IP: '1000000',
  RATE_LIMIT_PER_USER: '1000000000',
  MALLOC_ARENA_MAX: '2',
};

/** Starts src/main.ts compiled, on a free port (unless env names one); resolves once `readyPath` answers 200. */
export async function startAppProcess(env: Record<string, string>, readyPath = '/health/ready'): Promise<AppProcess> {
  const entry = compiledMain();
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [...deployedNodeArgs(), entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...TEST_PROCESS_ENV, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const app: AppProcess = {
    port,
    child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited at start-up:\n${output}`);
    if ((await statusOf(port, readyPath)) === 200) return app;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await app.stop('SIGKILL');
  throw new Error(`the server did not answer ${readyPath} within 60 s:\n${output}`);
}

/** The V8 flags of `npm run start:prod` (heap limits): test processes run as deployed. */
function deployedNodeArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return scripts['start:prod'].split(/\s+/).filter((word) => word.startsWith('--'));
}

async function statusOf(port: number, path: string): Promise<number> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}
