// ParallelMatcher: spreads a batch of queries over worker threads that share the index
// memory (SharedArrayBuffers). Workers pull chunks of queries from a shared counter, so a
// busy core does not hold the batch back. Concurrent add/remove on the main thread are
// picked up by the next batch (a batch sees the index as of its start, modulo tombstones).
import { availableParallelism } from 'node:os';
import { WorkerPool } from '../shared/worker-pool.js';
import { assemble, packQueries, type BatchOptions, type BatchResult } from './batch-result.js';
import type { PdqIndex } from './pdq-index.js';
import { describeIndex } from './shared.js';
import type { BatchMsg, FromWorker, ToWorker } from './worker.js';

export { batchMatches, type BatchOptions, type BatchResult } from './batch-result.js';

const ENTRY = new URL('./worker.ts', import.meta.url);

export class ParallelMatcher {
  readonly threads: number;
  private readonly pool: WorkerPool<Omit<BatchMsg, 'id'>, FromWorker>;
  private syncedVersion = -1;
  private busy: Promise<unknown> = Promise.resolve();
  /** Per-worker timings of the last batch (ms, queries). */
  lastWorkerStats: { ms: number; queries: number }[] = [];

  constructor(
    private readonly index: PdqIndex,
    opts: { threads?: number } = {},
  ) {
    this.threads = Math.max(1, opts.threads ?? Math.min(2, availableParallelism()));
    // The shared worker pool (src/shared/worker-pool.ts), started now so the first batch does not wait for workers to load.
    this.pool = new WorkerPool({ entry: ENTRY, size: this.threads, name: 'match worker' });
    this.pool.prestart();
  }

  /** Run a batch. queries: codes or hex strings (8 per query when dihedral), or packed words. */
  queryBatch(queries: Uint32Array | readonly (string | Uint32Array)[], opts: BatchOptions = {}): Promise<BatchResult> {
    const run = this.busy.then(() => this.run(queries, opts));
    // Only orders the batches; each caller gets its own batch's failure from `run`.
    this.busy = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async run(queries: Uint32Array | readonly (string | Uint32Array)[], opts: BatchOptions): Promise<BatchResult> {
    const { words, count, radius, dihedral } = packQueries(queries, opts, true);
    if (this.syncedVersion !== this.index.version) {
      // Every worker (and any started later) mirrors the index segments before its next batch.
      this.pool.broadcast({ type: 'sync', segments: describeIndex(this.index) } satisfies ToWorker);
      this.syncedVersion = this.index.version;
    }
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const msg: Omit<BatchMsg, 'id'> = {
      type: 'batch',
      queries: words,
      count,
      radius,
      dihedral,
      counter,
      chunk: opts.chunk ?? this.defaultChunk(count, dihedral),
    };
    // One task per thread; each pulls chunks from the shared counter until the batch is exhausted.
    const parts = await Promise.all(
      Array.from({ length: this.threads }, async () => {
        const m = await this.pool.run(msg);
        if (m.type === 'error') throw new Error(`match worker failed: ${m.message}`);
        return m;
      }),
    );
    this.lastWorkerStats = parts.map((p) => ({ ms: p.ms, queries: p.queries }));
    return assemble(parts, count, dihedral);
  }

  /** Blocks of up to 2,048 codes (dihedral: 256 queries of 8), but at least two per worker so small batches still spread. */
  private defaultChunk(count: number, dihedral: boolean): number {
    const max = dihedral ? 256 : 2048;
    return Math.max(1, Math.min(max, Math.ceil(count / (2 * this.threads))));
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
