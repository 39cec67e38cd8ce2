// Batch hashing on the shared worker pool (src/shared/worker-pool.ts): one hashImage per worker at a time,
// lazily started, idle workers unref'd so a forgotten close() does not keep the process alive.

import { availableParallelism } from 'node:os';
import { PoolClosedError, PoolStartError, WorkerPool } from '../shared/worker-pool.js';
import { ImageDecodeError } from './errors.js';
import { hashImage, type HashImageOptions, type ImageHashResult } from './hash-image.js';
import type { HashReply, HashRequest } from './worker.js';

export interface HashPoolOptions {
  /** Number of worker threads (default os.availableParallelism()). */
  size?: number;
  /** Defaults for every hash() call. */
  hashOptions?: HashImageOptions;
  /** libvips threads per process (sharp.concurrency); unset = sharp's default. Process-wide. */
  sharpConcurrency?: number;
  /** Module the worker runs (default ./worker.ts); must answer the HashRequest protocol. */
  workerEntry?: URL;
}

const ENTRY = new URL('./worker.ts', import.meta.url);

export class HashPool {
  readonly size: number;
  private readonly defaults: HashImageOptions;
  private readonly pool: WorkerPool<Omit<HashRequest, 'id'>, HashReply>;

  constructor(options: HashPoolOptions = {}) {
    const size = options.size ?? availableParallelism();
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a positive integer, got ${size}`);
    this.size = size;
    this.defaults = options.hashOptions ?? {};
    this.pool = new WorkerPool({
      entry: options.workerEntry ?? ENTRY,
      size,
      name: 'hashing worker',
      workerData: { sharpConcurrency: options.sharpConcurrency },
    });
  }

  /** Hash a file in a worker. Rejects with ImageDecodeError (path set), or a plain Error if workers cannot start. */
  async hash(path: string, options: HashImageOptions = {}): Promise<ImageHashResult> {
    let msg: HashReply;
    try {
      msg = await this.pool.run({ path, options: { ...this.defaults, ...options } });
    } catch (err) {
      if (err instanceof PoolStartError) throw err;
      // Closed pool: 'unreadable'; a worker crash (e.g. a native decoder fault) fails only this file: 'corrupt'.
      const reason = err instanceof PoolClosedError ? 'unreadable' : 'corrupt';
      throw new ImageDecodeError(reason, err instanceof Error ? err.message : String(err), { path });
    }
    if (msg.ok) return msg.result;
    throw ImageDecodeError.fromJSON({ ...msg.error, path: msg.error.path ?? path });
  }

  /** Stop all workers; queued and running tasks are rejected. */
  close(): Promise<void> {
    return this.pool.close();
  }
}

export interface OrderedItem<T> {
  path: string;
  result?: T;
  error?: ImageDecodeError;
}

/**
 * Run `fn` over items with at most `concurrency` in flight, yielding outcomes in input order.
 * Errors are yielded, not thrown (non-ImageDecodeError failures are wrapped as 'corrupt').
 */
export async function* mapOrdered<T>(
  paths: readonly string[],
  concurrency: number,
  fn: (path: string, index: number) => Promise<T>,
): AsyncGenerator<OrderedItem<T>> {
  const window: Array<Promise<OrderedItem<T>>> = [];
  const start = (p: string, i: number): Promise<OrderedItem<T>> =>
    fn(p, i).then(
      (result) => ({ path: p, result }),
      (err: unknown) => ({
        path: p,
        error: err instanceof ImageDecodeError ? err : new ImageDecodeError('corrupt', err instanceof Error ? err.message : String(err), { path: p }),
      }),
    );
  let next = 0;
  const limit = Math.max(1, concurrency);
  while (next < paths.length && window.length < limit) {
    window.push(start(paths[next]!, next));
    next++;
  }
  while (window.length > 0) {
    const item = await window.shift()!;
    if (next < paths.length) {
      window.push(start(paths[next]!, next));
      next++;
    }
    yield item;
  }
}

/**
 * Hash many files, in input order, on `jobs` worker threads (1 = in this thread, no workers).
 * Keeps about 2 files per worker in flight.
 */
export async function* hashFiles(
  paths: readonly string[],
  options: { jobs?: number; hashOptions?: HashImageOptions; sharpConcurrency?: number } = {},
): AsyncGenerator<OrderedItem<ImageHashResult>> {
  const jobs = options.jobs ?? availableParallelism();
  const hashOptions = options.hashOptions ?? {};
  if (jobs <= 1 || paths.length <= 1) {
    yield* mapOrdered(paths, 1, (p) => hashImage(p, hashOptions));
    return;
  }
  const pool = new HashPool({
    size: Math.min(jobs, paths.length),
    hashOptions,
    ...(options.sharpConcurrency !== undefined ? { sharpConcurrency: options.sharpConcurrency } : {}),
  });
  try {
    yield* mapOrdered(paths, pool.size * 2, (p) => pool.hash(p));
  } finally {
    await pool.close();
  }
}
