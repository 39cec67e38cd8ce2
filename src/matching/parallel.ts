// ParallelMatcher: spreads a batch of queries over worker threads that share the index
// memory (SharedArrayBuffers). Workers pull chunks of queries from a shared counter, so a
// busy core does not hold the batch back. Concurrent add/remove on the main thread are
// picked up by the next batch (a batch sees the index as of its start, modulo tombstones).
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { assemble, packQueries, type BatchOptions, type BatchResult } from './batch-result.js';
import type { PdqIndex } from './pdq-index.js';
import { describeIndex } from './shared.js';
import type { FromWorker, ToWorker } from './worker.js';

export { batchMatches, type BatchOptions, type BatchResult } from './batch-result.js';

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

  constructor(
    private readonly index: PdqIndex,
    opts: { threads?: number } = {},
  ) {
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
    const { words, count, radius, dihedral } = packQueries(queries, opts, true);
    if (this.syncedVersion !== this.index.version) {
      const msg: ToWorker = { type: 'sync', segments: describeIndex(this.index) };
      for (const w of this.workers) w.postMessage(msg);
      this.syncedVersion = this.index.version;
    }
    const batchId = this.nextBatch++;
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const msg: ToWorker = { type: 'batch', batchId, queries: words, count, radius, dihedral, counter, chunk: opts.chunk ?? this.defaultChunk(count, dihedral) };
    const parts = await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<Extract<FromWorker, { type: 'done' }>>((resolve, reject) => {
            const onMsg = (m: FromWorker) => {
              if (m.batchId !== batchId) return;
              cleanup();
              if (m.type === 'done') resolve(m);
              else reject(new Error(`match worker failed: ${m.message}`));
            };
            const onErr = (e: Error) => {
              cleanup();
              reject(e);
            };
            const onExit = (code: number) => {
              cleanup();
              reject(new Error(`match worker exited (code ${code})`));
            };
            const cleanup = () => {
              w.off('message', onMsg);
              w.off('error', onErr);
              w.off('exit', onExit);
              w.unref();
            };
            w.ref();
            w.on('message', onMsg);
            w.on('error', onErr);
            w.on('exit', onExit);
            w.postMessage(msg);
          }),
      ),
    );
    this.lastWorkerStats = parts.map((p) => ({ ms: p.ms, queries: p.queries }));
    return assemble(parts, count, dihedral);
  }

  /** Blocks of up to 2,048 codes (dihedral: 256 queries of 8), but at least two per worker so small batches still spread. */
  private defaultChunk(count: number, dihedral: boolean): number {
    const max = dihedral ? 256 : 2048;
    return Math.max(1, Math.min(max, Math.ceil(count / (2 * this.threads))));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers = [];
  }
}
