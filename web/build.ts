// Builds web/dist when any source is newer than the last build (npm start, npm test and the browser tests call it).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
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
  // The pages import nothing from src/ (the server): web/ alone is the source.
  const sources = [path.join(WEB, 'src'), path.join(WEB, 'index.html'), path.join(WEB, 'vite.config.ts')];
  return sources.some((s) => fs.existsSync(s) && newestSource(s) > built);
}

/** Brotli and gzip copies beside every text asset: the server sends them as they are (no compression per request). */
export function precompress(dir = path.join(WEB, 'dist')): Array<{ file: string; raw: number; br: number; gzip: number }> {
  const out = [];
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    if (!/\.(js|css|html|svg|json)$/.test(name) || !fs.statSync(file).isFile()) continue;
    const raw = fs.readFileSync(file);
    const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    const gz = zlib.gzipSync(raw, { level: 9 });
    fs.writeFileSync(`${file}.br`, br);
    fs.writeFileSync(`${file}.gz`, gz);
    out.push({ file: name, raw: raw.length, br: br.length, gzip: gz.length });
  }
  return out;
}

export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB, 'vite.config.ts'), logLevel: 'warn' });
  precompress();
  // index.html is the staleness stamp: touch it last so the compressed copies count as part of the build.
  const now = new Date();
  fs.utimesSync(STAMP, now, now);
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
    (built) => {
      process.stdout.write(built ? 'web: built web/dist\n' : 'web: web/dist is up to date\n');
      if (process.argv.includes('--sizes')) {
        const dir = path.join(WEB, 'dist', 'assets');
        const rows = fs
          .readdirSync(dir)
          .filter((n) => /\.(js|css)$/.test(n))
          .map((n) => ({
            n,
            raw: fs.statSync(path.join(dir, n)).size,
            br: fs.statSync(path.join(dir, `${n}.br`)).size,
            gz: fs.statSync(path.join(dir, `${n}.gz`)).size,
          }));
        rows.sort((a, b) => b.raw - a.raw);
        for (const r of rows)
          process.stdout.write(`${r.n.padEnd(40)} ${String(r.raw).padStart(8)} raw ${String(r.gz).padStart(7)} gzip ${String(r.br).padStart(7)} br\n`);
        const sum = (k: 'raw' | 'br' | 'gz') => rows.reduce((s, r) => s + r[k], 0);
        process.stdout.write(`total ${rows.length} files: ${sum('raw')} raw, ${sum('gz')} gzip, ${sum('br')} br\n`);
      }
    },
    (err) => {
      process.stderr.write(`web: build failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
