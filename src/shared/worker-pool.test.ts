// The shared worker pool with real worker threads (a small TypeScript worker loaded through tsx).
import { describe, expect, it } from 'vitest';
import { PoolClosedError, PoolQueueFullError, PoolStartError, WorkerCrashError, WorkerPool } from './worker-pool.js';

type Req = { op?: string; value?: number };
type Rep = { id: number; value?: number; state: unknown };
const entry = new URL('./worker-pool.test-worker.ts', import.meta.url);

describe('WorkerPool', () => {
  it('runs tasks, a crash fails only its task, and later workers get the broadcast state', async () => {
    const pool = new WorkerPool<Req, Rep>({ entry, size: 2, name: 'test worker' });
    try {
      pool.broadcast({ op: 'state', state: 'v1' });
      const answers = await Promise.all([1, 2, 3, 4].map((value) => pool.run({ value })));
      expect(answers.map((a) => [a.value, a.state])).toEqual([
        [1, 'v1'],
        [2, 'v1'],
        [3, 'v1'],
        [4, 'v1'],
      ]);
      const crash = await pool.run({ op: 'crash' }).catch((e: unknown) => e);
      expect(crash).toBeInstanceOf(WorkerCrashError);
      expect((crash as Error).message).toMatch(/test worker died: exit code 3/);
      pool.broadcast({ op: 'state', state: 'v2' });
      // Both slots busy: one of them is a worker started after the crash, and it holds the latest state.
      const after = await Promise.all([pool.run({ op: 'slow', value: 5 }), pool.run({ op: 'slow', value: 6 })]);
      expect(after.map((a) => [a.value, a.state])).toEqual([
        [5, 'v2'],
        [6, 'v2'],
      ]);
    } finally {
      await pool.close();
    }
    await expect(pool.run({ value: 1 })).rejects.toBeInstanceOf(PoolClosedError);
  });

  it('a worker that never starts fails the queue without respawning', async () => {
    const pool = new WorkerPool<Req, Rep>({ entry: new URL('./no-such-worker.ts', import.meta.url), size: 2, name: 'test worker' });
    try {
      const outcomes = await Promise.all([1, 2, 3].map((value) => pool.run({ value }).catch((e: unknown) => e)));
      for (const o of outcomes) {
        expect(o).toBeInstanceOf(PoolStartError);
        expect((o as Error).message).toMatch(/test worker failed to start/);
      }
    } finally {
      await pool.close();
    }
  });

  it('stops respawning after maxRespawns deaths in a row, and tries again on the next run', async () => {
    const pool = new WorkerPool<Req, Rep>({ entry, size: 1, maxRespawns: 1 });
    try {
      const outcomes = await Promise.all([pool.run({ op: 'crash' }), pool.run({ op: 'crash' }), pool.run({ value: 7 })].map((p) => p.catch((e: unknown) => e)));
      expect(outcomes[0]).toBeInstanceOf(WorkerCrashError);
      expect(outcomes[1]).toBeInstanceOf(WorkerCrashError);
      // The second death in a row exceeded the limit: the waiting task failed instead of getting a third worker.
      expect(outcomes[2]).toBeInstanceOf(PoolStartError);
      expect((await pool.run({ value: 8 })).value).toBe(8);
    } finally {
      await pool.close();
    }
  });

  it('rejects beyond maxQueue waiting tasks, and close() rejects queued and running tasks', async () => {
    const pool = new WorkerPool<Req, Rep>({ entry, size: 1, maxQueue: 2 });
    expect((await pool.run({ value: 0 })).value).toBe(0); // the worker is up: the next task runs at once
    const running = pool.run({ op: 'slow', value: 1 }).catch((e: unknown) => e);
    const queued = [pool.run({ value: 2 }).catch((e: unknown) => e), pool.run({ value: 3 }).catch((e: unknown) => e)];
    await expect(pool.run({ value: 4 })).rejects.toBeInstanceOf(PoolQueueFullError);
    expect(pool.queued).toBe(2);
    await pool.close();
    for (const o of [await running, ...(await Promise.all(queued))]) expect(o).toBeInstanceOf(PoolClosedError);
  });

  it('validates its size', () => {
    expect(() => new WorkerPool({ entry, size: 0 })).toThrow(RangeError);
  });
});
