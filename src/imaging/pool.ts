// worker_threads pool for batch hashing: one hashImage per worker at a time, lazily started,
// idle workers unref'd so a forgotten close() does not keep the process alive.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
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

interface Task {
  id: number;
  path: string;
  options: HashImageOptions;
  resolve: (r: ImageHashResult) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./worker.ts', import.meta.url).href;

export class HashPool {
  readonly size: number;
  private readonly defaults: HashImageOptions;
  private readonly sharpConcurrency: number | undefined;
  private readonly entry: string;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: HashPoolOptions = {}) {
    const size = options.size ?? availableParallelism();
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a positive integer, got ${size}`);
    this.size = size;
    this.defaults = options.hashOptions ?? {};
    this.sharpConcurrency = options.sharpConcurrency;
    this.entry = options.workerEntry?.href ?? ENTRY;
  }

  /** Hash a file in a worker. Rejects with ImageDecodeError (path set), or a plain Error if workers cannot start. */
  hash(path: string, options: HashImageOptions = {}): Promise<ImageHashResult> {
    if (this.closed) return Promise.reject(new ImageDecodeError('unreadable', 'hash pool is closed', { path }));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, path, options: { ...this.defaults, ...options }, resolve, reject });
      this.pump();
    });
  }

  /** Stop all workers; queued and running tasks are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new ImageDecodeError('unreadable', 'hash pool closed before the file was hashed', { path: t.path }));
    const slots = this.slots.splice(0);
    for (const s of slots) {
      if (s.task) s.task.reject(new ImageDecodeError('unreadable', 'hash pool closed while hashing', { path: s.task.path }));
      s.task = null;
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(BOOT, { workerData: { entry: this.entry, sharpConcurrency: this.sharpConcurrency } });
    const slot: Slot = { worker, ready: false, task: null };
    worker.on('message', (msg: HashReply | { ready: true }) => {
      if ('ready' in msg) {
        slot.ready = true;
        this.pump();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== msg.id) return;
      slot.task = null;
      if (msg.ok) task.resolve(msg.result);
      else task.reject(ImageDecodeError.fromJSON({ ...msg.error, path: msg.error.path ?? task.path }));
      this.pump();
    });
    const fail = (why: string): void => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      const task = slot.task;
      slot.task = null;
      // A crash (e.g. a native decoder fault) fails only the file being hashed.
      if (task) task.reject(new ImageDecodeError('corrupt', `hashing worker died: ${why}`, { path: task.path }));
      if (!slot.ready) {
        // The worker never started (broken install?): respawning would loop, so fail the queue.
        const err = new Error(`hashing worker failed to start: ${why}`);
        for (const t of this.queue.splice(0)) t.reject(err);
        return;
      }
      if (!this.closed) this.pump();
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => {
      if (this.slots.includes(slot) || slot.task) fail(`exit code ${code}`);
    });
    this.slots.push(slot);
    return slot;
  }

  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (slot.ready && !slot.task) this.dispatch(slot, this.queue.shift()!);
    }
    // Start more workers only for queued work that no idle or starting worker will take.
    let unserved = this.queue.length - this.slots.filter((s) => !s.task).length;
    while (unserved > 0 && this.slots.length < this.size) {
      this.spawn();
      unserved--;
    }
    for (const s of this.slots) {
      if (s.task || !s.ready) s.worker.ref();
      else s.worker.unref();
    }
  }

  private dispatch(slot: Slot, task: Task): void {
    slot.task = task;
    slot.worker.postMessage({ id: task.id, path: task.path, options: task.options } satisfies HashRequest);
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
