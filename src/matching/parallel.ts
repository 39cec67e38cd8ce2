// ParallelMatcher: spreads a batch of queries over worker threads that share the index
// memory (SharedArrayBuffers). Workers pull chunks of queries from a shared counter, so a
// busy core does not hold the batch back. Concurrent add/remove on the main thread are
// picked up by the next batch (a batch sees the index as of its start, modulo tombstones).
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { checkRadius, toCode } from './code.js';
import { byDistanceThenId, dihedralWords, type DihedralMatch, type Match, type PdqIndex } from './pdq-index.js';
import { describeIndex } from './shared.js';
import type { FromWorker, ToWorker } from './worker.js';

export interface BatchOptions {
  radius?: number;
  /** Each query is 8 codes (dihedral variants); rows carry the best variant. */
  dihedral?: boolean;
  /** Queries per work unit (default 64). */
  chunk?: number;
}

/** Rows of query q are [offsets[q], offsets[q+1]), sorted by distance then id. */
export interface BatchResult {
  count: number;
  offsets: Uint32Array;
  ids: Float64Array;
  distances: Uint16Array;
  /** Best dihedral variant per row (dihedral batches only). */
  variants: Uint8Array | null;
}

export function batchMatches(r: BatchResult, q: number): (Match | DihedralMatch)[] {
  const out: (Match | DihedralMatch)[] = [];
  for (let i = r.offsets[q]; i < r.offsets[q + 1]; i++) {
    out.push(r.variants ? { id: r.ids[i], distance: r.distances[i], variant: r.variants[i] } : { id: r.ids[i], distance: r.distances[i] });
  }
  return out;
}

/** Start a worker on worker.ts; under tsx/vitest the worker registers tsx itself. */
function spawnWorker(): Worker {
  const url = new URL('./worker.ts', import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const boot = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(url.href)});`;
  return new Worker(new URL('data:text/javascript,' + encodeURIComponent(boot)));
}

export class ParallelMatcher {
  readonly threads: number;
  private workers: Worker[] = [];
  private syncedVersion = -1;
  private nextBatch = 1;
  private busy: Promise<unknown> = Promise.resolve();
  /** Per-worker timings of the last batch (ms, queries). */
  lastWorkerStats: { ms: number; queries: number }[] = [];

  constructor(private readonly index: PdqIndex, opts: { threads?: number } = {}) {
    this.threads = Math.max(1, opts.threads ?? Math.min(2, availableParallelism()));
    for (let i = 0; i < this.threads; i++) {
      const w = spawnWorker();
      w.unref();
      this.workers.push(w);
    }
  }

  /** Run a batch. queries: codes or hex strings (8 per query when dihedral), or packed words. */
  queryBatch(queries: Uint32Array | readonly (string | Uint32Array)[], opts: BatchOptions = {}): Promise<BatchResult> {
    const run = this.busy.then(() => this.run(queries, opts));
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async run(queries: Uint32Array | readonly (string | Uint32Array)[], opts: BatchOptions): Promise<BatchResult> {
    const radius = checkRadius(opts.radius ?? 31), dihedral = opts.dihedral ?? false;
    const stride = dihedral ? 64 : 8;
    const words = new Uint32Array(new SharedArrayBuffer(Math.max(1, queries.length) * 4 * (queries instanceof Uint32Array ? 1 : 8)));
    if (queries instanceof Uint32Array) words.set(queries);
    else queries.forEach((c, i) => words.set(toCode(c), i * 8));
    const nWords = queries instanceof Uint32Array ? queries.length : queries.length * 8;
    if (nWords % stride !== 0) throw new RangeError(dihedral ? 'dihedral batch needs 8 codes per query' : 'queries must be whole codes');
    const count = nWords / stride;
    if (this.syncedVersion !== this.index.version) {
      const msg: ToWorker = { type: 'sync', segments: describeIndex(this.index) };
      for (const w of this.workers) w.postMessage(msg);
      this.syncedVersion = this.index.version;
    }
    const batchId = this.nextBatch++;
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const msg: ToWorker = { type: 'batch', batchId, queries: words, count, radius, dihedral, counter, chunk: opts.chunk ?? 64 };
    const parts = await Promise.all(this.workers.map((w) => new Promise<Extract<FromWorker, { type: 'done' }>>((resolve, reject) => {
      const onMsg = (m: FromWorker) => {
        if (m.batchId !== batchId) return;
        cleanup();
        if (m.type === 'done') resolve(m); else reject(new Error(`match worker failed: ${m.message}`));
      };
      const onErr = (e: Error) => { cleanup(); reject(e); };
      const onExit = (code: number) => { cleanup(); reject(new Error(`match worker exited (code ${code})`)); };
      const cleanup = () => { w.off('message', onMsg); w.off('error', onErr); w.off('exit', onExit); w.unref(); };
      w.ref();
      w.on('message', onMsg);
      w.on('error', onErr);
      w.on('exit', onExit);
      w.postMessage(msg);
    })));
    this.lastWorkerStats = parts.map((p) => ({ ms: p.ms, queries: p.queries }));
    return assemble(parts, count, dihedral);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers = [];
  }
}

function assemble(parts: { ids: Float64Array; dist: Uint16Array; tag: Uint32Array }[], count: number, dihedral: boolean): BatchResult {
  // Group raw hits by query (tag = query, or query * 8 + variant), then sort/reduce per query.
  const counts = new Uint32Array(count + 1);
  for (const p of parts) for (let i = 0; i < p.tag.length; i++) counts[(dihedral ? p.tag[i] >>> 3 : p.tag[i]) + 1]++;
  for (let q = 0; q < count; q++) counts[q + 1] += counts[q];
  const total = counts[count], pos = counts.slice(0, count);
  const ids = new Float64Array(total), dist = new Uint16Array(total), vars = new Uint8Array(total);
  for (const p of parts) {
    for (let i = 0; i < p.tag.length; i++) {
      const q = dihedral ? p.tag[i] >>> 3 : p.tag[i], k = pos[q]++;
      ids[k] = p.ids[i]; dist[k] = p.dist[i]; vars[k] = p.tag[i] & 7;
    }
  }
  const offsets = new Uint32Array(count + 1);
  const outIds: number[] = [], outDist: number[] = [], outVar: number[] = [];
  for (let q = 0; q < count; q++) {
    offsets[q] = outIds.length;
    const rows: DihedralMatch[] = [];
    for (let k = counts[q]; k < counts[q + 1]; k++) rows.push({ id: ids[k], distance: dist[k], variant: vars[k] });
    let list = rows;
    if (dihedral && rows.length > 1) {
      const best = new Map<number, DihedralMatch>();
      for (const r of rows) {
        const cur = best.get(r.id);
        if (!cur || r.distance < cur.distance || (r.distance === cur.distance && r.variant < cur.variant)) best.set(r.id, r);
      }
      list = [...best.values()];
    }
    list.sort(byDistanceThenId);
    for (const r of list) { outIds.push(r.id); outDist.push(r.distance); outVar.push(r.variant); }
  }
  offsets[count] = outIds.length;
  return {
    count, offsets, ids: Float64Array.from(outIds), distances: Uint16Array.from(outDist),
    variants: dihedral ? Uint8Array.from(outVar) : null,
  };
}
