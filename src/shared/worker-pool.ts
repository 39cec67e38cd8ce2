// The one worker-thread pool (file hashing, ingest hashing, batch matching all run on it).
//  - Workers start lazily, one per queued task no idle worker will take, up to `size`; `prestart()` starts them all.
//  - A worker posts { ready: true } once loaded. One that dies before that never started (broken install, missing
//    module): the queue fails with PoolStartError and nothing is respawned, so a bad entry cannot loop.
//  - A worker that dies mid-task fails only that task (WorkerCrashError); the next queued task gets a fresh one.
//    After `maxRespawns` deaths in a row with no task answered in between, the queue fails (PoolStartError) and
//    the next run() tries again: crashes cost work, never an endless spawn loop.
//  - Backpressure: more than `maxQueue` waiting tasks and run() rejects with PoolQueueFullError.
//  - Idle workers are unref'd (a forgotten close() does not keep the process alive); close() rejects what is
//    queued or running (PoolClosedError) and terminates the workers.
//  - `broadcast(msg)`: state every worker holds (the matcher's index segments); sent to the live workers now and
//    to each worker started later, before its first task.
// Protocol: the pool posts { ...task, id } and the worker answers with a message carrying the same id.
import { Worker, type Transferable } from 'node:worker_threads';

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

export interface WorkerPoolOptions {
  /** Module the workers run; a .ts entry is loaded through tsx (worker-boot.mjs). */
  entry: URL;
  /** Maximum number of worker threads (a positive integer). */
  size: number;
  /** Name in error messages ("hashing worker", "match worker"). */
  name?: string;
  /** Passed to the worker as workerData (with `entry`). */
  workerData?: Record<string, unknown>;
  /** Waiting tasks beyond this reject with PoolQueueFullError (default: unbounded). */
  maxQueue?: number;
  /** Workers that may die in a row, with no task answered in between, before the queue is failed (default 2 × size + 2). */
  maxRespawns?: number;
}

export class PoolClosedError extends Error {}
export class PoolStartError extends Error {}
export class PoolQueueFullError extends Error {}
export class WorkerCrashError extends Error {}

interface Task<Rep> {
  id: number;
  msg: object;
  transfer: readonly Transferable[] | undefined;
  resolve: (r: Rep) => void;
  reject: (e: Error) => void;
}
interface Slot<Rep> {
  worker: Worker;
  ready: boolean;
  task: Task<Rep> | null;
}

export class WorkerPool<Req extends object, Rep extends { id: number }> {
  readonly size: number;
  private readonly name: string;
  private readonly maxQueue: number;
  private readonly maxRespawns: number;
  private readonly slots: Slot<Rep>[] = [];
  private readonly queue: Task<Rep>[] = [];
  private shared: { msg: object; transfer?: readonly Transferable[] } | null = null;
  private nextId = 1;
  private deaths = 0;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    const size = options.size;
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a positive integer, got ${size}`);
    this.size = size;
    this.name = options.name ?? 'worker';
    this.maxQueue = options.maxQueue ?? Infinity;
    this.maxRespawns = options.maxRespawns ?? 2 * size + 2;
  }

  /** Tasks waiting for a worker (not counting those running). */
  get queued(): number {
    return this.queue.length;
  }

  /** Run one task on a worker; resolves with the worker's answer (whatever it says, errors included). */
  run(msg: Req, transfer?: readonly Transferable[]): Promise<Rep> {
    if (this.closed) return Promise.reject(new PoolClosedError(`the ${this.name} pool is closed`));
    if (this.queue.length >= this.maxQueue) return Promise.reject(new PoolQueueFullError(`the ${this.name} pool has ${this.queue.length} tasks waiting`));
    return new Promise<Rep>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, msg, transfer, resolve, reject });
      this.pump();
    });
  }

  /** Start every worker now (for pools whose first task should not wait for workers to load). */
  prestart(): void {
    while (!this.closed && this.slots.length < this.size) this.spawn();
    this.refs();
  }

  /** State for every worker: posted to each live worker now and to each one started later. */
  broadcast(msg: object, transfer?: readonly Transferable[]): void {
    this.shared = { msg, ...(transfer ? { transfer } : {}) };
    for (const s of this.slots) s.worker.postMessage(msg, transfer);
  }

  /** Stop all workers; queued and running tasks reject with PoolClosedError. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new PoolClosedError(`the ${this.name} pool closed before the task ran`));
    const slots = this.slots.splice(0);
    for (const s of slots) {
      s.task?.reject(new PoolClosedError(`the ${this.name} pool closed while the task ran`));
      s.task = null;
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private spawn(): void {
    const worker = new Worker(this.options.entry.pathname.endsWith('.ts') ? BOOT : this.options.entry, {
      workerData: { ...this.options.workerData, entry: this.options.entry.href },
    });
    const slot: Slot<Rep> = { worker, ready: false, task: null };
    if (this.shared) worker.postMessage(this.shared.msg, this.shared.transfer);
    worker.on('message', (msg: Rep | { ready: true }) => {
      if ('ready' in msg) {
        slot.ready = true;
        this.pump();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== msg.id) return;
      slot.task = null;
      this.deaths = 0;
      task.resolve(msg);
      this.pump();
    });
    const fail = (why: string): void => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      const task = slot.task;
      slot.task = null;
      // A crash (e.g. a native decoder fault) fails only the task it was running.
      task?.reject(new WorkerCrashError(`${this.name} died: ${why}`));
      if (this.closed) return;
      if (!slot.ready) return this.failQueue(new PoolStartError(`${this.name} failed to start: ${why}`));
      if (++this.deaths > this.maxRespawns) {
        this.deaths = 0;
        return this.failQueue(new PoolStartError(`${this.name}s died ${this.maxRespawns + 1} times in a row (last: ${why})`));
      }
      this.pump();
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => {
      if (this.slots.includes(slot) || slot.task) fail(`exit code ${code}`);
    });
    this.slots.push(slot);
  }

  private failQueue(err: Error): void {
    for (const t of this.queue.splice(0)) t.reject(err);
    this.refs();
  }

  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (slot.ready && !slot.task) {
        const task = this.queue.shift()!;
        slot.task = task;
        slot.worker.postMessage({ ...task.msg, id: task.id }, task.transfer);
      }
    }
    // Start more workers only for queued work that no idle or starting worker will take.
    let unserved = this.queue.length - this.slots.filter((s) => !s.task).length;
    while (unserved-- > 0 && this.slots.length < this.size) this.spawn();
    this.refs();
  }

  private refs(): void {
    for (const s of this.slots) {
      if (s.task || (!s.ready && this.queue.length > 0)) s.worker.ref();
      else s.worker.unref();
    }
  }
}
