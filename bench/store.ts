// npm run bench:store [-- --size 3GiB] [--backends local,s3] [--dir /tmp]
// Streaming throughput of the media store (chunked AES-256-GCM; writes also take SHA-256, MD5 and SHA-1) for one
// large file through each backend, beside `cat` of the same bytes in the same run:
//   write: store.put(file stream)             vs  cat file > copy (same filesystem)
//   read:  store.createReadStream → sink      vs  cat file > /dev/null
//   scrub: 200 random 1 MiB range reads (video seeking), per-read latency
// and the peak RSS of this process (the S3 server, npm s3rver, runs as a child process and is not counted).
// Checks free space first; every temporary file is deleted at the end.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MediaStore } from '../src/media/store.js';
import { S3Backend } from '../src/media/s3.js';
import { sealedSize } from '../src/media/chunked.js';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : def;
}
function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kib|mib|gib|kb|mb|gb|k|m|g)?$/i.exec(s.trim());
  if (!m) throw new Error(`--size ${s}: expected e.g. 3GiB, 512MiB, 1000000`);
  const unit = (m[2] ?? 'b').toLowerCase();
  const mult: Record<string, number> = { b: 1, k: 1024, kib: 1024, kb: 1e3, m: 1024 ** 2, mib: 1024 ** 2, mb: 1e6, g: 1024 ** 3, gib: 1024 ** 3, gb: 1e9 };
  return Math.round(Number(m[1]) * mult[unit]!);
}

const size = parseSize(arg('size', '3GiB'));
const backends = arg('backends', 'local,s3')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const base = path.resolve(arg('dir', os.tmpdir()));
const MiB = 1024 * 1024;
const rate = (bytes: number, ms: number) => `${(bytes / MiB / (ms / 1000)).toFixed(0)} MiB/s`;

// Peak RSS: the kernel's high-water mark for the whole process, plus a sampler per phase.
let phasePeak = 0;
const sampler = setInterval(() => {
  phasePeak = Math.max(phasePeak, process.memoryUsage().rss);
}, 50);
sampler.unref();

async function timed<T>(label: string, bytes: number, f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  phasePeak = process.memoryUsage().rss;
  const t = performance.now();
  const value = await f();
  const ms = performance.now() - t;
  console.log(`  ${label.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${rate(bytes, ms).padStart(10)}  rss peak ${(phasePeak / MiB).toFixed(0)} MiB`);
  return { ms, value };
}

function run(cmd: string, args: string[], stdoutTo: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(stdoutTo, 'w');
    const p = spawn(cmd, args, { stdio: ['ignore', out, 'inherit'] });
    p.on('error', reject);
    p.on('close', (code) => {
      fs.closeSync(out);
      code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}`));
    });
  });
}

/** A sink that counts bytes (what a client socket would take). */
function counter(): Writable & { bytes: number } {
  const w = new Writable({
    highWaterMark: 1024 * 1024,
    write(c: Buffer, _e, cb) {
      (w as Writable & { bytes: number }).bytes += c.length;
      cb();
    },
  }) as Writable & { bytes: number };
  w.bytes = 0;
  return w;
}

async function startS3Child(dir: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const code = `const S3rver = require('s3rver');
new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: ${JSON.stringify(dir)}, configureBuckets: [{ name: 'bench', configs: [] }] })
  .run().then((a) => process.stdout.write(JSON.stringify(a) + '\\n'));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'], cwd: path.resolve(import.meta.dirname, '..') });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      const m = /"port":(\d+)/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (c) => reject(new Error(`s3rver exited ${c}`)));
  });
  return {
    port,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const free = (await fsp.statfs(base)).bavail * (await fsp.statfs(base)).bsize;
// Source + cat copy + the local store + S3 (temporary + committed copy at once).
const need = size * (2 + (backends.includes('local') ? 1 : 0) + (backends.includes('s3') ? 2 : 0)) + 512 * MiB;
console.log(
  `bench:store size=${size} bytes (${(size / 1024 ** 3).toFixed(2)} GiB) backends=${backends.join(',')} dir=${base}; free ${(free / 1024 ** 3).toFixed(1)} GiB, needs ${(need / 1024 ** 3).toFixed(1)} GiB`,
);
if (free < need) {
  console.error('not enough free space: use --dir elsewhere or a smaller --size');
  process.exit(2);
}

const dir = await fsp.mkdtemp(path.join(base, 'icse-bench-store-'));
const s3children: Array<() => Promise<void>> = [];
try {
  const src = path.join(dir, 'source.bin');
  {
    // Random bytes (a repeated 8 MiB random block with a counter stamped in every MiB: no two MiB alike).
    const block = randomBytes(8 * MiB);
    const fd = await fsp.open(src, 'w');
    let seq = 0;
    for (let off = 0; off < size; off += block.length) {
      for (let m = 0; m < block.length; m += MiB) block.writeUInt32LE(seq++, m);
      await fd.write(block, 0, Math.min(block.length, size - off));
    }
    await fd.close();
  }
  console.log('baseline (same bytes, same run):');
  const catCopy = await timed('cat file > copy', size, () => run('cat', [src], path.join(dir, 'copy.bin')));
  await fsp.rm(path.join(dir, 'copy.bin'));
  const catRead = await timed('cat file > /dev/null', size, () => run('cat', [src], '/dev/null'));
  const rows: string[] = [];
  rows.push(`| cat (baseline) | ${rate(size, catCopy.ms)} | ${rate(size, catRead.ms)} | – |`);
  const mibs = (ms: number) => (size / MiB / (ms / 1000)).toFixed(1);
  const last: string[] = [`size=${size}`, `cat_copy_mibs=${mibs(catCopy.ms)}`, `cat_read_mibs=${mibs(catRead.ms)}`];

  const key = randomBytes(32);
  for (const b of backends) {
    let store: MediaStore;
    if (b === 'local') store = new MediaStore(path.join(dir, 'local'), key, 64 * 1024 ** 3);
    else if (b === 's3') {
      const s3 = await startS3Child(path.join(dir, 's3rver'));
      s3children.push(s3.stop);
      store = new MediaStore(
        path.join(dir, 's3-scratch'),
        key,
        64 * 1024 ** 3,
        S3Backend.fromEnv({ bucket: 'bench', prefix: 'media/' }, { AWS_ENDPOINT_URL: `http://127.0.0.1:${s3.port}`, AWS_REGION: 'us-east-1' }),
      );
      Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    } else throw new Error(`unknown backend ${b}`);
    console.log(`${b} (${store.backend.description}):`);
    const put = await timed('write: put (hash + encrypt + store)', size, () => store.put(fs.createReadStream(src, { highWaterMark: 256 * 1024 })));
    const sha = put.value.sha256;
    const read = await timed('read: stream whole (decrypt + auth)', size, async () => {
      const sink = counter();
      await pipeline(await store.createReadStream(sha), sink);
      if (sink.bytes !== size) throw new Error(`read ${sink.bytes} of ${size} bytes`);
    });
    const o = await store.open(sha);
    const lat: number[] = [];
    await timed('scrub: 200 random 1 MiB ranges', 200 * MiB, async () => {
      for (let i = 0; i < 200; i++) {
        const start = Math.floor(Math.random() * Math.max(1, size - MiB));
        const t = performance.now();
        const sink = counter();
        await pipeline(await o.stream(start, Math.min(size, start + MiB) - 1), sink);
        lat.push(performance.now() - t);
      }
    });
    lat.sort((x, y) => x - y);
    const p50 = lat[Math.floor(lat.length / 2)]!;
    const p95 = lat[Math.floor(lat.length * 0.95)]!;
    console.log(
      `  range read latency p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; sealed size ${sealedSize(size)} (+${((sealedSize(size) / size - 1) * 100).toFixed(3)} %)`,
    );
    rows.push(`| ${b} | ${rate(size, put.ms)} | ${rate(size, read.ms)} | ${p50.toFixed(1)} / ${p95.toFixed(1)} ms |`);
    last.push(`${b}_write_mibs=${mibs(put.ms)}`, `${b}_read_mibs=${mibs(read.ms)}`, `${b}_range_p50_ms=${p50.toFixed(1)}`);
    await store.remove(sha);
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(`\n| backend | write | read | 1 MiB range p50 / p95 |\n|---|---|---|---|\n${rows.join('\n')}`);
  console.log(`\npeak RSS of this process: ${(peak / MiB).toFixed(0)} MiB = ${(peak / 1e6).toFixed(0)} MB (limit 200 MB): ${peak < 200e6 ? 'OK' : 'OVER'}`);
  console.log(`bench:store ${last.join(' ')} peak_rss_mb=${(peak / 1e6).toFixed(0)}`);
  process.exitCode = peak < 200e6 ? 0 : 1;
} finally {
  for (const stop of s3children) await stop().catch(() => undefined);
  await fsp.rm(dir, { recursive: true, force: true });
}
