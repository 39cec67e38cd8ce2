// Builds web/dist when any source is newer than the last build (npm start, npm test and the browser tests call it).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = path.dirname(fileURLToPath(import.meta.url));
const STAMP = path.join(WEB, 'dist', 'index.html');

function newestSource(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file changes its directory's mtime
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestSource(path.join(p, name)));
  return newest;
}

export function webBuildIsStale(): boolean {
  if (!fs.existsSync(STAMP)) return true;
  const built = fs.statSync(STAMP).mtimeMs;
  // The pure server modules the pages bundle count as sources too.
  const shared = [path.join(WEB, '..', 'src', 'payments', 'money.ts')];
  const sources = [path.join(WEB, 'src'), path.join(WEB, 'index.html'), path.join(WEB, 'vite.config.ts'), ...shared];
  return sources.some((s) => fs.existsSync(s) && newestSource(s) > built);
}

export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB, 'vite.config.ts'), logLevel: 'warn' });
}

/** Builds only when needed; a concurrent build by another process is harmless (same output). */
export async function buildWebIfStale(): Promise<boolean> {
  if (!webBuildIsStale()) return false;
  await buildWeb();
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  (force ? buildWeb().then(() => true) : buildWebIfStale()).then(
    (built) => process.stdout.write(built ? 'web: built web/dist\n' : 'web: web/dist is up to date\n'),
    (err) => { process.stderr.write(`web: build failed: ${err instanceof Error ? err.message : String(err)}\n`); process.exit(1); },
  );
}
