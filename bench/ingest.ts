// `npm run bench:ingest [-- --n 300] [--profile] [--profile-every 1000] [--sharp-settings] [--generated] [--bound-n 300] [--chunk 100] [--default-malloc] [--mp 1-3] [--poll-ms 500]`
// A seizure of realistic photos (bench/photo-set.ts: distinct 1–3 MP JPEGs derived from packaged benign photos)
// end to end through upload → processing → triage on the embedded database in-process, beside the bounds
// measured in the same run on the same files and cores:
//   - djpeg (libjpeg-turbo) decode, 2 processes: the decoder's speed (skipped when djpeg is absent);
//   - decode (decodeImage: JPEGs by libjpeg-turbo when native/jpeg is built), 2 processes as djpeg, and sharp's path alone;
//   - `icse hash`-equivalent (HashPool, 2 workers: read, MD5/SHA-1/SHA-256, decode, PDQ, EXIF);
//   - the ingest hashing pool alone (ItemHashPool, 2 workers: + dihedral, robust signature, place features, thumbnail).
// Peak RSS of the end-to-end phase (run first, before the bounds); /health latency sampled throughout. --profile prints the per-stage table
// (src/shared/spans.ts; worker stages as % of the pool's capacity). Last line machine-readable.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance as perf } from 'node:perf_hooks';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { loadConfig } from '../src/config.js';
import { startSystem } from '../src/server.js';
import { multipartBody } from '../src/seizures/fixtures.js';
import { placeMatcher } from '../src/places/matcher.js';
import { decodeImage, HashPool, jpegDecoderName } from '../src/imaging/index.js';
import { ItemHashPool } from '../src/seizures/hasher.js';
import { enableSpans, resetSpans, spanTotals, spansCovering } from '../src/shared/spans.js';
import { mpRangeArg, photoSet } from './photo-set.js';
import { decodeViaSharp } from './sharp-decode.js';
import { rerunWithGlibcTunables } from './glibc-tunables.js';
import { debianTool } from '../scripts/debian-packages.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const flag = (name: string) => process.argv.includes(name);
// `npm start` runs the server with two glibc malloc tunables (package.json): transparent huge pages for the match
// index, and two malloc arenas. With glibc's default (8 per core) the hashing workers' libvips buffers spread over
// many arenas that never give memory back: 2,000 photos, peak RSS 1,058 → 873 MB with arena_max=2, at the same rate.
// glibc reads them at process start, so this script re-runs itself with them (--default-malloc: measure without).
rerunWithGlibcTunables('glibc.malloc.hugetlb=1:glibc.malloc.arena_max=2', 'arena_max', flag('--default-malloc'));
const n = arg('--n', 300);
const chunk = arg('--chunk', 100);
const boundN = Math.min(n, arg('--bound-n', 300));
// --profile-every N: the stage table again for each further N items processed, to see which stage grows with the index.
const profileEvery = arg('--profile-every', 0);
const profile = flag('--profile') || profileEvery > 0;
// A 100,000-file run polls less often: each poll counts the seizure's items on the one embedded connection.
const pollMs = arg('--poll-ms', 500);
const JOBS = 2;
const log = (m: string) => process.stderr.write(`${m}\n`);
const rate = (count: number, ms: number) => count / (ms / 1000);

if (flag('--generated')) process.env.ICSE_BENCH_PHOTOS = path.resolve('data/bench-generated'); // own cache dir
const set = await photoSet(n, process.env.ICSE_BENCH_PHOTOS ? path.resolve(process.env.ICSE_BENCH_PHOTOS) : undefined, log, mpRangeArg(process.argv));
if (flag('--generated') && set.source !== 'generated') log('(--generated is only the fallback: packaged photos were available)');
const sample = set.files.slice(0, boundN);
const totalBytes = set.files.reduce((s, f) => s + fs.statSync(f).size, 0);
const mp = (await Promise.all(sample.slice(0, 50).map((f) => sharp(f).metadata()))).map((m) => (m.width! * m.height!) / 1e6);
log(
  `bench:ingest on ${os.availableParallelism()} cores, sharp/libvips ${sharp.versions.vips}, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
log(
  `set: ${n} ${set.source === 'photos' ? `photos derived from ${set.sources} packaged photos` : 'GENERATED images (packaged photos unavailable)'}, ${(totalBytes / 1e6).toFixed(0)} MB, ${(mp.reduce((a, b) => a + b, 0) / mp.length).toFixed(1)} MP mean; bounds on the first ${boundN}`,
);

type SpanSnapshot = Record<string, { ms: number; n: number }>;
const snapshotSpans = (): SpanSnapshot => Object.fromEntries(Object.entries(spanTotals()).map(([k, v]) => [k, { ms: v.ms, n: v.n }]));
interface Window {
  at: number;
  t: number;
  cpu: number;
  elu: ReturnType<typeof perf.eventLoopUtilization>;
  spans: SpanSnapshot;
}
/** One window of --profile-every: per item processed in it, each stage's time (stages per item, not per call). */
function printWindow(a: Window, b: Window) {
  const items = b.at - a.at,
    wall = b.t - a.t;
  const busy = perf.eventLoopUtilization(b.elu, a.elu).active;
  log(
    `\nwindow ${a.at}-${b.at}: ${rate(items, wall).toFixed(1)} files/s, process CPU ${((b.cpu - a.cpu) / items).toFixed(1)} ms per file, main thread busy ${(busy / items).toFixed(1)} ms per file`,
  );
  // Where /health's slow answers fall, and the longest stretch the event loop was held (what delays them).
  log(
    `/health in this window: max ${healthWindow.max.toFixed(0)} ms, ${healthWindow.over} of ${healthWindow.n} probes over 200 ms; event loop delay max ${(loopDelay.max / 1e6).toFixed(0)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms`,
  );
  if (longBlocks.length) log(`event loop held over 300 ms: ${longBlocks.join('; ')}`);
  longBlocks.length = 0;
  healthWindow = { max: 0, over: 0, n: 0 };
  loopDelay.reset();
  log('| stage | calls | ms per item processed |\n|---|---|---|');
  const rows = Object.entries(b.spans)
    .map(([k, v]) => ({ k, n: v.n - (a.spans[k]?.n ?? 0), ms: v.ms - (a.spans[k]?.ms ?? 0) }))
    .filter((r) => r.n > 0)
    .sort((x, y) => y.ms - x.ms);
  for (const r of rows) log(`| ${r.k} | ${r.n} | ${(r.ms / items).toFixed(2)} |`);
}

async function pooled<T>(items: T[], jobs: number, fn: (t: T, i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      for (let i = next++; i < items.length; i = next++) await fn(items[i]!, i);
    }),
  );
}
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

// ---- end to end
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-bench-'));
const config = loadConfig({ ...process.env, NODE_ENV: 'test', ICSE_DEMO: '1', ICSE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const system = await startSystem(config, { memoryDb: false, listen: false });
const app = system.app;
const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'de.investigator@demo.icse', password: 'demo-password' } });
const cookies = { icse_session: login.cookies.find((c) => c.name === 'icse_session')!.value };
const kase = (await app.inject({ method: 'POST', url: '/api/v1/cases', cookies, payload: { reference: `BENCH-${Date.now()}`, title: 'bench' } })).json();
const seizure = (await app.inject({ method: 'POST', url: `/api/v1/cases/${kase.id}/seizures`, cookies, payload: { label: 'bench' } })).json();

if (profile) enableSpans();
resetSpans();
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
// Where the resident memory is: V8's heap, buffers outside it (Buffers, typed arrays, the hashing workers'
// transfers) and the embedded database's WebAssembly memory, which grows and never shrinks.
const wasmBytes = () =>
  (system.ctx.database.pglite as unknown as { mod?: { wasmMemory?: WebAssembly.Memory } } | undefined)?.mod?.wasmMemory?.buffer.byteLength ?? 0;
const memoryLine = () => {
  const m = process.memoryUsage(),
    mb = (b: number) => Math.round(b / 1048576);
  // The indexes grow with the database, not with the seizure: their share of the heap, to tell the pipeline's own memory.
  const pm = placeMatcher(system.ctx).memory(),
    mm = system.ctx.matcher.memory();
  return `rss ${mb(m.rss)} MB: JS heap ${mb(m.heapUsed)} / ${mb(m.heapTotal)}, array buffers ${mb(m.arrayBuffers)}, embedded database ${mb(wasmBytes())}; place index ${mb(pm.indexBytes)} + feature cache ${mb(pm.cacheBytes)}, PDQ codes ${mb(mm.pdqBytes)}, ${mm.robustCodes} crop/border codes`;
};
const memoryAtStart = memoryLine();
let healthMax = 0,
  healthN = 0,
  healthOver = 0;
let healthWindow = { max: 0, over: 0, n: 0 }; // since the last --profile-every window
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
// When the loop was held long, and the indexes' sizes then (to tell a segment merge from a long statement).
const longBlocks: string[] = [];
let tick = performance.now();
setInterval(() => {
  const now = performance.now(),
    late = now - tick - 20;
  tick = now;
  if (late > 300) {
    const sizes = `${system.ctx.matcher.memory().robustCodes} crop/border codes, ${placeMatcher(system.ctx).size} place images`;
    const at = new Date().toISOString().slice(11, 19),
      from = now - late,
      to = now;
    // The spans around the hold end after it: look them up a little later.
    setTimeout(() => {
      const inside = spansCovering(from, to)
        .map((c) => `${c.name.slice(0, 70)} (${c.ms.toFixed(0)} ms)`)
        .join(', ');
      longBlocks.push(`${late.toFixed(0)} ms at ${at} (${sizes}; inside: ${inside || 'no span'})`);
    }, 10_000).unref();
  }
}, 20).unref();
let stopHealth = false;
let uploading = true,
  healthOverUploading = 0;
const health = (async () => {
  while (!stopHealth) {
    const t = performance.now();
    await app.inject({ method: 'GET', url: '/health' });
    const ms = performance.now() - t;
    healthMax = Math.max(healthMax, ms);
    healthN++;
    healthWindow.max = Math.max(healthWindow.max, ms);
    healthWindow.n++;
    if (ms > 200) {
      healthOver++;
      healthWindow.over++;
      if (uploading) healthOverUploading++;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
})();

// CPU of the whole process (main thread, hashing workers, libvips threads, the embedded database): per file and as a
// share of the cores, to tell a CPU-bound run from one that waits.
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpu0 = cpuNow();
const elu0 = perf.eventLoopUtilization();
const t0 = Date.now();
for (let i = 0; i < n; i += chunk) {
  const files = set.files.slice(i, i + chunk).map((f, j) => ({ name: `photos/${String(i + j).padStart(6, '0')}.jpg`, data: fs.readFileSync(f) }));
  const { body, contentType } = multipartBody(files);
  const r = await app.inject({ method: 'POST', url: `/api/v1/seizures/${seizure.id}/files`, cookies, payload: body, headers: { 'content-type': contentType } });
  if (r.statusCode !== 200) throw new Error(`upload: ${r.statusCode} ${r.body}`);
}
const tUpload = (Date.now() - t0) / 1000;
uploading = false;
log(`uploaded in ${tUpload.toFixed(1)} s (${(n / tUpload).toFixed(0)} files/s)`);
let last = 0;
let doneAt = 0;
let window = { at: 0, t: Date.now(), cpu: cpuNow(), elu: perf.eventLoopUtilization(), spans: snapshotSpans() };
for (;;) {
  const s = (await app.inject({ method: 'GET', url: `/api/v1/seizures/${seizure.id}`, cookies })).json();
  const processed = s.counts.done + s.counts.error;
  if (s.status === 'complete') {
    doneAt = Date.now();
    // The last, shorter window too (its holds would go unreported), once the lookups of its holds are done.
    if (profileEvery && processed > window.at) {
      await new Promise((r) => setTimeout(r, 10_500));
      printWindow(window, { at: processed, t: doneAt, cpu: cpuNow(), elu: perf.eventLoopUtilization(), spans: snapshotSpans() });
    }
    break;
  }
  if (profileEvery && processed - window.at >= profileEvery) {
    const now = { at: processed, t: Date.now(), cpu: cpuNow(), elu: perf.eventLoopUtilization(), spans: snapshotSpans() };
    printWindow(window, now);
    window = now;
  }
  if (Date.now() - last > 10_000) {
    last = Date.now();
    log(
      `  processed ${s.counts.done + s.counts.error}/${s.counts.items} (${((s.counts.done + s.counts.error) / ((Date.now() - t0) / 1000)).toFixed(1)} files/s, ${memoryLine()})`,
    );
  }
  // Every 500 ms, as a browser watching the seizure might: each poll is a session, seizure and count query on the
  // one embedded connection (at every 100 ms they took ~4 % of the run's wall time, sql spans of --profile).
  await new Promise((r) => setTimeout(r, pollMs));
}
const triage = (await app.inject({ method: 'GET', url: `/api/v1/seizures/${seizure.id}/triage?limit=1`, cookies })).json();
const total = (doneAt - t0) / 1000;
const e2eCpuMs = cpuNow() - cpu0;
// The main thread's busy time (HTTP, the embedded database, matching, encryption): what is not in the workers.
const mainBusyMs = perf.eventLoopUtilization(elu0).active;
stopHealth = true;
await health;
clearInterval(sampler);
const spans = spanTotals();
log(`memory before upload: ${memoryAtStart}; at the end: ${memoryLine()}`);
await system.stop();
fs.rmSync(dataDir, { recursive: true, force: true });

// ---- bounds, same files, same cores: measured after the end-to-end phase, so what they leave in the process's
// memory (decoded pictures, two worker pools, libvips' cache) does not count in its peak RSS.
const sampleBytes = sample.map((f) => fs.readFileSync(f));
const bounds: Record<string, number> = {};
// libjpeg-turbo's djpeg: the one on PATH, else Debian's package unpacked into data/tool-cache (no root needed).
const djpeg = debianTool('djpeg', ['libjpeg-turbo-progs', 'libjpeg62-turbo'], path.resolve('data/tool-cache'), log);
if (djpeg) {
  const shards = Array.from({ length: JOBS }, (_, j) => sample.filter((_, i) => i % JOBS === j));
  const ms = await timed(() =>
    Promise.all(
      shards.map((s) =>
        promisify(execFile)('sh', ['-c', 'for f in "$@"; do "$DJPEG" -outfile /dev/null "$f"; done', 'sh', ...s], {
          maxBuffer: 1 << 20,
          env: { ...djpeg.env, DJPEG: djpeg.path },
        }),
      ),
    ),
  );
  bounds.djpeg = rate(sample.length, ms);
  log(`djpeg (libjpeg-turbo, ${djpeg.path}), ${JOBS} processes: ${bounds.djpeg.toFixed(1)} files/s`);
} else log('djpeg: neither on PATH nor downloadable (Debian package libjpeg-turbo-progs): baseline skipped');

const vsDjpeg = (r: number) => (bounds.djpeg ? `  (${(bounds.djpeg / r).toFixed(2)}x djpeg's time)` : '');
// The decoder in fresh processes, one per job as djpeg runs (bench/decode-bound.ts): in this process, after the
// end-to-end phase, V8's collector marks the phase's heap again and again as decoded pictures come and go.
async function decodeProcesses(extra: string[]): Promise<number> {
  const shards = Array.from({ length: JOBS }, (_, j) => sample.filter((_, i) => i % JOBS === j));
  const at = String(Date.now() + 5000); // every process loaded and waiting by then
  const spans = await Promise.all(
    shards.map(async (s) => {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.resolve('bench/decode-bound.ts'), '--at', at, ...extra, ...s], {
        maxBuffer: 1 << 20,
      });
      return JSON.parse(stdout.trim().split('\n').pop()!) as { start: number; end: number };
    }),
  );
  return rate(sample.length, Math.max(...spans.map((x) => x.end)) - Math.min(...spans.map((x) => x.start)));
}
bounds.decode = await decodeProcesses([]);
log(`decode (decodeImage: JPEG by ${jpegDecoderName()}), ${JOBS} processes: ${bounds.decode.toFixed(1)} files/s${vsDjpeg(bounds.decode)}`);
bounds.decodeHere = rate(sample.length, await timed(() => pooled(sampleBytes, JOBS, (b) => decodeImage(b))));
log(`  the same in this process, ${JOBS} at a time, after the end-to-end phase: ${bounds.decodeHere.toFixed(1)} files/s${vsDjpeg(bounds.decodeHere)}`);
bounds.sharpDecode = await decodeProcesses(['--sharp']);
log(`sharp decode alone, ${JOBS} processes:          ${bounds.sharpDecode.toFixed(1)} files/s${vsDjpeg(bounds.sharpDecode)}`);
if (flag('--sharp-settings')) {
  // libvips settings (process-wide): threads per decode and the operation cache; sequentialRead is already on.
  const conc = sharp.concurrency();
  for (const [label, c, cache] of [
    ['concurrency 1, cache on', 1, true],
    ['concurrency 2, cache on', 2, true],
    [`concurrency ${conc}, cache off`, conc, false],
  ] as const) {
    sharp.concurrency(c);
    sharp.cache(cache);
    const r = rate(sample.length, await timed(() => pooled(sampleBytes, JOBS, decodeViaSharp)));
    log(
      `  sharp decode, ${label}: ${r.toFixed(1)} files/s in this process (default here: concurrency ${conc}, cache on; sharp alone in fresh processes: ${bounds.sharpDecode.toFixed(1)})`,
    );
  }
  sharp.concurrency(conc);
  sharp.cache(true);
}

{
  const pool = new HashPool({ size: JOBS });
  await Promise.all(sample.slice(0, JOBS).map((f) => pool.hash(f)));
  bounds.icseHash = rate(sample.length, await timed(() => pooled(sample, JOBS * 2, (f) => pool.hash(f))));
  await pool.close();
  log(`icse hash (HashPool, ${JOBS} workers: crypto+decode+PDQ): ${bounds.icseHash.toFixed(1)} files/s`);
}
let robustMean = 0,
  poolCpuPerFile = 0;
const workerStages: Record<string, number> = {};
{
  const pool = new ItemHashPool(JOBS);
  await Promise.all(sampleBytes.slice(0, JOBS).map((b) => pool.run(b, 100_000_000, true)));
  let robust = 0;
  const c0 = cpuNow();
  bounds.itemPool = rate(
    sample.length,
    await timed(() =>
      pooled(sampleBytes, JOBS * 2, async (b) => {
        const r = await pool.run(b, 100_000_000, true);
        if (r.ok && !r.video) {
          robust += r.robustMs;
          for (const [k, v] of Object.entries(r.stages ?? {})) workerStages[k] = (workerStages[k] ?? 0) + v;
        }
      }),
    ),
  );
  poolCpuPerFile = (cpuNow() - c0) / sample.length;
  await pool.close();
  robustMean = robust / sample.length;
  log(
    `ingest hashing pool alone (ItemHashPool, ${JOBS} workers): ${bounds.itemPool.toFixed(1)} files/s (robust signature ${robustMean.toFixed(1)} ms/image mean)`,
  );
  log(`  process CPU ${poolCpuPerFile.toFixed(1)} ms per file (${((100 * poolCpuPerFile * bounds.itemPool) / 1000 / JOBS).toFixed(0)} % of ${JOBS} cores)`);
  log(
    `  per image in a worker: ${Object.entries(workerStages)
      .map(([k, v]) => `${k} ${(v / sample.length).toFixed(1)} ms`)
      .join(', ')}`,
  );
}

const e2e = n / total;
const bound = Math.min(bounds.icseHash!, bounds.itemPool!);
log(
  `end to end ${total.toFixed(1)} s: ${e2e.toFixed(1)} files/s = ${((100 * e2e) / bounds.icseHash!).toFixed(0)} % of icse hash, ${((100 * e2e) / bounds.itemPool!).toFixed(0)} % of the ingest pool alone; summary ${JSON.stringify(triage.summary)}`,
);
log(
  `end to end: process CPU ${(e2eCpuMs / n).toFixed(1)} ms per file (${((100 * e2eCpuMs) / (total * 1000 * JOBS)).toFixed(0)} % of ${JOBS} cores) against ${poolCpuPerFile.toFixed(1)} in the pool alone`,
);
log(
  `/health: ${healthN} probes, max ${healthMax.toFixed(0)} ms, ${healthOver} over 200 ms (${healthOverUploading} of them while uploading); peak RSS ${Math.round(peak / 1048576)} MB`,
);

if (profile) {
  const wallMs = total * 1000;
  const rows = Object.entries(spans).map(([name, t]) => {
    const worker = name.startsWith('worker: ');
    const pct = (100 * t.ms) / (worker ? wallMs * JOBS : wallMs);
    return `| ${name} | ${t.n} | ${(t.ms / t.n).toFixed(2)} | ${pct.toFixed(1)} %${worker ? ' of pool' : ''} |`;
  });
  console.log(
    `\nProfile: ${n} ${set.source}, wall ${total.toFixed(1)} s (main-thread spans overlap: two batches run at once; worker stages as % of ${JOBS} workers × wall)\n`,
  );
  console.log('| stage | count | mean ms | share of wall |\n|---|---|---|---|');
  console.log(rows.join('\n'));
  console.log('');
}
process.stdout.write(
  `bench:ingest n=${n} source=${set.source} files_per_s=${e2e.toFixed(1)} icse_hash_files_per_s=${bounds.icseHash!.toFixed(1)} item_pool_files_per_s=${bounds.itemPool!.toFixed(1)} e2e_pct_of_bound=${((100 * e2e) / bound).toFixed(0)} decoder=${jpegDecoderName()} decode_files_per_s=${bounds.decode!.toFixed(1)} sharp_decode_files_per_s=${bounds.sharpDecode!.toFixed(1)} djpeg_files_per_s=${bounds.djpeg?.toFixed(1) ?? 'NA'} robust_ms=${robustMean.toFixed(1)} e2e_cpu_ms_per_file=${(e2eCpuMs / n).toFixed(1)} pool_cpu_ms_per_file=${poolCpuPerFile.toFixed(1)} main_busy_ms_per_file=${(mainBusyMs / n).toFixed(1)} peak_rss_mb=${Math.round(peak / 1048576)} health_max_ms=${healthMax.toFixed(0)} seconds=${total.toFixed(1)} upload_s=${tUpload.toFixed(1)}\n`,
);
process.exit(0);
