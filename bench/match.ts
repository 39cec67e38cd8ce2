// Match index benchmark: npm run bench:match -- --n 10000000
// Builds an index over uniform random and over clustered PDQ-like codes, runs perturbed
// (true match exists) + random queries at T=31 through the index and through a brute-force
// scan in the same run, checks recall, and times batches: the same queries in blocks on this
// thread (block kernel, one core), and a batch of 100,000 spread over worker threads.
// Large n needs memory: ~95 bytes/hash for the index plus 32 bytes/hash of raw codes.
// Options: --n, --queries 1000, --random 200, --batch 100000, --threads 2, --seed 1,
// --scan <max queries for the brute-force pass>, --clustered 0 (uniform data only),
// --snapshot 0 (skip timing a snapshot save and restart in the temp directory).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MatchIndexStore } from '../src/matchindex/store.js';
import { bruteForce, codeArray, HitList, ParallelMatcher, PdqIndex, Prng, scanCodes } from '../src/matching/index.js';
import { rerunWithGlibcTunables } from './glibc-tunables.js';

// Transparent huge pages for the typed arrays cut TLB misses on random access (~15% more
// queries/s at 10 M here). glibc only madvises its mmap chunks when told at process start,
// so re-run this script with the tunable set (BENCH_NO_THP=1 to measure without).
rerunWithGlibcTunables('glibc.malloc.hugetlb=1', 'hugetlb', !!process.env.BENCH_NO_THP);

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return def;
  const v = Number(String(process.argv[i + 1]).replace(/_/g, ''));
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} needs a number`);
  return v;
}
const N = arg('n', 1_000_000),
  PERTURBED = arg('queries', 1000),
  RANDOM = arg('random', 200);
const BATCH = arg('batch', 100_000),
  THREADS = arg('threads', 2),
  SEED = arg('seed', 1),
  SCAN = arg('scan', Infinity);
const CLUSTERED = arg('clustered', 1) !== 0; // --clustered 0 skips the clustered data set
const SNAPSHOT = arg('snapshot', 1) !== 0; // --snapshot 0 skips the save/restart timing
const T = 31;
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** uniform: random bits. clustered: families (1..32 members) of a base with 0..40 bit flips. */
function generate(kind: 'uniform' | 'clustered', n: number, rng: Prng): Uint32Array {
  const codes = rng.codes(n);
  if (kind === 'clustered') {
    for (let i = 0; i < n;) {
      const fam = 1 + rng.int(32);
      for (let k = 1; k < fam && i + k < n; k++) {
        codes.copyWithin((i + k) * 8, i * 8, i * 8 + 8);
        rng.flip(codes, (i + k) * 8, rng.int(41));
      }
      i += fam;
    }
  }
  return codes;
}

function queries(rng: Prng, codes: Uint32Array, n: number, perturbed: number, random: number): Uint32Array {
  const qs = new Uint32Array((perturbed + random) * 8);
  for (let q = 0; q < perturbed; q++) {
    const b = rng.int(n) * 8;
    qs.set(codes.subarray(b, b + 8), q * 8);
    rng.flip(qs, q * 8, rng.int(31)); // up to 30 flips: the base stays within T
  }
  rng.codes(random, qs, perturbed * 8);
  return qs;
}

interface Result {
  qps: number;
  cpuQps: number;
  scanQps: number;
  wasmScanQps: number;
  wasmExact: boolean;
  recall: number;
  exact: boolean;
  bytesPerHash: number;
  buildS: number;
  batchQps: number;
  snapshot: string;
  blockQps: number;
  blockExact: boolean;
  batchS: number;
  avgHits: number;
  segments: string;
}

async function run(kind: 'uniform' | 'clustered'): Promise<Result> {
  const rng = new Prng(SEED * 7919 + (kind === 'uniform' ? 1 : 2));
  const codes = generate(kind, N, rng);
  const ids = new Float64Array(N);
  for (let i = 0; i < N; i++) ids[i] = i + 1;
  let t = performance.now();
  const index = PdqIndex.build(ids, codes);
  const buildS = (performance.now() - t) / 1000;
  const bytesPerHash = index.memoryBytes() / N;
  const seg = index.stats().segments[0];
  const qs = queries(rng, codes, N, PERTURBED, RANDOM);
  const Q = PERTURBED + RANDOM;

  const hits = new HitList(1024);
  for (let q = 0; q < Math.min(Q, 100); q++) {
    hits.reset();
    index.queryInto(qs, q * 8, T, hits, 0);
  } // warm-up
  // Three timed passes (the machine may be shared): report the median, keep results of the last.
  let found: Float64Array[] = [];
  const passes: { qps: number; cpuQps: number }[] = [];
  for (let pass = 0; pass < 3; pass++) {
    found = [];
    const cpu0 = process.cpuUsage();
    t = performance.now();
    for (let q = 0; q < Q; q++) {
      hits.reset();
      index.queryInto(qs, q * 8, T, hits, 0);
      found.push(hits.ids.slice(0, hits.count));
    }
    const ms = performance.now() - t,
      cpu = process.cpuUsage(cpu0);
    passes.push({ qps: Q / (ms / 1000), cpuQps: Q / ((cpu.user + cpu.system) / 1e6) });
  }
  passes.sort((a, b) => a.qps - b.qps);
  const { qps, cpuQps } = passes[1];

  // Brute force over the same queries: speed and the ground truth for recall.
  const nScan = Math.min(Q, SCAN);
  let expected = 0,
    recovered = 0,
    exact = true,
    totalHits = 0;
  t = performance.now();
  const truth: number[][] = [];
  for (let q = 0; q < nScan; q++) truth.push(bruteForce(codes, qs.subarray(q * 8, q * 8 + 8), T).map((h) => h.index + 1));
  const scanMs = performance.now() - t;
  for (let q = 0; q < nScan; q++) {
    const got = new Set(found[q]);
    expected += truth[q].length;
    for (const id of truth[q]) if (got.has(id)) recovered++;
    if (got.size !== truth[q].length || found[q].length !== truth[q].length) exact = false;
  }
  for (const f of found) totalHits += f.length;
  const scanQps = nScan / (scanMs / 1000);
  // The WebAssembly scan (the index's own scan path) over a copy of the codes in wasm memory.
  const wcodes = codeArray(N * 8);
  wcodes.set(codes);
  t = performance.now();
  let wasmExact = true;
  for (let q = 0; q < nScan; q++) {
    const got = scanCodes(wcodes, qs.subarray(q * 8, q * 8 + 8), T).map((h) => h.index + 1);
    if (got.join() !== truth[q].join()) wasmExact = false;
  }
  const wasmScanQps = nScan / ((performance.now() - t) / 1000);
  const recall = expected === 0 ? 1 : recovered / expected;

  // The same queries as one batch on this thread (block kernel, one core): rate, and the
  // same rows as one query at a time.
  const blockPasses: number[] = [];
  let block = index.queryBatch(qs, { radius: T });
  for (let pass = 0; pass < 3; pass++) {
    t = performance.now();
    block = index.queryBatch(qs, { radius: T });
    blockPasses.push(Q / ((performance.now() - t) / 1000));
  }
  blockPasses.sort((a, b) => a - b);
  const blockQps = blockPasses[1];
  let blockExact = true;
  for (let q = 0; q < Q; q++) {
    const row = block.ids.subarray(block.offsets[q], block.offsets[q + 1]);
    if (row.length !== found[q].length || !row.every((id) => found[q].includes(id))) blockExact = false;
  }

  // A batch of BATCH fresh queries over worker threads.
  const matcher = new ParallelMatcher(index, { threads: THREADS });
  await matcher.queryBatch(qs, { radius: T });
  const batch = queries(rng, codes, N, Math.round(BATCH * 0.85), BATCH - Math.round(BATCH * 0.85));
  let batchS = Infinity;
  for (let pass = 0; pass < 2; pass++) {
    // best of two
    t = performance.now();
    const res = await matcher.queryBatch(batch, { radius: T });
    batchS = Math.min(batchS, (performance.now() - t) / 1000);
    if (pass === 0) {
      // spot check: rows of the first queries equal one-at-a-time results
      for (let q = 0; q < Math.min(BATCH, 300); q++) {
        hits.reset();
        index.queryInto(batch, q * 8, T, hits, 0);
        const row = res.ids.subarray(res.offsets[q], res.offsets[q + 1]);
        if (row.length !== hits.count || !row.every((id) => hits.ids.subarray(0, hits.count).includes(id))) blockExact = false;
      }
    }
  }
  const batchQps = BATCH / batchS;
  await matcher.close();

  // Restart from a snapshot (the service's path): save, then open a fresh store, which
  // verifies the checksum and the watermark instead of rebuilding from SQL.
  let snapshot = 'skipped (--snapshot 0)';
  if (SNAPSHOT && kind === 'uniform') {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-mih-'));
    try {
      const store = new MatchIndexStore({ dir });
      store.index = index;
      t = performance.now();
      store.save({ maxId: N, count: N });
      const saveS = (performance.now() - t) / 1000,
        mb = statSync(store.file).size / 2 ** 20;
      const again = new MatchIndexStore({ dir });
      const rep = await again.open({
        async *rowsAfter() {
          /* nothing newer */
        },
        countUpTo: async () => N,
      });
      hits.reset();
      again.index.queryInto(qs, 0, T, hits, 0);
      const same = hits.count === found[0].length;
      snapshot = `save ${fmt(saveS, 1)} s (${fmt(mb)} MiB), restart from it ${fmt(rep.ms / 1000, 1)} s (${rep.from}${rep.reason ? ': ' + rep.reason : ''}${same ? '' : ', ANSWERS DIFFER'})`;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const r: Result = {
    qps,
    cpuQps,
    scanQps,
    wasmScanQps,
    wasmExact,
    recall,
    exact,
    bytesPerHash,
    buildS,
    batchQps,
    snapshot,
    blockQps,
    blockExact,
    batchS,
    avgHits: totalHits / Q,
    segments: `m=${seg.m} prefixBits=${seg.prefixBits} codes=${fmt(seg.live)}`,
  };
  console.log(`[${kind}] n=${fmt(N)} build ${fmt(buildS, 1)} s, ${fmt(bytesPerHash, 1)} bytes/hash (${r.segments}); ${hugePages()}`);
  console.log(
    `[${kind}] index: ${fmt(qps)} q/s wall (median of 3 passes: ${passes.map((p) => fmt(p.qps)).join(' / ')}), ${fmt(cpuQps)} q/s per CPU-second, ${fmt(r.avgHits, 2)} hits/query (${PERTURBED} perturbed + ${RANDOM} random, T=${T})`,
  );
  console.log(
    `[${kind}] scan:  ${fmt(scanQps, 2)} q/s over ${nScan} queries (plain-JS reference); speedup ${fmt(qps / scanQps)}x; recall ${recall.toFixed(3)} (${recovered}/${expected})${exact ? ', identical result sets' : ', RESULT SETS DIFFER'}`,
  );
  console.log(
    `[${kind}] wasm scan: ${fmt(wasmScanQps, 2)} q/s (i64.popcnt over the codes in wasm memory, the index's scan with wasmCodes); the index is ${fmt(qps / wasmScanQps)}x it one at a time, ${fmt(blockQps / wasmScanQps)}x in a batch; ${wasmExact ? 'same hits as the reference' : 'HITS DIFFER'}`,
  );
  console.log(
    `[${kind}] block: the same ${Q} queries as one batch on this thread: ${fmt(blockQps)} q/s (median of 3: ${blockPasses.map((x) => fmt(x)).join(' / ')}), ${fmt(blockQps / qps, 1)}x one at a time, ${fmt(blockQps / scanQps)}x the scan; ${blockExact ? 'same rows as one at a time' : 'ROWS DIFFER'}`,
  );
  console.log(`[${kind}] batch: ${fmt(BATCH)} queries on ${THREADS} workers: ${fmt(batchS, 1)} s, ${fmt(batchQps)} q/s (best of 2)`);
  if (kind === 'uniform') console.log(`[${kind}] snapshot: ${snapshot}`);
  return r;
}

function hugePages(): string {
  try {
    const kb = /AnonHugePages:\s+(\d+) kB/.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'))?.[1];
    return kb ? `${fmt(Number(kb) / 1024)} MiB in transparent huge pages` : 'huge pages: unknown';
  } catch {
    return 'huge pages: unknown';
  }
}

const clustered = CLUSTERED ? await run('clustered') : null;
const uniform = await run('uniform');
if (clustered)
  console.log(
    `clustered: qps=${clustered.qps.toFixed(0)} recall=${clustered.recall.toFixed(3)} block_qps=${clustered.blockQps.toFixed(0)} batch_qps=${clustered.batchQps.toFixed(0)}`,
  );
console.log(
  `bench:match n=${N} qps=${uniform.qps.toFixed(0)} scan_qps=${uniform.scanQps.toFixed(2)} speedup=${(uniform.qps / uniform.scanQps).toFixed(0)} ` +
    `wasm_scan_qps=${uniform.wasmScanQps.toFixed(2)} speedup_vs_wasm_scan=${(uniform.qps / uniform.wasmScanQps).toFixed(0)} ` +
    `recall=${uniform.recall.toFixed(3)} bytes_per_hash=${uniform.bytesPerHash.toFixed(1)} ` +
    `block_qps=${uniform.blockQps.toFixed(0)} block_exact=${uniform.blockExact} batch=${BATCH} batch_threads=${THREADS} batch_s=${uniform.batchS.toFixed(1)} batch_qps=${uniform.batchQps.toFixed(0)}`,
);
