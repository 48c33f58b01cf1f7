import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const WEB = join(ROOT, 'web');
const STAMP = join(WEB, 'dist', '.built-from');

/**
 * Builds web/ into web/dist with Vite (its CLI in a child process: Vite 8 is ESM-only, which Jest's
 * CommonJS runtime cannot import) unless web/dist was built from the sources as they are. The e2e
 * global set-up calls it once, before any worker starts, so that browser suites running side by
 * side never see web/dist emptied by another's build.
 */
export function ensureWebAppBuilt(): void {
  const newest = String(newestMtime(WEB));
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === newest) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', 'web', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
  writeFileSync(STAMP, newest);
}

function newestMtime(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.name !== 'dist' && entry.name !== 'node_modules')
      .map((entry) => (entry.isDirectory() ? newestMtime(join(dir, entry.name)) : Math.floor(statSync(join(dir, entry.name)).mtimeMs))),
  );
}
